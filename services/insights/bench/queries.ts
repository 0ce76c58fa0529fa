// Query latency of the insights read model, as the service sees it: the model loaded from a
// store folded by fold.ts (run that; it starts this), then every metrics endpoint through the
// HTTP app. Each question is asked once (no cache hit), then the same set again (cached).
//   node services/insights/bench/queries.ts <sqlite dir>
import { loadavg } from 'node:os';
import { PARK_IDS } from '@parkmatch/contracts';
import { createLogger, createMetrics, createTokenService } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { createInsightsApp } from '../src/app.ts';
import { ReadModel } from '../src/read-model/read-model.ts';
import { LeadStateRepository } from '../src/read-model/repository.ts';
import { TargetRepository } from '../src/targets/repository.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: queries.ts <sqlite dir>');
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const store = await createStore({ kind: 'sqlite', dir });
const t = performance.now();
const model = await ReadModel.load(await LeadStateRepository.open(store, 1));
say(
  `\nload at start: ${fmt(model.size)} leads' facts from SQLite in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const tokens = createTokenService('bench-secret-bench-secret-bench-secret');
const token = await tokens.sign({ sub: 'bench', role: 'admin' });
const now = new Date('2026-06-30T12:00:00+08:00');
const app = createInsightsApp({
  leads: () => model.facts(),
  modelVersion: () => `${model.generation}:${model.version}`,
  status: () => ({ generation: 1, leads: model.size, version: model.version }),
  targets: await TargetRepository.open(store),
  tokens,
  logger: createLogger('insights', 'silent'),
  metrics: createMetrics('insights'),
  readiness: [],
  now: () => now,
});
const headers = { authorization: `Bearer ${token}` };
const PERIODS = [
  'period=month&date=2026-05-10',
  'period=quarter&date=2026-02-01',
  'period=year&date=2025-06-01',
  'from=2024-01-01&to=2026-06-30',
  'period=week&date=2026-03-18',
];
const SCOPES = ['', ...PARK_IDS.map((p) => `&parkId=${p}`)];
const QUESTIONS = PERIODS.length * SCOPES.length; // 35, each asked once

/** Wall time of one request, and the CPU time this process spent on it (other processes' load left out). */
async function time(url: string): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await app.request(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.ceil(q * sorted.length) - 1] ?? 0).toFixed(1).padStart(6);
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

say(
  `metrics over ${fmt(model.size)} leads: ${QUESTIONS} questions each (city and six parks × week … 30 months); load average ${load()}`,
);
say(`  ${''.padEnd(14)}  first time asked: wall p50, p95; CPU p95     asked again (cached): wall p50, p95`);
const GOAL_MS = 100;
let worstWall = 0;
let worstCpu = 0;
const line = (name: string, first: { wall: number; cpu: number }[], again?: number[]) => {
  const wall = first.map((t) => t.wall);
  const cpu = first.map((t) => t.cpu);
  worstWall = Math.max(worstWall, Number(pct(wall, 0.95)));
  worstCpu = Math.max(worstCpu, Number(pct(cpu, 0.95)));
  say(
    `  ${name.padEnd(14)}  ${pct(wall, 0.5)} ${pct(wall, 0.95)} ms; ${pct(cpu, 0.95)} ms` +
      (again ? `           ${pct(again, 0.5)} ${pct(again, 0.95)} ms` : ''),
  );
};
const url = (metric: string, i: number) =>
  `/v1/metrics/${metric}?${PERIODS[i % PERIODS.length]}${SCOPES[i % SCOPES.length]}`;
for (const metric of [
  'funnel',
  'conversion',
  'time-in-stage',
  'investment',
  'lost',
  'appeals',
  'quality',
  'activity',
]) {
  const first: { wall: number; cpu: number }[] = [];
  const again: number[] = [];
  for (let i = 0; i < QUESTIONS; i++) first.push(await time(url(metric, i)));
  for (let i = 0; i < QUESTIONS; i++) again.push((await time(url(metric, i))).wall);
  line(metric, first, again);
}
await app.request('/v1/targets', {
  method: 'PUT',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify({
    scope: 'city',
    year: 2026,
    targets: { firms: 500, revenueCny: 2e11, certificates: 800, signedInvestmentCny: 5e10 },
  }),
});
const targets: { wall: number; cpu: number }[] = [];
for (let i = 0; i < QUESTIONS; i++) targets.push(await time('/v1/targets'));
line('targets', targets);
const xlsx: number[] = [];
for (let i = 0; i < QUESTIONS; i++) xlsx.push((await time(`${url('time-in-stage', i)}&format=xlsx`)).wall);
say(
  `  ${'xlsx (cached)'.padEnd(14)}  ${pct(xlsx, 0.5)} ${pct(xlsx, 0.95)} ms (time-in-stage, both tables as a workbook)`,
);
say(
  `goal: every metric under ${GOAL_MS} ms p95 the first time asked — worst p95 wall ${worstWall.toFixed(1)} ms, ` +
    `CPU ${worstCpu.toFixed(1)} ms: ${worstWall < GOAL_MS ? 'met' : worstCpu < GOAL_MS ? 'met in CPU time, not in wall time under this load' : 'NOT met'} (load average ${load()})`,
);
const heap = process.memoryUsage().heapUsed / 2 ** 20;
say(`query process: heap used ${fmt(heap)} MiB, peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
await store.close();
