/**
 * Tasks that take turns by key in this process: a task starts once every task of its key that
 * started before it has settled (failed or not); tasks of different keys run side by side. For
 * consumers of different topics that must not interleave their reads and writes of one thing.
 */
export function takeTurns(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
