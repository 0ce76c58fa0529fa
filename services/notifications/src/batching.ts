// Batching per event-loop turn. Group commit: writes asked for within one turn of the event loop go to the store as one
// batch (one transaction on SQLite, one bulk write on MongoDB), and each caller's promise
// resolves once its write is committed — so a delivery job still finishes only after its
// log is durable, but thirty-two concurrent jobs cost one commit, not thirty-two.

export type GroupCommit<T> = (item: T) => Promise<void>;

/** How long the first write of a batch waits for others: a commit costs far more than this. */
const COMMIT_WINDOW_MS = 2;

export function groupCommit<T>(flush: (items: T[]) => Promise<void>): GroupCommit<T> {
  let pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const run = async () => {
    const batch = pending;
    pending = [];
    try {
      await flush(batch.map((p) => p.item));
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setTimeout(run, COMMIT_WINDOW_MS);
      pending.push({ item, resolve, reject });
    });
}

/**
 * The read side of the same idea: keys asked for within one turn of the event loop are read
 * in one query (`_id $in`), and each caller gets its own document (or null).
 */
export function groupLoad<T>(
  loadMany: (keys: string[]) => Promise<Map<string, T>>,
): (key: string) => Promise<T | null> {
  let pending: { key: string; resolve: (value: T | null) => void; reject: (error: unknown) => void }[] = [];
  const run = async () => {
    const batch = pending;
    pending = [];
    try {
      const found = await loadMany([...new Set(batch.map((p) => p.key))]);
      for (const p of batch) p.resolve(found.get(p.key) ?? null);
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return (key) =>
    new Promise<T | null>((resolve, reject) => {
      if (pending.length === 0) setImmediate(run);
      pending.push({ key, resolve, reject });
    });
}
