import { Worker } from 'node:worker_threads';

// SQLite copies the WAL back into the database file (a checkpoint) on the connection whose
// commit takes the WAL past `wal_autocheckpoint`, inside that commit: with node:sqlite's
// synchronous API that stalls the event loop for the copy and its fsyncs — 10 to 23 ms at the
// 99th percentile of commits measured here, against 1 ms without. So a worker thread with a
// connection of its own checkpoints every 100 ms, PASSIVE: it never waits for a writer and no
// writer waits for it; the store's connection checkpoints only as a backstop, when the WAL has
// grown long (BACKSTOP_PAGES).

/**
 * The threshold beside the background checkpointer (about 40 MB of WAL). Its checkpoints copy
 * while writes go on, so under writes that never pause none of them ends with the whole WAL
 * copied, and SQLite starts the WAL over only after one that does: it would grow without bound
 * (3 GB in 8 s, measured). A checkpoint in the commit is one that does — short, as the worker
 * has copied nearly all of it already — and it comes only when the WAL is this long: where
 * writes pause now and then, as they do in the services, never.
 */
export const BACKSTOP_PAGES = 10_000;
/** How often the worker checkpoints: a small WAL each time keeps every copy short. */
const EVERY_MS = 100;
/**
 * How long nothing must have been written before the WAL file is cut to nothing (a TRUNCATE
 * checkpoint, which makes a writer wait a moment: worth it only when none is writing). Under
 * load the file keeps its size — up to the 64 MiB journal_size_limit — and is reused.
 */
const TRUNCATE_AFTER_IDLE_MS = 5_000;
/** How long `stop()` waits for the worker to close its connection (it finishes a checkpoint first). */
const STOP_TIMEOUT_MS = 5_000;

/** The flags the two threads share: [0] stop asked, [1] the worker's connection is closed. */
export type CheckpointSignal = Int32Array;
export const STOP = 0;
export const STOPPED = 1;

export interface CheckpointWorkerData {
  file: string;
  everyMs: number;
  truncateAfterIdleMs: number;
  signal: CheckpointSignal;
}

export class BackgroundCheckpointer {
  readonly #signal: CheckpointSignal = new Int32Array(
    new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT),
  );
  readonly #worker: Worker;
  #exited = false;

  /** `onFailure`: the worker could not checkpoint (it has stopped; checkpoint on the connection again). */
  constructor(
    file: string,
    onFailure: (error: unknown) => void,
    { everyMs = EVERY_MS, truncateAfterIdleMs = TRUNCATE_AFTER_IDLE_MS } = {},
  ) {
    const workerData: CheckpointWorkerData = { file, everyMs, truncateAfterIdleMs, signal: this.#signal };
    this.#worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData });
    this.#worker.on('error', onFailure);
    this.#worker.on('exit', () => {
      this.#exited = true;
    });
    this.#worker.unref(); // never what keeps a process alive
  }

  /**
   * Stops the worker and waits until its connection is closed, so that the store's own close is
   * the last one: SQLite then checkpoints everything and removes the WAL. (A worker still busy
   * after STOP_TIMEOUT_MS is terminated; the WAL then stays, and the next open recovers it.)
   */
  stop(): void {
    if (this.#exited) return; // it failed, or was stopped already
    Atomics.store(this.#signal, STOP, 1);
    Atomics.notify(this.#signal, STOP);
    Atomics.wait(this.#signal, STOPPED, 0, STOP_TIMEOUT_MS);
    void this.#worker.terminate();
  }
}
