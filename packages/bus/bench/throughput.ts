// Throughput of the Redis Streams adapter next to a baseline measured in the same run on the same
// Redis: raw pipelined XADD, and XREADGROUP with one XACK per batch of 100 (no adapter).
//   published/s   publishing alone, batches of 500, no consumer attached
//   end-to-end/s  consumers subscribed first, then publish -> handler -> ack until all are handled
// Usage: REDIS_URL=redis://127.0.0.1:6379 node packages/bus/bench/throughput.ts [messages=20000]
import { Redis } from 'ioredis';
import { createRedisStreamsBus } from '../src/index.ts';
import { partitionOf } from '../src/redis-streams/partitioner.ts';

const url = process.env.REDIS_URL;
if (!url) {
  console.error(
    'REDIS_URL is not set; this benchmark starts nothing. For example:\n' +
      "  redis-server --port 6390 --save '' --appendonly no &\n" +
      '  REDIS_URL=redis://127.0.0.1:6390 node packages/bus/bench/throughput.ts',
  );
  process.exit(1);
}

const total = Number(process.argv[2] ?? 20_000);
const partitions = 8;
const publishBatch = 500;
const runId = `bench-${process.pid}-${Date.now()}`;
const value = JSON.stringify({ type: 'leads.profile.updated.v1', payload: { note: 'x'.repeat(160) } });

interface Message {
  readonly key: string;
  readonly value: string;
}

/** One way of moving messages: publish, and a consumer group that resolves once `count` are handled. */
interface Path {
  publish(batch: readonly Message[]): Promise<void>;
  consume(count: number): Promise<{ handled: Promise<void>; stop(): Promise<void> }>;
  close(): Promise<void>;
}

function rawPath(namespace: string): Path {
  const redis = new Redis(url!);
  const streams = Array.from({ length: partitions }, (_, p) => `${namespace}:${p}`);
  return {
    async publish(batch) {
      const pipeline = redis.pipeline();
      for (const m of batch)
        pipeline.xadd(streams[partitionOf(m.key, partitions)]!, '*', 'k', m.key, 'v', m.value);
      await pipeline.exec();
    },
    async consume(count) {
      for (const stream of streams) await redis.call('XGROUP', 'CREATE', stream, 'g', '$', 'MKSTREAM');
      const done = Promise.withResolvers<void>();
      let handled = 0;
      const readers = streams.map(async (stream) => {
        const reader = redis.duplicate();
        while (handled < count) {
          const reply = (await reader.call(
            'XREADGROUP',
            'GROUP',
            'g',
            'c',
            'COUNT',
            100,
            'BLOCK',
            100,
            'STREAMS',
            stream,
            '>',
          )) as [string, [string, string[]][]][] | null;
          const entries = reply?.[0]?.[1] ?? [];
          if (entries.length === 0) continue;
          await redis.call('XACK', stream, 'g', ...entries.map(([id]) => id));
          handled += entries.length;
          if (handled >= count) done.resolve();
        }
        reader.disconnect();
      });
      return { handled: done.promise, stop: async () => void (await Promise.all(readers)) };
    },
    async close() {
      redis.disconnect();
    },
  };
}

function adapterPath(namespace: string): Path {
  const bus = createRedisStreamsBus({ url: url!, prefix: namespace, partitions });
  return {
    publish: (batch) => bus.publish('bench', batch),
    async consume(count) {
      const done = Promise.withResolvers<void>();
      let handled = 0;
      const subscription = await bus.subscribe({
        topic: 'bench',
        group: 'g',
        fromBeginning: false,
        handler: async () => {
          if (++handled === count) done.resolve();
        },
      });
      return { handled: done.promise, stop: () => subscription.close() };
    },
    close: () => bus.close(),
  };
}

async function publishAll(path: Path, count: number): Promise<void> {
  const messages = Array.from({ length: count }, (_, i) => ({ key: `lead-${i % 1_000}`, value }));
  for (let i = 0; i < count; i += publishBatch) await path.publish(messages.slice(i, i + publishBatch));
}

/** Messages per second: publishing alone, then end to end, each on fresh keys. */
async function measure(open: (namespace: string) => Path, name: string, count: number) {
  const publisher = open(`${runId}:${name}:publish`);
  let start = performance.now();
  await publishAll(publisher, count);
  const published = count / ((performance.now() - start) / 1_000);
  await publisher.close();

  const path = open(`${runId}:${name}:e2e`);
  const consumer = await path.consume(count);
  start = performance.now();
  await publishAll(path, count);
  await consumer.handled;
  const endToEnd = count / ((performance.now() - start) / 1_000);
  await consumer.stop();
  await path.close();
  return { published: Math.round(published), endToEnd: Math.round(endToEnd) };
}

async function cleanUp(): Promise<void> {
  const redis = new Redis(url!);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}:*`, 'COUNT', 1_000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  await measure(rawPath, 'warm-raw', 2_000); // warm-up of both paths (JIT, connections), not reported
  await measure(adapterPath, 'warm-bus', 2_000);
  const rounds = 3; // alternating, median reported: one machine's noise hits both sides alike
  const raw: Awaited<ReturnType<typeof measure>>[] = [];
  const bus: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < rounds; round++) {
    raw.push(await measure(rawPath, `raw-${round}`, total));
    bus.push(await measure(adapterPath, `bus-${round}`, total));
  }
  const rawPublished = median(raw.map((r) => r.published));
  const rawEndToEnd = median(raw.map((r) => r.endToEnd));
  const busPublished = median(bus.map((r) => r.published));
  const busEndToEnd = median(bus.map((r) => r.endToEnd));
  const line = (name: string, published: number | string, endToEnd: number | string) =>
    `${name.padEnd(34)} ${String(published).padStart(12)} ${String(endToEnd).padStart(13)}\n`;
  process.stdout.write(
    `${total} messages, ${partitions} partitions, ${value.length}-byte values, median of ${rounds} rounds, ${url}\n`,
  );
  process.stdout.write(line('msg/s', 'published', 'end-to-end'));
  process.stdout.write(line('raw XADD / XREADGROUP (baseline)', rawPublished, rawEndToEnd));
  process.stdout.write(line('redis-streams adapter', busPublished, busEndToEnd));
  process.stdout.write(
    line(
      'adapter / baseline',
      (busPublished / rawPublished).toFixed(2),
      (busEndToEnd / rawEndToEnd).toFixed(2),
    ),
  );
} finally {
  await cleanUp();
}
