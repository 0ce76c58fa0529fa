import { z } from 'zod';
import { Bilingual, MatchedDirection, Reasons, Tier } from '../scores.ts';

/** The parts of a score (each 0..1 with its weight and points), in display order. */
export const COMPONENT_KEYS = [
  'directionFit',
  'chainGap',
  'stageFit',
  'scale',
  'needs',
  'readiness',
  'completeness',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

const ComponentView = z.object({ value: z.number(), weight: z.number(), points: z.number() });

/** A lead's score at one park, with everything behind it. */
export const MatchView = z
  .object({
    parkId: z.string(),
    score: z.number(),
    tier: Tier,
    excluded: Bilingual.optional(),
    matchedDirections: z.array(MatchedDirection),
    components: z.record(z.enum(COMPONENT_KEYS), ComponentView),
    reasons: Reasons,
    engineVersion: z.string(),
    catalogVersion: z.number().int(),
  })
  .meta({ id: 'Match' });
export type MatchView = z.infer<typeof MatchView>;

export const LeadMatches = z
  .object({ leadId: z.string(), items: z.array(MatchView) })
  .meta({ id: 'LeadMatches' });
export type LeadMatches = z.infer<typeof LeadMatches>;

/** One line of a park's ranked lead list. */
export const RankedLead = z
  .object({
    leadId: z.string(),
    firmName: z.string(),
    projectTitle: z.string(),
    score: z.number(),
    tier: Tier,
    matchedDirections: z.array(MatchedDirection),
    reasons: Reasons,
  })
  .meta({ id: 'RankedLead' });
export type RankedLead = z.infer<typeof RankedLead>;

export const RankedLeadPage = z
  .object({ items: z.array(RankedLead), nextCursor: z.string().nullable() })
  .meta({ id: 'RankedLeadPage' });
export type RankedLeadPage = z.infer<typeof RankedLeadPage>;
