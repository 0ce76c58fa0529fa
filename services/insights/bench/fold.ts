// Folding speed and query latency of the insights read model at scale, in one run:
//   npm run bench:insights            (node services/insights/bench/fold.ts [leads=100000] [--keep <dir>])
// (with --keep, `node services/insights/bench/queries.ts <dir>` asks the queries again alone)
// 1. a synthetic history (~14 events a lead) as bus messages, in time order;
// 2. in memory: parsing every message as the consumer does (envelope and payload schemas), then
//    parsing and folding (the pure fold alone);
// 3. on a Redis Streams bus (a private redis-server): the history published to its topics, then
//    read off the bus by the read model's consumers (every topic, batches of 500, parsed and
//    acknowledged) without folding — the baseline — and then by the service's own consumers
//    (feedReadModel: parse, fold, derive the facts, one SQLite write a batch): folding speed as
//    a ratio to the baseline;
// 4. in a second process (queries.ts), as the service: the model loaded from the store, and
//    every metrics endpoint through the HTTP app, p50/p95 over mixed parks and periods.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisStreamsBus, type EventBus, type Subscription } from '@parkmatch/bus';
import { parseEvent } from '@parkmatch/contracts';
import { consumeEvents, createLogger } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { startRedis } from '../../../tests/support/redis-server.ts';
import { closeAll, feedReadModel } from '../src/read-model/consumer.ts';
import {
  READ_MODEL_EVENTS,
  READ_MODEL_TOPICS,
  type ReadModelEvent,
  type ReadModelEventName,
} from '../src/read-model/events.ts';
import { fold } from '../src/read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../src/read-model/lead-state.ts';
import { ReadModel } from '../src/read-model/read-model.ts';
import { LeadStateRepository } from '../src/read-model/repository.ts';
import { syntheticHistory } from './synthetic.ts';

const LEADS = Number(process.argv[2] ?? 100_000);
/** `--keep <dir>`: fold into that directory and keep it, so queries.ts can be run again on it alone. */
const keepAt = process.argv.indexOf('--keep');
const KEEP = keepAt > 0 ? process.argv[keepAt + 1] : undefined;
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (label: string, events: number, ms: number, baseline?: number) => {
  const perSecond = events / (ms / 1000);
  say(
    `${label.padEnd(44)} ${fmt(perSecond).padStart(9)} events/s  (${seconds(ms)})${baseline ? `  ratio ${(perSecond / baseline).toFixed(2)}` : ''}`,
  );
  return perSecond;
};

let t = performance.now();
const messages = syntheticHistory(LEADS);
const counts = new Map<string, number>();
for (const m of messages) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
say(
  `history: ${fmt(messages.length)} events for ${fmt(LEADS)} leads (generated in ${seconds(performance.now() - t)}), node ${process.version}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
say(`  ${[...counts].map(([name, n]) => `${name} ${fmt(n)}`).join(', ')}`);

const parse = (m: (typeof messages)[number]) =>
  ({ name: m.name, event: parseEvent(READ_MODEL_EVENTS[m.name], m.value) }) as ReadModelEvent;

say('\nin memory');
t = performance.now();
let sink = 0;
for (const m of messages) sink += parse(m).event.id.length;
const parseRate = rate('  parse only (baseline)', messages.length, performance.now() - t);

t = performance.now();
const states = new Map<string, LeadState>();
for (const m of messages) {
  const input = parse(m);
  const id = input.event.payload.leadId;
  states.set(id, fold(states.get(id) ?? emptyLeadState(id), input));
}
rate('  parse + fold', messages.length, performance.now() - t, parseRate);
states.clear();

// On the bus: publish the history, then read it twice with two consumer groups.
const redis = await startRedis();
const logger = createLogger('insights-bench', 'silent');
const bus: EventBus = createRedisStreamsBus({ url: redis.url, prefix: 'bench' });
const dir = KEEP ?? (await mkdtemp(path.join(tmpdir(), 'parkmatch-insights-bench-')));
const store = await createStore({ kind: 'sqlite', dir });
let code: number | null = 1;
let storeOpen = true;
let busOpen = true;
const closeBus = async () => {
  if (!busOpen) return;
  busOpen = false;
  await bus.close();
  await redis.stop();
};
try {
  say(`\non a Redis Streams bus (private redis-server ${redis.url}, 8 partitions a topic)`);
  t = performance.now();
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const m of messages) {
    const topic = READ_MODEL_EVENTS[m.name].topic;
    const list = byTopic.get(topic) ?? [];
    if (list.length === 0) byTopic.set(topic, list);
    list.push({ key: (JSON.parse(m.value) as { key: string }).key, value: m.value });
  }
  for (const [topic, list] of byTopic)
    for (let i = 0; i < list.length; i += 2_000) await bus.publish(topic, list.slice(i, i + 2_000));
  byTopic.clear();
  rate('  published (setup)', messages.length, performance.now() - t);

  const drained = async (group: string) => {
    for (;;) {
      const lags = await Promise.all(READ_MODEL_TOPICS.map((topic) => bus.lag(topic, group)));
      if (lags.every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  // Baseline: the read model's consumers, reading and parsing every message, folding nothing.
  t = performance.now();
  let read = 0;
  const readers: Subscription[] = await Promise.all(
    (Object.keys(READ_MODEL_EVENTS) as ReadModelEventName[]).map((name) =>
      consumeEvents({
        bus,
        definition: READ_MODEL_EVENTS[name],
        group: 'bench.read-only',
        logger,
        maxBatchSize: 500,
        handleBatch: async (events) => {
          read += events.length;
        },
      }),
    ),
  );
  await drained('bench.read-only');
  const readRate = rate('  read off the bus, no fold (baseline)', read, performance.now() - t);
  await closeAll(readers);

  // The service's consumers: read, parse, fold, facts, one SQLite write a batch.
  const model = await ReadModel.load(await LeadStateRepository.open(store, 1));
  t = performance.now();
  const feeders = await feedReadModel({ bus, group: 'bench.read-model', model, logger });
  await drained('bench.read-model');
  rate('  read + fold + facts + SQLite write', model.eventsSeen, performance.now() - t, readRate);
  await closeAll(feeders);
  say(
    `  (in-memory parse-only rate for scale: ${fmt(parseRate)} events/s; read ${fmt(read)} events each time)`,
  );

  // Redelivery of the last 100,000 events: recognised, nothing written.
  t = performance.now();
  const version = model.version;
  const tail = messages.slice(-100_000);
  for (let i = 0; i < tail.length; i += 500) await model.apply(tail.slice(i, i + 500).map(parse));
  say(
    `  redelivered 100,000 events: ${seconds(performance.now() - t)}, model changed: ${model.version !== version}`,
  );
  say(`  leads in the read model: ${fmt(model.size)}`);
  messages.length = 0;

  await closeBus();
  await store.close();
  storeOpen = false;

  // Queries in a process of their own that loads the model from the store, as the service does
  // at start (this one still holds the history and the model).
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'queries.ts'), dir], {
    stdio: 'inherit',
  });
  [code] = (await once(child, 'exit')) as [number | null];
} finally {
  await closeBus();
  if (storeOpen) await store.close();
  if (!KEEP) await rm(dir, { recursive: true, force: true });
}
say(`\nfold process peak RSS: ${fmt(process.resourceUsage().maxRSS / 1024)} MiB (${sink > 0 ? 'ok' : ''})`);
process.exitCode = code ?? 1;
