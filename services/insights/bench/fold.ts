// Folding speed and query latency of the insights read model at scale:
//   node services/insights/bench/fold.ts [leads=100000]
// 1. a synthetic history (~10 events a lead) as bus messages, in time order;
// 2. parsing every message as the consumer does (envelope and payload schemas), no folding: the baseline;
// 3. parsing and folding in memory; then the consumer's whole path: parse, fold, derive the
//    facts and write each batch of 500 to SQLite in one write (ReadModel.apply);
// 4. in a second process (queries.ts), as the service: the model loaded from the store, and every
//    metrics endpoint through the HTTP app, p50/p95 over mixed parks and periods.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEvent } from '@parkmatch/contracts';
import { createStore } from '@parkmatch/store';
import { READ_MODEL_EVENTS, type ReadModelEvent } from '../src/read-model/events.ts';
import { fold } from '../src/read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../src/read-model/lead-state.ts';
import { ReadModel } from '../src/read-model/read-model.ts';
import { LeadStateRepository } from '../src/read-model/repository.ts';
import { syntheticHistory } from './synthetic.ts';

const LEADS = Number(process.argv[2] ?? 100_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let t = performance.now();
const messages = syntheticHistory(LEADS);
say(
  `history: ${fmt(messages.length)} events for ${fmt(LEADS)} leads (generated in ${seconds(performance.now() - t)}), node ${process.version}`,
);

const parse = (m: (typeof messages)[number]) =>
  ({ name: m.name, event: parseEvent(READ_MODEL_EVENTS[m.name], m.value) }) as ReadModelEvent;

// Baseline: read the messages as the consumer does, fold nothing.
t = performance.now();
let sink = 0;
for (const m of messages) sink += parse(m).event.id.length;
const parseMs = performance.now() - t;
const parseRate = messages.length / (parseMs / 1000);
say(`parse only (baseline)                  ${fmt(parseRate).padStart(10)} events/s  (${seconds(parseMs)})`);

// Parse and fold in memory.
t = performance.now();
const states = new Map<string, LeadState>();
for (const m of messages) {
  const input = parse(m);
  const id = input.event.payload.leadId;
  states.set(id, fold(states.get(id) ?? emptyLeadState(id), input));
}
const foldMs = performance.now() - t;
const foldRate = messages.length / (foldMs / 1000);
say(
  `parse + fold, in memory                ${fmt(foldRate).padStart(10)} events/s  (${seconds(foldMs)})  ratio ${(foldRate / parseRate).toFixed(2)}`,
);

// The consumer's whole path into SQLite: batches of 500, one write each.
const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-insights-bench-'));
const store = await createStore({ kind: 'sqlite', dir });
const model = await ReadModel.load(await LeadStateRepository.open(store, 1));
t = performance.now();
for (let i = 0; i < messages.length; i += 500) await model.apply(messages.slice(i, i + 500).map(parse));
const applyMs = performance.now() - t;
const applyRate = messages.length / (applyMs / 1000);
say(
  `parse + fold + facts + SQLite write    ${fmt(applyRate).padStart(10)} events/s  (${seconds(applyMs)})  ratio ${(applyRate / parseRate).toFixed(2)}`,
);

// Redelivery of the last 100,000 events: recognised, nothing written.
t = performance.now();
const version = model.version;
const tail = messages.slice(-100_000);
for (let i = 0; i < tail.length; i += 500) await model.apply(tail.slice(i, i + 500).map(parse));
say(
  `redelivered 100,000 events: ${seconds(performance.now() - t)}, model changed: ${model.version !== version}`,
);

await store.close();

// Queries in a process of their own that loads the model from the store, as the service does
// at start (this one still holds the history and two models).
const child = spawn(process.execPath, [path.join(import.meta.dirname, 'queries.ts'), dir], {
  stdio: 'inherit',
});
const [code] = (await once(child, 'exit')) as [number | null];
await rm(dir, { recursive: true, force: true });
say(`\nfold process peak RSS: ${fmt(process.resourceUsage().maxRSS / 1024)} MiB (${sink > 0 ? 'ok' : ''})`);
process.exitCode = code ?? 1;
