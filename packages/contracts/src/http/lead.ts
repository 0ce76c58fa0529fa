import { z } from 'zod';
import { AnyStageFacts, PIPELINE_STAGES, Stage } from '../pipeline.ts';
import { Tier } from '../scores.ts';
import { LeadProfile } from './firm.ts';

/** How one park rated a lead. */
export const ParkRating = z.object({ tier: Tier, score: z.number() });
export type ParkRating = z.infer<typeof ParkRating>;

/** Who did something to a lead, and when. */
const Since = z.object({ by: z.string(), since: z.iso.datetime() });

/** One line of a lead's history: a claim, a transfer, a stage move or a liaison named. */
export const LeadHistoryEntry = z
  .object({
    kind: z.enum(['claimed', 'transferred', 'stage', 'liaison']),
    at: z.iso.datetime(),
    by: z.string(),
    parkId: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    note: z.string().optional(),
    facts: AnyStageFacts.optional(),
  })
  .meta({ id: 'LeadHistoryEntry' });
export type LeadHistoryEntry = z.infer<typeof LeadHistoryEntry>;

/** A lead as the leads service shows it to the teams that may see it (the firm itself sees FirmLeadView). */
export const LeadView = z
  .object({
    id: z.string(),
    revision: z.number().int().meta({ description: "The profile's revision (each update adds one)" }),
    stage: Stage,
    /** For on-hold and lost: the pipeline stage the lead left. */
    heldFrom: z.enum(PIPELINE_STAGES).optional(),
    stageEnteredAt: z.iso.datetime(),
    pipelineRevision: z
      .number()
      .int()
      .meta({ description: 'Send it back with a move: a move made on an older one is refused (409)' }),
    owner: Since.extend({ parkId: z.string() }).optional(),
    liaison: Since.extend({ username: z.string() }).optional(),
    /** The facts recorded on entering each stage that has some (签约 investment, 注册 entity …). */
    facts: z.record(z.string(), AnyStageFacts),
    history: z.array(LeadHistoryEntry),
    profile: LeadProfile,
    parks: z.record(z.string(), ParkRating),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Lead' });
export type LeadView = z.infer<typeof LeadView>;

export const SubmittedProfile = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    stage: Stage,
    accessToken: z
      .string()
      .meta({ description: 'Bearer token for the firm to read and update its own profile' }),
  })
  .meta({ id: 'SubmittedProfile' });
export type SubmittedProfile = z.infer<typeof SubmittedProfile>;
