// A lead's closed-loop events come on several topics (its ratings from matching; its claim,
// moves, transfer and withdrawal from leads), handled by consumers side by side. The handlers
// that read a lead's facts and start or stop its clocks take turns per lead in this process, so
// that none acts on facts another is changing: a claim restarting a clock a stage move is
// stopping, a move starting a clock the withdrawal is stopping, a rating starting a first
// contact a claim is ending. Different leads still go side by side.

const tails = new Map<string, Promise<unknown>>();

/** Runs `task` once every task of the same lead started before it has settled. */
export function oneLeadAtATime<T>(leadId: string, task: () => Promise<T>): Promise<T> {
  const result = (tails.get(leadId) ?? Promise.resolve()).then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(leadId, tail);
  void tail.then(() => {
    if (tails.get(leadId) === tail) tails.delete(leadId);
  });
  return result;
}
