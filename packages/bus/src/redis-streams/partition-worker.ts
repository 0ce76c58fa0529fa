import type { Redis } from 'ioredis';
import { backoffMs, errorText, type Handling, type RetryPolicy, sleep } from '../delivery.ts';
import type { ReceivedMessage } from '../port.ts';
import { closeConnection } from './connection.ts';
import { decodeAutoClaim, decodeDeliveryCounts, decodeRead, type StreamEntry } from './entries.ts';
import { FORGET_IDLE_CONSUMERS } from './scripts.ts';

export interface PartitionWorkerOptions {
  /** Shared connection for acks, claims and dead letters; the worker opens its own for blocking reads. */
  readonly redis: Redis;
  readonly stream: string;
  readonly topic: string;
  readonly partition: number;
  readonly group: string;
  readonly consumer: string;
  readonly handling: Handling;
  readonly policy: RetryPolicy;
  readonly blockMs: number;
  /**
   * How often the worker looks again for entries left pending in its partition (beyond the look
   * at start), and how long they must have been idle: a safety net for entries handed back after
   * the look at start (a stale read of a worker that lost the lease), which no read of new
   * entries would ever deliver.
   */
  readonly reclaimEveryMs: number;
  readonly deadLetter: (entry: StreamEntry, error: string, attempts: number) => Promise<void>;
  /** Recreates the stream's group (after the stream was deleted under us). */
  readonly ensureGroup: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

interface Delivery {
  readonly entry: StreamEntry;
  /** Redis' delivery counter for the entry, which is the attempt number (kept in Redis). */
  readonly attempt: number;
}

const BATCH = 100;
const ERROR_PAUSE_MS = 1_000;
/** Longest time a handled entry waits for its ack. */
const ACK_DELAY_MS = 200;

/**
 * Consumes one partition stream for its group while this consumer holds the partition's lease:
 * first the entries earlier owners left pending (oldest first), then new ones — in stream order,
 * one at a time or in batches. An entry is acked only after its handler succeeded or it was
 * dead-lettered.
 */
export class PartitionWorker {
  readonly partition: number;
  readonly #options: PartitionWorkerOptions;
  readonly #reader: Redis;
  readonly #abort = new AbortController();
  readonly #done: Promise<void>;
  #readerId: number | undefined;
  #reading = false;
  #stopping: Promise<void> | undefined;
  /** Entries taken from the stream but not started when the worker stopped. */
  #untouched: Delivery[] = [];

  constructor(options: PartitionWorkerOptions) {
    this.partition = options.partition;
    this.#options = options;
    this.#reader = options.redis.duplicate();
    this.#reader.on('error', options.onError);
    this.#done = this.#run();
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** Stops taking entries, lets the in-flight handler finish, hands untouched entries back. */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutDown();
    return this.#stopping;
  }

  async #shutDown(): Promise<void> {
    this.#abort.abort();
    const unblock = setInterval(() => this.#unblockRead(), 50);
    this.#unblockRead();
    try {
      await this.#done;
    } finally {
      clearInterval(unblock);
    }
    await this.#returnUntouched().catch(this.#options.onError);
    await closeConnection(this.#reader);
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let tidied = false;
    while (!signal.aborted) {
      try {
        this.#readerId = Number(await this.#reader.client('ID'));
        await this.#drainPending();
        if (!tidied) {
          tidied = true;
          await this.#forgetIdleConsumers().catch(this.#options.onError);
        }
        let lookedAt = Date.now();
        while (!signal.aborted) {
          await this.#deliver((await this.#readNew()).map((entry) => ({ entry, attempt: 1 })));
          if (Date.now() - lookedAt >= this.#options.reclaimEveryMs) {
            lookedAt = Date.now();
            await this.#drainPending(this.#options.reclaimEveryMs);
          }
        }
      } catch (error) {
        this.#options.onError(error);
        if (signal.aborted) break;
        if (String(error).includes('NOGROUP')) await this.#options.ensureGroup().catch(this.#options.onError);
        await sleep(ERROR_PAUSE_MS, signal);
      }
    }
  }

  /**
   * Takes over every entry pending in the group for this partition (idle at least `minIdleMs`),
   * oldest first, and handles it.
   */
  async #drainPending(minIdleMs = 0): Promise<void> {
    const { redis, stream, group, consumer } = this.#options;
    let cursor = '0-0';
    do {
      const claimed = decodeAutoClaim(
        await redis.call('XAUTOCLAIM', stream, group, consumer, minIdleMs, cursor, 'COUNT', BATCH),
      );
      cursor = claimed.cursor;
      // Entries trimmed from the stream while pending (Redis 6.2 reports them as nil).
      if (claimed.missing.length > 0) await redis.call('XACK', stream, group, ...claimed.missing);
      const first = claimed.entries[0];
      const last = claimed.entries.at(-1);
      if (!first || !last) continue;
      const counts = decodeDeliveryCounts(
        await redis.call('XPENDING', stream, group, first.id, last.id, claimed.entries.length, consumer),
      );
      await this.#deliver(claimed.entries.map((entry) => ({ entry, attempt: counts.get(entry.id) ?? 1 })));
    } while (cursor !== '0-0' && !this.#abort.signal.aborted);
  }

  async #readNew(): Promise<StreamEntry[]> {
    const { stream, group, consumer, blockMs } = this.#options;
    this.#reading = true;
    try {
      return decodeRead(
        await this.#reader.call(
          'XREADGROUP',
          'GROUP',
          group,
          consumer,
          'COUNT',
          this.#options.handling.batch?.maxSize ?? BATCH,
          'BLOCK',
          blockMs,
          'STREAMS',
          stream,
          '>',
        ),
      );
    } finally {
      this.#reading = false;
    }
  }

  /** Ends a blocked XREADGROUP early (as if it timed out), so stopping does not wait for blockMs. */
  #unblockRead(): void {
    if (!this.#reading || this.#readerId === undefined) return;
    this.#options.redis.client('UNBLOCK', this.#readerId).catch(() => {});
  }

  /**
   * Handles entries in order: in batches for a batch subscription, falling back to one at a time
   * for a batch that failed. Acks go out together in one XACK — after the entries, after
   * ACK_DELAY_MS of slow handlers, or when stopping — all or none, so a failure replays an in-order
   * run of handled entries (at least once), never leaves a gap.
   */
  async #deliver(deliveries: readonly Delivery[]): Promise<void> {
    const { redis, stream, group } = this.#options;
    let done: string[] = [];
    let since = Date.now();
    const flush = async () => {
      if (done.length > 0) await redis.call('XACK', stream, group, ...done);
      done = [];
      since = Date.now();
    };
    try {
      let index = 0;
      while (index < deliveries.length) {
        const batch = this.#batchAt(deliveries, index);
        if (batch.length > 1 && !this.#abort.signal.aborted && (await this.#handleBatch(batch))) {
          done.push(...batch.map(({ entry }) => entry.id));
          index += batch.length;
        } else {
          // One at a time: each entry of a failed batch gets its own retries and dead-lettering.
          for (const end = index + Math.max(1, batch.length); index < end; index++) {
            if (this.#abort.signal.aborted) {
              this.#untouched.push(...deliveries.slice(index));
              return;
            }
            const delivery = deliveries[index] as Delivery;
            if (await this.#handle(delivery)) done.push(delivery.entry.id);
            if (Date.now() - since > ACK_DELAY_MS) await flush();
          }
        }
        if (Date.now() - since > ACK_DELAY_MS) await flush();
      }
    } finally {
      await flush();
    }
  }

  /**
   * The run of entries from `index` that can go to the batch handler together: up to maxSize first
   * deliveries. An entry delivered before (its try never finished: the consumer crashed) goes alone,
   * so a message that kills its consumer is dead-lettered by itself, not with its whole batch.
   */
  #batchAt(deliveries: readonly Delivery[], index: number): Delivery[] {
    const { handling } = this.#options;
    if (!handling.batch) return [];
    const batch: Delivery[] = [];
    for (const delivery of deliveries.slice(index, index + handling.batch.maxSize)) {
      if (delivery.attempt > 1) break;
      batch.push(delivery);
    }
    return batch;
  }

  /** One try of the batch handler; a failure is not counted against any entry (true when it succeeded). */
  async #handleBatch(batch: readonly Delivery[]): Promise<boolean> {
    try {
      await this.#options.handling.batch?.handler(
        batch.map(({ entry, attempt }) => this.#message(entry, attempt)),
      );
      return true;
    } catch {
      return false;
    }
  }

  #message(entry: StreamEntry, attempt: number): ReceivedMessage {
    const { topic, partition } = this.#options;
    return { topic, partition, position: entry.id, attempt, key: entry.key, value: entry.value };
  }

  /**
   * Runs the handler, retrying with backoff; the attempt count lives in the group's pending list.
   * True when the entry is done with (handled or dead-lettered) and can be acked.
   */
  async #handle({ entry, attempt: first }: Delivery): Promise<boolean> {
    const { redis, stream, group, consumer, handling, policy } = this.#options;
    for (let attempt = first; ; attempt++) {
      if (attempt > policy.maxAttempts) {
        const error = `attempt ${attempt - 1} never finished: the consumer stopped or crashed while handling it`;
        await this.#options.deadLetter(entry, error, attempt - 1);
        return true;
      }
      if (attempt > first) {
        // Record the attempt in Redis before making it; an empty reply means the entry is no longer ours.
        const claimed = await redis.call(
          'XCLAIM',
          stream,
          group,
          consumer,
          0,
          entry.id,
          'RETRYCOUNT',
          attempt,
          'JUSTID',
        );
        if (!Array.isArray(claimed) || claimed.length === 0) return false;
      }
      try {
        await handling.one(this.#message(entry, attempt));
      } catch (error) {
        if (attempt >= policy.maxAttempts) {
          await this.#options.deadLetter(entry, errorText(error), attempt);
          return true;
        }
        // Stopping during the backoff leaves the entry pending with its count for the next owner.
        if (!(await sleep(backoffMs(policy, attempt), this.#abort.signal))) return false;
        continue;
      }
      return true;
    }
  }

  /** Untouched entries get their delivery count back, so the next owner's claim counts attempt 1 again. */
  async #returnUntouched(): Promise<void> {
    if (this.#untouched.length === 0) return;
    const { redis, stream, group, consumer } = this.#options;
    const pipeline = redis.pipeline();
    for (const { entry, attempt } of this.#untouched) {
      pipeline.call('XCLAIM', stream, group, consumer, 0, entry.id, 'RETRYCOUNT', attempt - 1, 'JUSTID');
    }
    await pipeline.exec();
    this.#untouched = [];
  }

  /** Drops consumer names without pending entries (stopped or crashed owners) from the stream group. */
  async #forgetIdleConsumers(): Promise<void> {
    const { redis, stream, group, consumer } = this.#options;
    await redis.eval(FORGET_IDLE_CONSUMERS, 1, stream, group, consumer);
  }
}
