// Throughput of the Redis Streams adapter next to a baseline measured in the same run on the same
// Redis: raw pipelined XADD, and XREADGROUP with one XACK per batch of 100 (no adapter).
//   published/s   publishing alone, batches of 500, no consumer attached
//   end-to-end/s  consumers subscribed first, then publish -> handler -> ack until all are handled;
//                 the adapter with a message handler, and with a batch handler (batches of 100);
//                 then both again with a handler that makes one durable SQLite write per call
//                 (node:sqlite, WAL, synchronous FULL: a consumer that stores what it handles)
// Usage: REDIS_URL=redis://127.0.0.1:6379 node packages/bus/bench/throughput.ts [messages=20000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

/** One durable transaction per call, as a consumer storing what it handles makes. */
function durableSink(): { write(messages: readonly Message[]): void; close(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sink-'));
  const db = new DatabaseSync(path.join(dir, 'sink.db'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE handled (k TEXT, v TEXT)');
  const insert = db.prepare('INSERT INTO handled (k, v) VALUES (?, ?)');
  return {
    write(messages) {
      db.exec('BEGIN');
      for (const m of messages) insert.run(m.key, m.value);
      db.exec('COMMIT');
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function adapterPath(namespace: string, { batches = false, durable = false } = {}): Path {
  const bus = createRedisStreamsBus({ url: url!, prefix: namespace, partitions });
  const sink = durable ? durableSink() : undefined;
  return {
    publish: (batch) => bus.publish('bench', batch),
    async consume(count) {
      const done = Promise.withResolvers<void>();
      let handled = 0;
      const took = (n: number) => {
        handled += n;
        if (handled === count) done.resolve();
      };
      const subscription = await bus.subscribe({
        topic: 'bench',
        group: 'g',
        fromBeginning: false,
        ...(batches
          ? {
              batch: {
                handler: async (messages) => {
                  sink?.write(messages);
                  took(messages.length);
                },
                maxSize: 100,
              },
            }
          : {
              handler: async (message) => {
                sink?.write([message]);
                took(1);
              },
            }),
      });
      return { handled: done.promise, stop: () => subscription.close() };
    },
    async close() {
      await bus.close();
      sink?.close();
    },
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
  const batchPath = (namespace: string) => adapterPath(namespace, { batches: true });
  const durablePath = (namespace: string) => adapterPath(namespace, { durable: true });
  const durableBatchPath = (namespace: string) => adapterPath(namespace, { batches: true, durable: true });
  await measure(batchPath, 'warm-batch', 2_000);
  const durableTotal = Math.min(total, 5_000); // one fsync per message is slow: fewer messages
  const rounds = 3; // alternating, median reported: one machine's noise hits both sides alike
  const raw: Awaited<ReturnType<typeof measure>>[] = [];
  const bus: Awaited<ReturnType<typeof measure>>[] = [];
  const batched: Awaited<ReturnType<typeof measure>>[] = [];
  const durable: Awaited<ReturnType<typeof measure>>[] = [];
  const durableBatched: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < rounds; round++) {
    raw.push(await measure(rawPath, `raw-${round}`, total));
    bus.push(await measure(adapterPath, `bus-${round}`, total));
    batched.push(await measure(batchPath, `batch-${round}`, total));
    durable.push(await measure(durablePath, `durable-${round}`, durableTotal));
    durableBatched.push(await measure(durableBatchPath, `durable-batch-${round}`, durableTotal));
  }
  const rawPublished = median(raw.map((r) => r.published));
  const rawEndToEnd = median(raw.map((r) => r.endToEnd));
  const busPublished = median(bus.map((r) => r.published));
  const busEndToEnd = median(bus.map((r) => r.endToEnd));
  const batchEndToEnd = median(batched.map((r) => r.endToEnd));
  const durableEndToEnd = median(durable.map((r) => r.endToEnd));
  const durableBatchEndToEnd = median(durableBatched.map((r) => r.endToEnd));
  const line = (name: string, published: number | string, endToEnd: number | string) =>
    `${name.padEnd(46)} ${String(published).padStart(12)} ${String(endToEnd).padStart(13)}\n`;
  process.stdout.write(
    `${total} messages, ${partitions} partitions, ${value.length}-byte values, median of ${rounds} rounds, ${url}\n`,
  );
  process.stdout.write(line('msg/s', 'published', 'end-to-end'));
  process.stdout.write(line('raw XADD / XREADGROUP (baseline)', rawPublished, rawEndToEnd));
  process.stdout.write(line('redis-streams adapter', busPublished, busEndToEnd));
  process.stdout.write(line('redis-streams adapter, batch handler', '', batchEndToEnd));
  process.stdout.write(
    line(
      'adapter / baseline',
      (busPublished / rawPublished).toFixed(2),
      (busEndToEnd / rawEndToEnd).toFixed(2),
    ),
  );
  process.stdout.write(line('batch handler / baseline', '', (batchEndToEnd / rawEndToEnd).toFixed(2)));
  process.stdout.write(`with one durable SQLite write per handler call, ${durableTotal} messages:\n`);
  process.stdout.write(line('message handler (write per message)', '', durableEndToEnd));
  process.stdout.write(line('batch handler (write per batch)', '', durableBatchEndToEnd));
  process.stdout.write(
    line('batch / message handler', '', (durableBatchEndToEnd / durableEndToEnd).toFixed(2)),
  );
} finally {
  await cleanUp();
}
