import { z } from 'zod';
import { MatchedDirection, Reasons, Tier } from '../scores.ts';
import { defineEvent } from './envelope.ts';

/**
 * Matching stored a lead's score at one park: on every new profile revision, and on a
 * re-rank when the tier moved. Key: the lead id.
 */
export const leadScored = defineEvent(
  'matching.lead.scored.v1',
  z.object({
    leadId: z.string(),
    parkId: z.string(),
    firmName: z.string(),
    projectTitle: z.string(),
    score: z.number().min(0).max(100),
    tier: Tier,
    /** Tier of this lead at this park before this score, when it had one. */
    previousTier: Tier.optional(),
    matchedDirections: z.array(MatchedDirection),
    reasons: Reasons,
    engineVersion: z.string(),
    catalogVersion: z.number().int().nonnegative(),
    profileRevision: z.number().int().positive(),
  }),
);
