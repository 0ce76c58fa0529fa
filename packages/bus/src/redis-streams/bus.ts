import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { deadLetterMessage, handlingOf, retryPolicy } from '../delivery.ts';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from '../port.ts';
import { closeConnection } from './connection.ts';
import { decodeGroups } from './entries.ts';
import { topicKeys } from './keys.ts';
import { partitionOf } from './partitioner.ts';
import { trimStreams } from './retention.ts';
import { COUNT_AFTER, PARTITIONS } from './scripts.ts';
import { GroupMember } from './subscription.ts';

export interface RedisStreamsBusOptions {
  readonly url: string;
  /** Key prefix of every stream and group key (default `pm`). */
  readonly prefix?: string;
  /** Partitions of a topic created by this bus; an existing topic keeps its own count (default 8). */
  readonly partitions?: number;
  /** Readable part of the consumer names (default: the host name); pid and a random suffix are added. */
  readonly consumerName?: string;
  /** How often a consumer renews its membership and leases (default 1 s). */
  readonly heartbeatMs?: number;
  /** Silence after which a consumer's partitions go to the others (default 10 s). */
  readonly sessionTimeoutMs?: number;
  /** Longest wait of one blocking read (default 5 s); close() interrupts it. */
  readonly blockMs?: number;
  /**
   * How often a consumer looks again for entries left pending in its partitions, idle that long
   * (default 30 s; it always looks when it takes a partition).
   */
  readonly reclaimEveryMs?: number;
  /**
   * How long entries stay once every group has acknowledged them (default 7 days): the window a
   * new group reading from the beginning, or a rebuild, finds. Entries a group still needs stay.
   */
  readonly retentionMs?: number;
  /** How often the topics this bus published to are trimmed to the retention (default 60 s). */
  readonly trimEveryMs?: number;
  /** Infrastructure errors met in the background (handler errors go to retries and the dead-letter topic). */
  readonly onError?: (error: unknown) => void;
}

const PING_TIMEOUT_MS = 2_000;

/** Kafka-shaped bus on Redis Streams: partition streams, consumer groups, leases per partition. */
export function createRedisStreamsBus(options: RedisStreamsBusOptions): EventBus {
  const {
    url,
    prefix = 'pm',
    partitions = 8,
    consumerName = hostname(),
    heartbeatMs = 1_000,
    sessionTimeoutMs = 10_000,
    blockMs = 5_000,
    reclaimEveryMs = 30_000,
    retentionMs = 7 * 24 * 3_600_000,
    trimEveryMs = 60_000,
    onError = (error: unknown) => console.error('[bus:redis]', error),
  } = options;
  if (!url) throw new Error('redis streams bus: a Redis url is required');
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new RangeError('partitions must be a positive integer');
  if (sessionTimeoutMs < 3 * heartbeatMs)
    throw new RangeError('sessionTimeoutMs must be at least 3 × heartbeatMs');

  const redis = new Redis(url);
  redis.on('error', onError);
  const partitionCounts = new Map<string, Promise<number>>();
  const members = new Set<GroupMember>();
  /** Topics published here (dead-letter topics are not: they stay until someone looks). */
  const published = new Set<string>();
  let closed = false;

  function topicPartitions(topic: string): Promise<number> {
    let count = partitionCounts.get(topic);
    if (!count) {
      count = redis.eval(PARTITIONS, 1, topicKeys(prefix, topic).meta, partitions).then(Number);
      count.catch(() => partitionCounts.delete(topic));
      partitionCounts.set(topic, count);
    }
    return count;
  }

  function assertOpen(): void {
    if (closed) throw new Error('redis streams bus is closed');
  }

  /** Appends in order over one connection, so one key's messages land in publish order. */
  async function append(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const keys = topicKeys(prefix, topic);
    const count = await topicPartitions(topic);
    const pipeline = redis.pipeline();
    for (const { key, value } of messages) {
      pipeline.xadd(keys.stream(partitionOf(key, count)), '*', 'k', key, 'v', value);
    }
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  async function publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    assertOpen();
    await append(topic, messages);
    published.add(topic);
  }

  async function trim(): Promise<void> {
    for (const topic of published) {
      const keys = topicKeys(prefix, topic);
      const streams = Array.from({ length: await topicPartitions(topic) }, (_, p) => keys.stream(p));
      await trimStreams(redis, streams, retentionMs);
    }
  }
  let trimming: Promise<void> | undefined;
  const trimTimer = setInterval(() => {
    trimming ??= trim()
      .catch(onError)
      .finally(() => {
        trimming = undefined;
      });
  }, trimEveryMs);
  trimTimer.unref();

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    assertOpen();
    const { topic, group, fromBeginning = true } = subscription;
    const handling = handlingOf(subscription);
    const member = new GroupMember({
      redis,
      keys: topicKeys(prefix, topic),
      topic,
      partitions: await topicPartitions(topic),
      group,
      consumer: `${consumerName}:${process.pid}:${randomUUID().slice(0, 8)}`,
      handling,
      fromBeginning,
      policy: retryPolicy(subscription),
      heartbeatMs,
      sessionTimeoutMs,
      blockMs,
      reclaimEveryMs,
      onError,
      deadLetter: (entry, error, attempts) => {
        const letter = deadLetterMessage(
          { topic, group, key: entry.key, value: entry.value },
          error,
          attempts,
        );
        return append(letter.topic, [letter.message]); // also while closing
      },
    });
    members.add(member);
    try {
      await member.start();
    } catch (error) {
      await member.close();
      members.delete(member);
      throw error;
    }
    return {
      close: async () => {
        await member.close();
        members.delete(member);
      },
    };
  }

  /** Per partition stream: the group's undelivered entries (XINFO GROUPS `lag`) plus its pending ones. */
  async function lag(topic: string, group: string): Promise<number> {
    assertOpen();
    const keys = topicKeys(prefix, topic);
    const streams = Array.from({ length: await topicPartitions(topic) }, (_, p) => keys.stream(p));
    const pipeline = redis.pipeline();
    for (const stream of streams) pipeline.call('XINFO', 'GROUPS', stream);
    const replies = (await pipeline.exec()) ?? [];
    const counts = streams.map(async (stream, p) => {
      const [error, reply] = replies[p] ?? [new Error('no reply to XINFO GROUPS'), null];
      if (error) {
        if (/no such key/i.test(error.message)) return 0; // nothing published to this partition yet
        throw error;
      }
      const info = decodeGroups(reply).find((g) => g.name === group);
      // A group that never subscribed would start from the oldest entry: all of them are behind.
      if (!info) return redis.xlen(stream);
      const undelivered = info.lag ?? Number(await redis.eval(COUNT_AFTER, 1, stream, info.lastDeliveredId));
      return undelivered + info.pending;
    });
    return (await Promise.all(counts)).reduce((sum, n) => sum + n, 0);
  }

  async function ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`redis did not answer PING within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    clearInterval(trimTimer);
    await trimming;
    await Promise.all([...members].map((member) => member.close()));
    members.clear();
    await closeConnection(redis);
  }

  return { kind: 'redis', publish, subscribe, lag, ping, close };
}
