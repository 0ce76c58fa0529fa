// Usage: node services/matching/bench/local-scale.ts [leads=100000]
// The matching service at scale in local mode (SQLite store, Redis), measured on the real
// service process rather than inside this script:
//   1. load: N profiles and their scores at every park go straight into the collections of a
//      SQLite store in a temp DATA_DIR (like a restored backup), then the store is closed;
//   2. the real service (`node services/matching/src/main.ts`) starts as a child process on
//      that data, with a private redis-server; start-up is timed until /healthz answers (it
//      includes loading the ranking of the N×6 stored scores);
//   3. one park is re-ranked through the API: a new catalog version (the one in force minus its
//      last direction) is published with PUT …/catalog and GET …/rerank is polled until done;
//   4. ranked-leads latency over HTTP (first pages, filters, deep cursors) against the same
//      number of GET /healthz requests to the same process (its HTTP floor), interleaved;
//   5. the service's peak RSS (VmHWM of its /proc status) and RSS now, goal < 500 MB at
//      100,000 leads; this script's own peak for contrast.
// The child and Redis are stopped and the temp folder removed whatever happens. 127.0.0.1 only.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { nodeOptionsOf } from '../../../scripts/services.ts';
import { freePort, type RunningRedis, startRedis } from '../../../tests/support/redis-server.ts';
import { loadLabelledSet } from '../eval/evaluation.ts';
import { CatalogRepository } from '../src/catalog/repository.ts';
import { Engine, loadParkCatalogs, loadTaxonomy } from '../src/engine/index.ts';
import { type ProfileDoc, ProfileRepository } from '../src/profiles/repository.ts';
import { type MatchDoc, MatchRepository, matchId } from '../src/scores/repository.ts';

const N = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(N) || N < 1) {
  process.stderr.write('usage: node services/matching/bench/local-scale.ts [leads=100000]\n');
  process.exit(2);
}
const PARK = 'dadukou-ivd';
const REQUESTS = 400;
const GOAL_RSS_MB = 500;
const GOAL_RERANK_S = 60;
const STARTUP_TIMEOUT_MS = 10 * 60_000;
const RERANK_TIMEOUT_MS = 10 * 60_000;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'services/matching/src/main.ts');

const say = (msg: string) => process.stdout.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (fromMs: number) => ((performance.now() - fromMs) / 1000).toFixed(1);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
/** A field of /proc/<pid>/status in MiB (VmHWM: peak resident set; VmRSS: resident now). */
function procMiB(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** CPU time (user + system, every thread) a process has used so far, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "pid (comm) ": state is field 3, utime 14, stime 15, in clock ticks (100 per second here).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

// Deterministic variety: the labelled profiles, varied in numbers and wording.
function* profiles(count: number): Generator<ProfileDoc> {
  const base = loadLabelledSet(fileURLToPath(new URL('../eval/labelled.jsonl', import.meta.url))).map(
    (c) => c.profile,
  );
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < count; i++) {
    const p = base[i % base.length];
    if (!p) throw new Error('empty labelled set');
    const { contact: _c, consent: _k, ...pub } = p;
    yield {
      _id: `lead-${String(i).padStart(7, '0')}`,
      revision: 1,
      receivedAt: new Date(0).toISOString(),
      profile: {
        ...pub,
        firm: { ...pub.firm, name: `${pub.firm.name}-${i}` },
        project: {
          ...pub.project,
          description: `${pub.project.description}（项目编号 ${i}）`,
          plannedInvestmentCny: Math.round((pub.project.plannedInvestmentCny ?? 2e7) * (0.3 + rand() * 2)),
          timelineMonths: Math.floor(rand() * 36),
        },
      },
    };
  }
}

/** 1. Profiles and an initial score at every park, straight into the collections. */
async function loadStore(dir: string): Promise<void> {
  const store = await createStore({ kind: 'sqlite', dir });
  try {
    const [catalogs] = await Promise.all([
      CatalogRepository.open(store),
      ProfileRepository.open(store),
      MatchRepository.open(store),
    ]);
    const taxonomy = loadTaxonomy();
    await catalogs.seed(loadParkCatalogs(taxonomy), new Date());
    const engine = new Engine(taxonomy, await catalogs.current());
    const profileDocs = store.collection<ProfileDoc>('profiles');
    const matchDocs = store.collection<MatchDoc>(MatchRepository.COLLECTION);
    let batch: ProfileDoc[] = [];
    let matches: MatchDoc[] = [];
    for (const p of profiles(N)) {
      batch.push(p);
      const lead = { leadId: p._id, revision: 1, profile: p.profile };
      for (const { reasons: _r, components: _c, ...result } of engine.match(lead)) {
        matches.push({
          ...result,
          _id: matchId(p._id, result.parkId),
          leadId: p._id,
          firmName: p.profile.firm.name,
          projectTitle: p.profile.project.title,
          profileRevision: 1,
          updatedAt: new Date(Date.now() + matches.length).toISOString(),
        });
      }
      if (batch.length === 1000) {
        await profileDocs.insertMany(batch);
        await matchDocs.insertMany(matches);
        batch = [];
        matches = [];
      }
    }
    if (batch.length) await profileDocs.insertMany(batch);
    if (matches.length) await matchDocs.insertMany(matches);
  } finally {
    await store.close();
  }
}

interface Service {
  child: ChildProcess;
  pid: number;
  exited: Promise<void>;
}

/** 2. The real matching service as a child process; its output is printed as it comes. */
function startService(env: Record<string, string>): Service {
  const nodeOptions = nodeOptionsOf('matching');
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      // The flags `npm start` runs matching with (scripts/services.ts), after the caller's.
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      PARKMATCH_ENV: 'local',
      HOST: '127.0.0.1',
      STORE: 'sqlite',
      BUS: 'redis',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the matching service did not start');
  const echo = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (line.trim()) say(`  [matching] ${line.slice(0, 300)}`);
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, pid: child.pid, exited };
}

async function waitHealthy(service: Service, base: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(
        `matching exited (${service.child.exitCode ?? service.child.signalCode}) before /healthz`,
      );
    }
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`matching did not answer /healthz within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

async function stopService(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const t = performance.now();
  service.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    service.exited.then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), 30_000);
    }),
  ]);
  clearTimeout(timer);
  if (stopped) {
    say(
      `matching stopped on SIGTERM in ${seconds(t)} s (exit ${service.child.exitCode ?? service.child.signalCode})`,
    );
  } else {
    say('matching still running 30 s after SIGTERM: SIGKILL');
    service.child.kill('SIGKILL');
    await service.exited;
  }
}

interface RerankView {
  version: number;
  status: 'queued' | 'running' | 'done' | 'superseded' | 'failed';
  total: number;
  done: number;
  changedTiers: number;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

const dir = mkdtempSync(path.join(tmpdir(), 'parkmatch-scale-'));
let redis: RunningRedis | undefined;
let service: Service | undefined;
try {
  say(`matching at scale: ${N} leads, node ${process.version}, load average at start ${load()}`);

  // 1. Load, in this process.
  let t = performance.now();
  await loadStore(dir);
  say(`loaded ${N} profiles and ${N * 6} scores into ${dir} in ${seconds(t)} s (this process)`);

  // 2. The service, on that data.
  redis = await startRedis();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  t = performance.now();
  service = startService({
    DATA_DIR: dir,
    PORT: String(port),
    REDIS_URL: redis.url,
    AUTH_SECRET: secret,
    REDIS_PREFIX: `bench${randomBytes(4).toString('hex')}`,
  });
  await waitHealthy(service, base);
  const pid = service.pid;
  say(
    `matching (pid ${pid}) answered /healthz after ${seconds(t)} s (start-up, ranking of ${N * 6} scores loaded; ${cpuSeconds(pid).toFixed(1)} s CPU)`,
  );
  const memory = (phase: string) =>
    say(
      `  matching memory after ${phase}: peak (VmHWM) ${Math.round(procMiB(pid, 'VmHWM'))} MiB, now (VmRSS) ${Math.round(procMiB(pid, 'VmRSS'))} MiB`,
    );
  memory('start-up');
  const token = await createTokenService(secret).sign({ sub: 'bench', role: 'admin' });
  const headers = { authorization: `Bearer ${token}` };
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };

  // 3. Re-rank one park through the API.
  const current = await call<{ version: number; directions: unknown[] }>('GET', `/v1/parks/${PARK}`);
  const draft = { ...current, directions: current.directions.slice(0, -1) };
  t = performance.now();
  const cpuBefore = cpuSeconds(pid);
  const published = await call<{ version: number; rerank: RerankView }>('PUT', `/v1/parks/${PARK}/catalog`, {
    catalog: draft,
    note: 'bench',
  });
  say(
    `published ${PARK} v${published.version} (v${current.version} minus its last direction, ${draft.directions.length} directions); re-rank ${published.rerank.status}`,
  );
  let rerank: RerankView = published.rerank;
  let lastReport = -1;
  const deadline = Date.now() + RERANK_TIMEOUT_MS;
  while (rerank.status !== 'done') {
    if (rerank.status === 'failed' || rerank.status === 'superseded') {
      throw new Error(`re-rank ${rerank.status}${rerank.error ? `: ${rerank.error}` : ''}`);
    }
    if (Date.now() > deadline) throw new Error(`re-rank not done within ${RERANK_TIMEOUT_MS / 1000} s`);
    await sleep(500);
    rerank = await call<RerankView>('GET', `/v1/parks/${PARK}/rerank`);
    if (rerank.version !== published.version) throw new Error(`re-rank of version ${rerank.version}`);
    if (rerank.done - lastReport >= rerank.total / 10 || rerank.status === 'done') {
      lastReport = rerank.done;
      say(`  re-rank ${rerank.status} ${rerank.done}/${rerank.total} after ${seconds(t)} s`);
    }
  }
  const wall = (performance.now() - t) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  const server =
    rerank.startedAt && rerank.finishedAt
      ? (Date.parse(rerank.finishedAt) - Date.parse(rerank.startedAt)) / 1000
      : Number.NaN;
  say(
    `re-rank of ${PARK} over ${rerank.total} profiles: ${server.toFixed(1)} s on the server (startedAt→finishedAt, ${Math.round(rerank.total / server)} profiles/s), ${wall.toFixed(1)} s from the PUT (polled every 500 ms); ${rerank.changedTiers} tier changes; goal < ${GOAL_RERANK_S} s`,
  );
  say(
    `  matching used ${cpu.toFixed(1)} s of CPU meanwhile (all its threads; ${((100 * cpu) / wall).toFixed(0)} % of one core over the wall time)`,
  );
  memory('re-rank');

  // 4. ranked-leads over HTTP, interleaved with the same number of GET /healthz (the floor).
  const queries = ['', '?tier=B', '?direction=ivd.poct', '?minScore=40'];
  const ranked: number[] = [];
  const floor: number[] = [];
  let cursor: string | null = null;
  let deep = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const first = `/v1/parks/${PARK}/ranked-leads${queries[i % queries.length]}`;
    const route =
      i % 8 === 7 && cursor ? `/v1/parks/${PARK}/ranked-leads?cursor=${encodeURIComponent(cursor)}` : first;
    if (route !== first) deep++;
    let start = performance.now();
    const res = await fetch(`${base}${route}`, { headers });
    const body = (await res.json()) as { nextCursor: string | null };
    ranked.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`ranked-leads ${res.status}: ${JSON.stringify(body)}`);
    cursor = body.nextCursor;

    start = performance.now();
    const health = await fetch(`${base}/healthz`);
    await health.text();
    floor.push(performance.now() - start);
    if (!health.ok) throw new Error(`healthz ${health.status}`);
  }
  ranked.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  say(
    `ranked-leads over ${N} leads (HTTP, ${REQUESTS} requests, ${deep} deep cursors): p50 ${ms(percentile(ranked, 0.5))}, p95 ${ms(percentile(ranked, 0.95))}, max ${ms(ranked.at(-1) ?? 0)}`,
  );
  say(
    `baseline GET /healthz, same process (${REQUESTS} requests, interleaved): p50 ${ms(percentile(floor, 0.5))}, p95 ${ms(percentile(floor, 0.95))}, max ${ms(floor.at(-1) ?? 0)}`,
  );
  say(
    `ratio ranked-leads / healthz: p50 ${(percentile(ranked, 0.5) / percentile(floor, 0.5)).toFixed(1)}×, p95 ${(percentile(ranked, 0.95) / percentile(floor, 0.95)).toFixed(1)}×`,
  );

  // 5. Memory of the service process, and of this one for contrast.
  const peak = procMiB(service.pid, 'VmHWM');
  say(
    `matching service peak RSS (VmHWM): ${Math.round(peak)} MiB, RSS now (VmRSS): ${Math.round(procMiB(service.pid, 'VmRSS'))} MiB; goal < ${GOAL_RSS_MB} MB at 100,000 leads: ${peak * 1.048576 < GOAL_RSS_MB ? 'met' : 'NOT met'}`,
  );
  say(`bench process peak RSS (VmHWM, loader included): ${Math.round(procMiB('self', 'VmHWM'))} MiB`);
} catch (error) {
  process.exitCode = 1;
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (service) await stopService(service);
  if (redis) await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  say(`load average at end ${load()}`);
}
