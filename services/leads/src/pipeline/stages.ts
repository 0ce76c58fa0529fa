import {
  type MoveKind,
  type MoveNeed,
  PIPELINE_STAGES,
  type PipelineStage,
  type Stage,
  type StageWithFacts,
} from '@parkmatch/contracts';

// The stage machine of the closed loop, pure: which moves are legal from where, and what
// each needs. Forward one stage is the normal move; skipping forward needs a note; going
// back needs a manager (and a note); 搁置 (on hold) and 流失 (lost) are side exits that
// remember the stage they left, so a held lead resumes there and a lost lead can be
// reopened there (by a manager), without asking again for the facts recorded when it first
// entered that stage. 投产 (operating) ends the loop; a withdrawn lead is closed.

export interface PipelinePosition {
  stage: Stage;
  /** For on-hold and lost: the pipeline stage the lead left. */
  heldFrom?: PipelineStage | undefined;
}

/** What a move needs besides being legal. */
export type Requirement = MoveNeed;

export interface LegalMove {
  to: Stage;
  kind: MoveKind;
  needs: Requirement[];
}

const STAGES_WITH_FACTS: readonly Stage[] = [
  'signed',
  'registered',
  'construction',
  'operating',
  'on-hold',
  'lost',
];
export const needsFacts = (stage: Stage): stage is StageWithFacts => STAGES_WITH_FACTS.includes(stage);

const isPipelineStage = (stage: Stage): stage is PipelineStage =>
  (PIPELINE_STAGES as readonly string[]).includes(stage);

/** Every move legal from here, in a sensible order for a form (next first). */
export function legalMoves(position: PipelinePosition): LegalMove[] {
  const returning = (kind: MoveKind) => kind === 'resume' || kind === 'reopen';
  const move = (to: Stage, kind: MoveKind, needs: Requirement[]): LegalMove => ({
    to,
    kind,
    needs: needsFacts(to) && !returning(kind) ? [...needs, 'facts'] : needs,
  });
  const { stage, heldFrom } = position;
  if (stage === 'withdrawn') return [];
  if (stage === 'on-hold') {
    return heldFrom ? [move(heldFrom, 'resume', []), move('lost', 'lose', [])] : [move('lost', 'lose', [])];
  }
  if (stage === 'lost') return heldFrom ? [move(heldFrom, 'reopen', ['manager', 'note'])] : [];
  if (!isPipelineStage(stage)) return [];
  const at = PIPELINE_STAGES.indexOf(stage);
  const moves: LegalMove[] = [];
  PIPELINE_STAGES.forEach((to, i) => {
    if (i === at + 1) moves.push(move(to, 'next', []));
    else if (i > at + 1) moves.push(move(to, 'skip', ['note']));
  });
  PIPELINE_STAGES.forEach((to, i) => {
    if (i < at) moves.push(move(to, 'back', ['manager', 'note']));
  });
  if (stage !== 'operating') moves.push(move('on-hold', 'hold', []), move('lost', 'lose', []));
  return moves;
}

export type MoveCheck =
  | { ok: true; move: LegalMove; position: PipelinePosition }
  | { ok: false; problem: 'illegal'; legal: Stage[] }
  | { ok: false; problem: 'needs'; missing: Requirement[]; move: LegalMove };

/**
 * Checks a move to `to` by someone (`manager`: a manager or an admin) with or without a
 * note and facts; the facts themselves are validated against contracts' StageFacts by the
 * caller. On success, the position after the move.
 */
export function checkMove(
  from: PipelinePosition,
  to: Stage,
  given: { manager: boolean; note: boolean; facts: boolean },
): MoveCheck {
  const legal = legalMoves(from);
  const move = legal.find((m) => m.to === to);
  if (!move) return { ok: false, problem: 'illegal', legal: legal.map((m) => m.to) };
  const missing = move.needs.filter((need) => !given[need]);
  if (missing.length > 0) return { ok: false, problem: 'needs', missing, move };
  const position: PipelinePosition =
    move.kind === 'hold' || move.kind === 'lose'
      ? { stage: to, heldFrom: from.heldFrom ?? (isPipelineStage(from.stage) ? from.stage : undefined) }
      : { stage: to };
  return { ok: true, move, position };
}
