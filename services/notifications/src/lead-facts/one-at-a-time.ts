import { takeTurns } from '@parkmatch/service-kit';

// A lead's closed-loop events come on several topics (its ratings from matching; its claim,
// moves, transfer and withdrawal from leads), handled by consumers side by side. The handlers
// that read a lead's facts and start or stop its clocks take turns per lead in this process, so
// that none acts on facts another is changing: a claim restarting a clock a stage move is
// stopping, a move starting a clock the withdrawal is stopping, a rating starting a first
// contact a claim is ending. Different leads still go side by side.

/** Runs `task` once every task of the same lead started before it has settled. */
export const oneLeadAtATime = takeTurns();
