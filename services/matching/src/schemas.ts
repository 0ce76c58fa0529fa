import { z } from '@hono/zod-openapi';
import { MatchedDirection, Tier } from '@parkmatch/contracts';
import { COMPONENT_KEYS, DIRECTION_KINDS } from './domain/index.ts';

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ParkIdParam = z.object({
  parkId: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .openapi({ param: { name: 'parkId', in: 'path' }, example: 'dadukou-ivd' }),
});
export const LeadIdParam = z.object({
  leadId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'leadId', in: 'path' } }),
});

export const DirectionView = z.object({
  code: z.string(),
  kind: z.enum(DIRECTION_KINDS),
  label: Bilingual,
  weight: z.number(),
});

export const ParkSummary = z
  .object({ id: z.string(), name: Bilingual, version: z.number().int(), directions: z.array(DirectionView) })
  .openapi('Park');

const Component = z.object({ value: z.number(), weight: z.number(), points: z.number() });
const Reasons = z.object({ zh: z.array(z.string()), en: z.array(z.string()) });

export const MatchView = z
  .object({
    parkId: z.string(),
    score: z.number(),
    tier: Tier,
    excluded: Bilingual.optional(),
    matchedDirections: z.array(MatchedDirection),
    components: z.record(z.enum(COMPONENT_KEYS), Component),
    reasons: Reasons,
    engineVersion: z.string(),
    catalogVersion: z.number().int(),
  })
  .openapi('Match');

export const LeadMatches = z.object({ leadId: z.string(), items: z.array(MatchView) }).openapi('LeadMatches');

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
  .openapi('RankedLead');

export const RankedLeadsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  tier: z.enum(['A', 'B', 'C', 'D']).optional(),
  direction: z
    .string()
    .regex(/^[a-z]+(\.[a-z0-9-]+)*$/)
    .optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
});
