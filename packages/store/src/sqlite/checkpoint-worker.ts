import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { type CheckpointSignal, STOP, STOPPED } from './checkpointer.ts';

// The worker of checkpointer.ts: its own connection to the store's file, a PASSIVE checkpoint
// every `everyMs` until asked to stop; then it closes the connection and says so.

const { file, everyMs, signal } = workerData as { file: string; everyMs: number; signal: CheckpointSignal };

let db: DatabaseSync | undefined;
try {
  db = new DatabaseSync(file, { timeout: 5_000 });
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  // Sleeps until the next round, or until stop is asked (then 'ok' or 'not-equal').
  while (Atomics.wait(signal, STOP, 0, everyMs) === 'timed-out') checkpoint.get();
} finally {
  db?.close();
  Atomics.store(signal, STOPPED, 1);
  Atomics.notify(signal, STOPPED);
}
