import type { Redis } from 'ioredis';
import type { Handling, RetryPolicy } from '../delivery.ts';
import type { Subscription } from '../port.ts';
import { assignedPartitions } from './assignment.ts';
import type { StreamEntry } from './entries.ts';
import type { TopicKeys } from './keys.ts';
import { PartitionWorker } from './partition-worker.ts';
import { HEARTBEAT, RELEASE_LEASE, RENEW_LEASE } from './scripts.ts';

export interface GroupMemberOptions {
  readonly redis: Redis;
  readonly keys: TopicKeys;
  readonly topic: string;
  readonly partitions: number;
  readonly group: string;
  /** Unique per subscription: the member name, the lease holder and the stream consumer name. */
  readonly consumer: string;
  readonly handling: Handling;
  readonly fromBeginning: boolean;
  readonly policy: RetryPolicy;
  readonly heartbeatMs: number;
  readonly sessionTimeoutMs: number;
  readonly blockMs: number;
  readonly reclaimEveryMs: number;
  readonly deadLetter: (entry: StreamEntry, error: string, attempts: number) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/**
 * One consumer of a group, Kafka style: it heartbeats into the group's member set, works out
 * its share of the partitions from the live members, and runs a worker for each partition
 * whose lease it holds. A lease lives `sessionTimeoutMs` unless renewed, so the partitions of a
 * consumer that died are taken over, pending entries included, by the others.
 */
export class GroupMember implements Subscription {
  readonly #o: GroupMemberOptions;
  /** Partitions whose lease this member holds, with their workers (running or stopping). */
  readonly #owned = new Map<number, PartitionWorker>();
  readonly #renewedAt = new Map<number, number>();
  /** Every worker not yet fully stopped, including those of leases already lost. */
  readonly #live = new Set<PartitionWorker>();
  /**
   * Workers still stopping, by partition. A partition is taken again only once its old worker
   * stopped: a worker that lost its lease (Redis was away) may still receive the entries of a
   * read in flight and hand them back as pending; its successor must look for pending entries
   * after that, not before.
   */
  readonly #stoppingOn = new Map<number, PartitionWorker>();
  #timer: NodeJS.Timeout | undefined;
  #beat: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(options: GroupMemberOptions) {
    this.#o = options;
  }

  /** Creates the group on every partition stream, joins, and takes the first share. */
  async start(): Promise<void> {
    await this.ensureGroups();
    this.#beat = this.#heartbeat();
    await this.#beat;
    this.#schedule();
  }

  close(): Promise<void> {
    this.#closing ??= this.#leave();
    return this.#closing;
  }

  async ensureGroups(): Promise<void> {
    const { redis, keys, partitions, group, fromBeginning } = this.#o;
    const pipeline = redis.pipeline();
    for (let p = 0; p < partitions; p++) {
      pipeline.call('XGROUP', 'CREATE', keys.stream(p), group, fromBeginning ? '0' : '$', 'MKSTREAM');
    }
    for (const [error] of (await pipeline.exec()) ?? []) {
      if (error && !error.message.includes('BUSYGROUP')) throw error;
    }
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#beat = this.#heartbeat().finally(() => {
        if (!this.#closing) this.#schedule();
      });
    }, this.#o.heartbeatMs);
  }

  async #heartbeat(): Promise<void> {
    const { redis, keys, group, consumer, partitions, sessionTimeoutMs } = this.#o;
    try {
      const members = await redis.eval(HEARTBEAT, 1, keys.members(group), consumer, sessionTimeoutMs);
      const share = assignedPartitions(members as string[], consumer, partitions);
      await this.#renewLeases();
      for (const [partition, worker] of this.#owned) {
        if (!share.has(partition) && !worker.stopping) void this.#release(partition, worker);
      }
      for (const partition of share) {
        if (!this.#owned.has(partition) && !this.#stoppingOn.has(partition) && !this.#closing)
          await this.#acquire(partition);
      }
    } catch (error) {
      this.#o.onError(error);
      // Redis unreachable: a lease we could not renew in time may already belong to someone else.
      for (const [partition, renewedAt] of this.#renewedAt) {
        if (Date.now() - renewedAt > sessionTimeoutMs) this.#lose(partition);
      }
    }
  }

  async #renewLeases(): Promise<void> {
    const { redis, keys, group, consumer, sessionTimeoutMs } = this.#o;
    const held = [...this.#owned.keys()];
    if (held.length === 0) return;
    const sentAt = Date.now();
    const pipeline = redis.pipeline();
    for (const p of held) pipeline.eval(RENEW_LEASE, 1, keys.lease(group, p), consumer, sessionTimeoutMs);
    const replies = (await pipeline.exec()) ?? [];
    held.forEach((partition, i) => {
      const [error, renewed] = replies[i] ?? [new Error('no reply to a lease renewal'), 0];
      if (error) throw error;
      if (renewed === 1) this.#renewedAt.set(partition, sentAt);
      else this.#lose(partition);
    });
  }

  async #acquire(partition: number): Promise<void> {
    const { redis, keys, group, consumer, sessionTimeoutMs } = this.#o;
    const sentAt = Date.now();
    const taken = await redis.set(keys.lease(group, partition), consumer, 'PX', sessionTimeoutMs, 'NX');
    if (taken !== 'OK') return; // still held by its previous owner; retried on the next heartbeat
    this.#renewedAt.set(partition, sentAt);
    const worker = new PartitionWorker({
      ...this.#o,
      partition,
      stream: keys.stream(partition),
      ensureGroup: () => this.ensureGroups(),
    });
    this.#owned.set(partition, worker);
    this.#live.add(worker);
  }

  /** Rebalance: finish the in-flight entry, then hand the partition over. */
  async #release(partition: number, worker: PartitionWorker): Promise<void> {
    const { redis, keys, group, consumer, onError } = this.#o;
    await this.#stop(worker);
    if (this.#owned.get(partition) !== worker) return;
    this.#owned.delete(partition);
    this.#renewedAt.delete(partition);
    await redis.eval(RELEASE_LEASE, 1, keys.lease(group, partition), consumer).catch(onError);
  }

  /** The lease is gone (expired or taken): stop at once, without touching the lease. */
  #lose(partition: number): void {
    const worker = this.#owned.get(partition);
    this.#owned.delete(partition);
    this.#renewedAt.delete(partition);
    if (worker) void this.#stop(worker);
  }

  async #stop(worker: PartitionWorker): Promise<void> {
    this.#stoppingOn.set(worker.partition, worker);
    try {
      await worker.stop();
    } finally {
      this.#live.delete(worker);
      if (this.#stoppingOn.get(worker.partition) === worker) this.#stoppingOn.delete(worker.partition);
    }
  }

  async #leave(): Promise<void> {
    const { redis, keys, group, consumer, onError } = this.#o;
    clearTimeout(this.#timer);
    await this.#beat; // a heartbeat in progress may still start workers
    // Leave the member set first, so the others reassign at once and take each lease as it is released.
    await redis.zrem(keys.members(group), consumer).catch(onError);
    await Promise.all([...this.#live].map((worker) => this.#stop(worker)));
    await Promise.all([...this.#owned].map(([partition, worker]) => this.#release(partition, worker)));
  }
}
