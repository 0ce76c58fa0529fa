// Outbox relay throughput: events/s relayed from a real store (createStore, the local SQLite one, in a temp
// folder) into the Redis Streams bus, next to a baseline measured in the same run on the same
// Redis: bus.publish of the same messages in batches of the same size, no store.
// Prints figures only. Starts a private redis-server unless REDIS_URL is set.
// Usage: node packages/service-kit/bench/outbox.ts [documents=30000] [batchSize=500] [relays=1]
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BusMessage, createRedisStreamsBus } from '@parkmatch/bus';
import { createStore, type Doc } from '@parkmatch/store';
import { Redis } from 'ioredis';
import { createLogger } from '../src/logger.ts';
import { createOutboxRelay, type OutboxEntry, type OutboxFields, withEvents } from '../src/outbox.ts';

const documents = Number(process.argv[2] ?? 30_000);
const batchSize = Number(process.argv[3] ?? 500);
const relayCount = Number(process.argv[4] ?? 1);
const TOPIC = 'matching.lead.scored.v1';
const PARKS = ['dadukou', 'biocity', 'liangjiang', 'gaoxin', 'changshou', 'fuling'];

interface Score extends Doc, OutboxFields {
  leadId: string;
  parkId: string;
  score: number;
  tier: string;
}

/** A score event about the size of the real ones (envelope, payload with directions and reasons). */
function scoreEvent(i: number): OutboxEntry {
  const leadId = `lead-${Math.floor(i / PARKS.length)}`;
  const id = randomUUID();
  const value = JSON.stringify({
    id,
    type: 'matching.lead.scored',
    version: 1,
    occurredAt: new Date().toISOString(),
    key: leadId,
    source: 'matching',
    payload: {
      leadId,
      parkId: PARKS[i % PARKS.length],
      firmName: '示例质谱科技有限公司',
      projectTitle: '临床质谱仪生产',
      score: 71.5,
      tier: 'B',
      matchedDirections: [{ code: 'IVD.MS', label: '质谱检测设备', evidence: ['质谱', '液质联用'] }],
      reasons: { zh: ['承接方向“质谱检测设备”与项目吻合'], en: ['Fits the intake direction "MS devices"'] },
      engineVersion: '2025.4',
      catalogVersion: 3,
      profileRevision: 1,
    },
  });
  return { id, topic: TOPIC, key: leadId, value };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A throw-away redis-server on a free loopback port (as tests/support/redis-server.ts starts one). */
async function privateRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run redis-server: ${error.message}`)));
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1_000);
const line = (label: string, figure: string) =>
  process.stdout.write(`${label.padEnd(44)} ${figure.padStart(12)}\n`);

/** A Redis the user runs: the run's keys are removed, nothing else is touched. */
function externalRedis(url: string) {
  return {
    url,
    stop: async () => {
      const client = new Redis(url);
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${runId}:*`, 'COUNT', 1_000);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      client.disconnect();
    },
  };
}

const runId = `bench-outbox-${process.pid}-${Date.now()}`;
const redis = process.env.REDIS_URL ? externalRedis(process.env.REDIS_URL) : await privateRedis();
const dir = mkdtempSync(path.join(tmpdir(), 'bench-outbox-'));
const bus = createRedisStreamsBus({ url: redis.url, prefix: runId });
const store = await createStore({ kind: 'sqlite', dir });
try {
  const events = Array.from({ length: documents }, (_, i) => scoreEvent(i));
  const messages: BusMessage[] = events.map(({ key, value }) => ({ key, value }));

  // Warm-up of the bus path (JIT, connection, topic meta), not reported.
  await bus.publish(`${TOPIC}.warm`, messages.slice(0, 2_000));

  let started = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) {
    await bus.publish(`${TOPIC}.baseline`, messages.slice(i, i + batchSize));
  }
  const baseline = perSecond(messages.length, performance.now() - started);

  const scores = store.collection<Score>('matches');
  started = performance.now();
  for (let i = 0; i < documents; i += 1_000) {
    await scores.insertMany(
      events.slice(i, i + 1_000).map((event, j) =>
        withEvents(
          {
            _id: `${event.key}:${PARKS[(i + j) % PARKS.length]}`,
            leadId: event.key,
            parkId: PARKS[(i + j) % PARKS.length] as string,
            score: 71.5,
            tier: 'B',
          },
          [event],
        ),
      ),
    );
  }
  const inserted = perSecond(documents, performance.now() - started);

  const logger = createLogger('bench', 'warn');
  const relays = Array.from({ length: relayCount }, () =>
    createOutboxRelay({ store, bus, collections: ['matches'], logger, batchSize }),
  );
  // The relays as services run them (start(): rounds back to back while there is work), timed
  // until every event is on the bus and the outbox is empty. Progress is watched on Redis, not
  // in the store, whose calls are synchronous and would take the relay's time.
  started = performance.now();
  for (const relay of relays) relay.start();
  // Every message of the topic, as a group that never read it sees them: duplicates would show.
  while ((await bus.lag(TOPIC, 'bench-count')) < documents) await sleep(20);
  const [first] = relays;
  while (((await first?.pendingCount())?.matches ?? 0) > 0) await sleep(5);
  const relayMs = performance.now() - started;
  await Promise.all(relays.map((relay) => relay.stop()));
  const onTheBus = await bus.lag(TOPIC, 'bench-count');

  process.stdout.write(
    `${documents} documents with one event each (${messages[0]?.value.length}-byte values), batches of ${batchSize}, ` +
      `${relayCount} relay(s), store: ${store.kind} in ${dir}, ${redis.url}\n`,
  );
  line('events/s', '');
  line('bus.publish alone (baseline)', baseline.toLocaleString('en'));
  line('outbox relay: store -> bus -> store cleared', perSecond(documents, relayMs).toLocaleString('en'));
  line('relay / baseline', (perSecond(documents, relayMs) / baseline).toFixed(2));
  line('(store insertMany of the documents, docs/s)', inserted.toLocaleString('en'));
  line('(messages on the relayed topic)', onTheBus.toLocaleString('en'));
} finally {
  await bus.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await redis.stop();
}
