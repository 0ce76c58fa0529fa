import { z } from 'zod';
import { ParkId } from '../parks.ts';
import { AnyStageFacts, PIPELINE_STAGES, Stage } from '../pipeline.ts';
import { LeadView, ParkRating } from './lead.ts';
import { Problem } from './problem.ts';

// The closed loop over HTTP: claiming a lead (首报首谈), transferring it, moving it through
// the pipeline, and the teams' lead list.

const text = (max: number) => z.string().trim().min(1).max(max);

/** How a move relates to the stage it leaves. */
export const MOVE_KINDS = ['next', 'skip', 'back', 'hold', 'lose', 'resume', 'reopen'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
/** What a move needs besides being legal: a note, a manager, the facts of the stage entered. */
export const MOVE_NEEDS = ['note', 'manager', 'facts'] as const;
export type MoveNeed = (typeof MOVE_NEEDS)[number];

export const LegalMoveView = z
  .object({
    to: Stage,
    kind: z.enum(MOVE_KINDS),
    needs: z.array(z.enum(MOVE_NEEDS)).meta({ description: 'What the caller must still give for this move' }),
  })
  .meta({ id: 'LegalMove' });
export type LegalMoveView = z.infer<typeof LegalMoveView>;

/** A lead as a park's team works it: the lead, and the moves the caller may make from here. */
export const TeamLeadView = LeadView.extend({
  legalMoves: z.array(LegalMoveView).meta({
    description: 'Empty unless the caller may move the lead (its owner park’s team, city-wide staff)',
  }),
}).meta({ id: 'TeamLead' });
export type TeamLeadView = z.infer<typeof TeamLeadView>;

/**
 * When a step happened, for an admin importing an office's history (its Excel ledgers): an ISO
 * datetime, not in the future and not before what the lead already records. Anyone else who
 * sends it gets 400; without it the step happens now.
 */
export const importedAt = (what: string, notBefore = 'the lead’s creation or its latest history entry') =>
  z.iso
    .datetime({ offset: true })
    .optional()
    .meta({
      description:
        `Admins only, to import history: when ${what} happened (ISO datetime such as ` +
        `\`2026-03-18T09:30:00+08:00\`), not in the future and not before ${notBefore}. ` +
        'Others get 400 (field error). Default: now',
    });

export const ClaimRequest = z
  .strictObject({
    parkId: ParkId.optional().meta({
      description: 'The park claiming: required for admins and city managers, else the caller’s own park',
    }),
    at: importedAt('the claim'),
  })
  .meta({ id: 'ClaimRequest' });
export type ClaimRequest = z.infer<typeof ClaimRequest>;

export const TransferRequest = z
  .strictObject({
    toParkId: ParkId,
    reason: text(500),
    pipelineRevision: z.number().int().min(1).meta({
      description: 'The lead’s `pipelineRevision` as the caller read it: a stale one is refused (409)',
    }),
    at: importedAt('the transfer'),
  })
  .meta({ id: 'TransferRequest' });
export type TransferRequest = z.infer<typeof TransferRequest>;

export const MoveRequest = z
  .strictObject({
    to: Stage,
    pipelineRevision: z.number().int().min(1).meta({
      description: 'The lead’s `pipelineRevision` as the caller read it: a stale one is refused (409)',
    }),
    note: text(2000).optional().meta({ description: 'Why: required to skip forward, go back or reopen' }),
    facts: AnyStageFacts.optional().meta({
      description:
        'The facts of the stage entered (签约, 注册落地, 开工建设, 投产, 搁置, 流失): see the StageFacts schemas. ' +
        'Their dates are checked against the day of the move',
    }),
    at: importedAt(
      'the move',
      'the lead’s creation, the time it entered its current stage or its latest history entry',
    ),
  })
  .meta({ id: 'MoveRequest' });
export type MoveRequest = z.infer<typeof MoveRequest>;

/** A conflict in the pipeline: the lead as it stands, and what may be done instead. */
export const PipelineProblem = Problem.extend({
  stage: Stage.optional().meta({ description: 'The lead’s current stage' }),
  pipelineRevision: z.number().int().optional().meta({ description: 'The lead’s current pipeline revision' }),
  legal: z.array(Stage).optional().meta({ description: 'An illegal move: the stages the lead may move to' }),
  owner: z.object({ parkId: z.string() }).optional().meta({ description: 'A claimed lead: its owner park' }),
}).meta({ id: 'PipelineProblem' });

/** One line of a team's lead list. */
export const LeadListItem = z
  .object({
    id: z.string(),
    firmName: z.string(),
    creditCode: z.string(),
    projectTitle: z.string(),
    stage: Stage,
    heldFrom: z.enum(PIPELINE_STAGES).optional(),
    stageEnteredAt: z.iso.datetime(),
    daysInStage: z
      .number()
      .int()
      .meta({ description: 'Calendar days (Asia/Shanghai) since it entered its stage' }),
    pipelineRevision: z.number().int(),
    owner: z.object({ parkId: z.string(), by: z.string(), since: z.iso.datetime() }).optional(),
    liaison: z.object({ username: z.string(), by: z.string(), since: z.iso.datetime() }).optional(),
    rating: ParkRating.extend({ parkId: z.string() }).nullable().meta({
      description: 'The caller’s park’s rating; for city-wide staff the owner park’s, else the best',
    }),
    updatedAt: z.string(),
  })
  .meta({ id: 'LeadListItem' });
export type LeadListItem = z.infer<typeof LeadListItem>;

export const LeadListPage = z
  .object({ items: z.array(LeadListItem), nextCursor: z.string().nullable() })
  .meta({ id: 'LeadListPage' });
export type LeadListPage = z.infer<typeof LeadListPage>;
