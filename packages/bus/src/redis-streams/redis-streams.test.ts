// Redis Streams specifics beyond the shared contract (src/contract.case.ts).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { spawnHangingConsumer } from '../contract.case.ts';
import type { RedisStreamsBusOptions } from '../index.ts';
import type { EventBus, ReceivedMessage } from '../port.ts';
import { assignedPartitions } from './assignment.ts';
import { createRedisStreamsBus } from './bus.ts';
import { partitionOf } from './partitioner.ts';
import { compareIds, trimFloor, trimStreams } from './retention.ts';

const options: RedisStreamsBusOptions = {
  url: inject('redisUrl'),
  prefix: 'redis-specifics',
  heartbeatMs: 100,
  sessionTimeoutMs: 1_000,
};
const wait = { timeout: 15_000, interval: 20 };
const newTopic = () => `specifics.${randomUUID()}`;

async function withBuses(count: number, body: (buses: EventBus[]) => Promise<void>, extra = {}) {
  const buses = Array.from({ length: count }, () => createRedisStreamsBus({ ...options, ...extra }));
  try {
    await body(buses);
  } finally {
    await Promise.all(buses.map((bus) => bus.close()));
  }
}

describe('partitionOf', () => {
  it('is stable and spreads keys over every partition', () => {
    expect(partitionOf('lead-42', 8)).toBe(partitionOf('lead-42', 8));
    const used = new Set(Array.from({ length: 1_000 }, (_, i) => partitionOf(`lead-${i}`, 8)));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('assignedPartitions', () => {
  it('splits the partitions between live members, each to exactly one', () => {
    const members = ['c', 'a', 'b'];
    const shares = members.map((me) => [...assignedPartitions(members, me, 8)]);
    expect(shares.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(shares.map((share) => share.length).sort()).toEqual([2, 3, 3]);
    expect(assignedPartitions(members, 'stranger', 8).size).toBe(0);
  });
});

describe('redis streams bus', () => {
  it('keeps the partition count a topic got on first use', async () => {
    const topic = newTopic();
    await withBuses(1, async ([first]) => first!.publish(topic, [{ key: 'lead-0', value: 'x' }]), {
      partitions: 2,
    });
    await withBuses(1, async ([second]) => {
      const got: ReceivedMessage[] = [];
      await second!.subscribe({ topic, group: 'g', handler: async (m) => void got.push(m) });
      await second!.publish(
        topic,
        Array.from({ length: 50 }, (_, i) => ({ key: `lead-${i}`, value: `${i}` })),
      );
      await expect.poll(() => got.length, wait).toBe(51);
      expect(new Set(got.map((m) => m.partition))).toEqual(new Set([0, 1]));
    });
  });

  it('keeps the attempt count in Redis, across a restart of the consumer', async () => {
    const topic = newTopic();
    const attempts: number[] = [];
    await withBuses(1, async ([first]) => {
      await first!.subscribe({
        topic,
        group: 'g',
        retryBackoffMs: 60_000,
        handler: async (m) => {
          attempts.push(m.attempt);
          throw new Error('not yet');
        },
      });
      await first!.publish(topic, [{ key: 'lead-1', value: 'retry me' }]);
      await expect.poll(() => attempts, wait).toEqual([1]);
    }); // closed during the backoff: the message stays pending
    await withBuses(1, async ([second]) => {
      await second!.subscribe({ topic, group: 'g', handler: async (m) => void attempts.push(m.attempt) });
      await expect.poll(() => attempts, wait).toEqual([1, 2]);
    });
  });

  it('delivers entries left pending after it took the partition (a stale read handed back)', async () => {
    const topic = newTopic();
    const got: string[] = [];
    await withBuses(
      1,
      async ([bus]) => {
        await bus!.subscribe({ topic, group: 'g', handler: async (m) => void got.push(m.value) });
        await bus!.publish(topic, [{ key: 'lead-1', value: 'first' }]);
        await expect.poll(() => got, wait).toEqual(['first']);
        // Another reader of the group takes an entry the moment it is added (one transaction, so
        // the live consumer's blocked read never sees it) and leaves it pending, as a worker that
        // lost its lease hands back what its last read brought.
        const redis = new Redis(options.url as string);
        try {
          const stream = `${options.prefix}:${topic}:0`;
          await redis
            .multi()
            .xadd(stream, '*', 'k', 'lead-1', 'v', 'handed back')
            .xreadgroup('GROUP', 'g', 'stale-worker', 'COUNT', 1, 'STREAMS', stream, '>')
            .exec();
        } finally {
          redis.disconnect();
        }
        await bus!.publish(topic, [{ key: 'lead-1', value: 'later' }]);
        await expect.poll(() => got, wait).toEqual(['first', 'later', 'handed back']);
      },
      { partitions: 1, reclaimEveryMs: 300, blockMs: 200 },
    );
  });

  it('hands the partitions of a consumer that leaves to the one that stays', async () => {
    const topic = newTopic();
    await withBuses(2, async ([leaving, staying]) => {
      const byStaying: string[] = [];
      await leaving!.subscribe({ topic, group: 'g', handler: async () => {} });
      await staying!.subscribe({ topic, group: 'g', handler: async (m) => void byStaying.push(m.value) });
      await leaving!.close();
      const sent = Array.from({ length: 40 }, (_, i) => ({ key: `lead-${i}`, value: `${i}` }));
      await staying!.publish(topic, sent);
      await expect.poll(() => byStaying.length, wait).toBe(sent.length);
    });
  });

  it('hands entries whose batch never finished (the consumer died) over one at a time', async () => {
    const topic = newTopic();
    // Published first, so that the consumer's first read takes all three as one batch.
    await withBuses(1, async ([publisher]) => {
      await publisher!.publish(
        topic,
        ['a', 'b', 'c'].map((value) => ({ key: 'lead-1', value })),
      );
    });
    const crashing = spawnHangingConsumer({ kind: 'redis', ...options }, { topic, group: 'g', batch: true });
    try {
      await crashing.ready;
      await expect.poll(() => crashing.received.length, wait).toBe(3);
    } finally {
      const exited = once(crashing.child, 'exit');
      crashing.child.kill('SIGKILL');
      await exited;
    }
    await withBuses(1, async ([survivor]) => {
      const batches: { values: string[]; attempts: number[] }[] = [];
      await survivor!.subscribe({
        topic,
        group: 'g',
        batch: {
          handler: async (messages) =>
            void batches.push({
              values: messages.map((m) => m.value),
              attempts: messages.map((m) => m.attempt),
            }),
        },
      });
      await expect
        .poll(() => batches, wait)
        .toEqual([
          { values: ['a'], attempts: [2] },
          { values: ['b'], attempts: [2] },
          { values: ['c'], attempts: [2] },
        ]);
    });
  });

  it('leaves nothing behind that keeps the process alive after close()', async () => {
    const fixture = fileURLToPath(new URL('../testing/open-and-close.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [fixture, JSON.stringify({ kind: 'redis', ...options }), newTopic()],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(child, 'exit');
    try {
      await expect.poll(() => child.exitCode, wait).toBe(0);
      expect(output).toBe('closed\n');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });
});

describe('trimFloor', () => {
  const day = 86_400_000;
  const now = 14 * day;
  const week = 7 * day;
  it('is the retention horizon when every group has acknowledged everything', () => {
    expect(trimFloor([{ lastDeliveredId: `${10 * day}-3` }], now, week)).toBe(`${7 * day}-0`);
  });
  it('keeps what a group has pending or has not been given yet', () => {
    expect(trimFloor([{ lastDeliveredId: '500-2', oldestPendingId: '300-0' }], now, week)).toBe('300-0');
    expect(trimFloor([{ lastDeliveredId: '500-2' }, { lastDeliveredId: '900-0' }], now, week)).toBe('500-3');
    expect(trimFloor([{ lastDeliveredId: '0-0' }], now, week)).toBe('0-1');
    expect(trimFloor([{ lastDeliveredId: '0-0', idleMs: week }], now, week)).toBe('0-1');
  });
  it('no longer keeps entries for a group none of whose consumers read for the retention and a day', () => {
    const givenUp = { lastDeliveredId: '500-2', idleMs: week + day + 1 };
    expect(trimFloor([givenUp], now, week)).toBe(`${7 * day}-0`);
    expect(trimFloor([givenUp], now, 0)).toBe(`${14 * day}-0`);
    expect(trimFloor([{ ...givenUp, idleMs: day - 1 }], now, 0)).toBe('500-3');
  });
  it('orders ids by time, then sequence', () => {
    expect(compareIds('9-5', '10-0')).toBeLessThan(0);
    expect(compareIds('10-10', '10-9')).toBeGreaterThan(0);
  });
});

describe('retention of the streams', () => {
  const day = 86_400_000;
  const now = Date.now();

  async function streamOf(redis: Redis, ids: string[]): Promise<string> {
    const stream = `redis-specifics:trim:${randomUUID()}`;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.xadd(stream, id, 'k', 'key', 'v', id);
    await pipeline.exec();
    return stream;
  }
  const ids = (count: number, fromMs: number) => Array.from({ length: count }, (_, i) => `${fromMs + i}-0`);

  it('drops old entries every group acknowledged and keeps those a group still has pending', async () => {
    const redis = new Redis(options.url as string);
    try {
      const old = ids(1_000, now - 10 * day);
      const stream = await streamOf(redis, old);
      await redis.call('XGROUP', 'CREATE', stream, 'g', '0');
      await redis.call('XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '600', 'STREAMS', stream, '>');
      await redis.xack(stream, 'g', ...old.slice(0, 300));
      const trimmed = await trimStreams(redis, [stream], 7 * day, now);
      const left = await redis.xlen(stream);
      expect(trimmed).toBeGreaterThan(0);
      expect(left).toBe(1_000 - trimmed);
      expect(left).toBeGreaterThanOrEqual(700);
      // the oldest entry still pending (the 301st) and everything after it are there
      expect(await redis.xrange(stream, old[300] as string, '+')).toHaveLength(700);
      await redis.del(stream);
    } finally {
      redis.disconnect();
    }
  });

  it('keeps entries younger than the retention, and all of a group that never read', async () => {
    const redis = new Redis(options.url as string);
    try {
      const young = await streamOf(redis, ids(1_000, now - day));
      await redis.call('XGROUP', 'CREATE', young, 'g', '$');
      expect(await trimStreams(redis, [young], 7 * day, now)).toBe(0);
      const unread = await streamOf(redis, ids(1_000, now - 10 * day));
      await redis.call('XGROUP', 'CREATE', unread, 'slow', '0');
      await redis.call('XGROUP', 'CREATE', unread, 'done', '$');
      expect(await trimStreams(redis, [unread], 7 * day, now)).toBe(0);
      expect(await redis.xlen(unread)).toBe(1_000);
      await redis.del(young, unread);
    } finally {
      redis.disconnect();
    }
  });

  it('trims what the bus published once its groups handled it', async () => {
    const topic = newTopic();
    await withBuses(
      1,
      async ([bus]) => {
        let handled = 0;
        await bus!.subscribe({ topic, group: 'g', handler: async () => void handled++ });
        await bus!.publish(
          topic,
          Array.from({ length: 1_000 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
        );
        await expect.poll(() => handled, wait).toBe(1_000);
        const redis = new Redis(options.url as string);
        try {
          await expect.poll(() => redis.xlen(`${options.prefix}:${topic}:0`), wait).toBeLessThan(200);
        } finally {
          redis.disconnect();
        }
      },
      { partitions: 1, retentionMs: 0, trimEveryMs: 50 },
    );
  });
});
