import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { type CheckpointWorkerData, STOP, STOPPED } from './checkpointer.ts';

// The worker of checkpointer.ts: its own connection to the store's file, a PASSIVE checkpoint
// every `everyMs` — and, once nothing has been written for `truncateAfterIdleMs`, one TRUNCATE
// that cuts the WAL file to nothing — until asked to stop; then it closes the connection and
// says so.

const { file, everyMs, truncateAfterIdleMs, signal } = workerData as CheckpointWorkerData;

interface Outcome {
  /** Frames in the WAL, and how many of them are in the database file now. */
  log: number;
  checkpointed: number;
}

let db: DatabaseSync | undefined;
try {
  db = new DatabaseSync(file, { timeout: 5_000 });
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
  let quietMs = 0;
  let lastLog = -1;
  // Sleeps until the next round, or until stop is asked (then 'ok' or 'not-equal').
  while (Atomics.wait(signal, STOP, 0, everyMs) === 'timed-out') {
    const { log, checkpointed } = checkpoint.get() as unknown as Outcome;
    // The same frames as last round, all copied: nothing was written meanwhile.
    quietMs = log > 0 && log === checkpointed && log === lastLog ? quietMs + everyMs : 0;
    lastLog = log;
    if (quietMs >= truncateAfterIdleMs) truncate.get();
  }
} finally {
  db?.close();
  Atomics.store(signal, STOPPED, 1);
  Atomics.notify(signal, STOPPED);
}
