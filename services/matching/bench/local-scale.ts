// Usage: node services/matching/bench/local-scale.ts [leads=100000] [cold]
// The matching service's data path in local mode (the local store) at scale:
//   1. N profiles and their scores at every park are loaded (bulk insert, not timed as a figure of merit);
//   2. one park is re-ranked over all N stored profiles with the real re-rank code (runRerank),
//      progress printed as it goes;
//   3. ranked-leads latency (p50/p95) through the real HTTP app (app.request), first pages and
//      deep cursors, against a baseline in the same run (a plain array filter + sort + slice);
//   4. peak resident memory of the process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, createMetrics, createTokenService } from '@parkmatch/service-kit';
import { createStore } from '@parkmatch/store';
import { loadLabelledSet } from '../eval/evaluation.ts';
import { createMatchingApp } from '../src/app.ts';
import { CatalogRepository } from '../src/catalog/repository.ts';
import { Engine, loadParkCatalogs, loadTaxonomy } from '../src/engine/index.ts';
import { type ProfileDoc, ProfileRepository } from '../src/profiles/repository.ts';
import { followRanking } from '../src/ranking/follower.ts';
import { RankIndex } from '../src/ranking/rank-index.ts';
import { RerankRepository } from '../src/rerank/repository.ts';
import { runRerank } from '../src/rerank/rerank.ts';
import { type MatchDoc, MatchRepository, matchId } from '../src/scores/repository.ts';

const N = Number(process.argv[2] ?? 100_000);
/** `cold`: re-rank with an engine that has read nothing yet, as right after a restart. */
const COLD = process.argv[3] === 'cold';
const PARK = 'dadukou-ivd';
const say = (msg: string) => process.stdout.write(`${msg}\n`);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const ms = (n: number) => `${n.toFixed(2)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), 'parkmatch-scale-'));
try {
  const store = await createStore({ kind: 'sqlite', dir });
  const [catalogs, profileRepo, matchRepo, reranks] = await Promise.all([
    CatalogRepository.open(store),
    ProfileRepository.open(store),
    MatchRepository.open(store),
    RerankRepository.open(store),
  ]);
  const taxonomy = loadTaxonomy();
  await catalogs.seed(loadParkCatalogs(taxonomy), new Date());
  let engine = new Engine(taxonomy, await catalogs.current());
  // Loading goes straight to the collections, like a restored backup.
  const profileDocs = store.collection<ProfileDoc>('profiles');
  const matchDocs = store.collection<MatchDoc>(MatchRepository.COLLECTION);

  // 1. Load: profiles and an initial score at every park (bulk, like a restored backup).
  let t = performance.now();
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
  say(`loaded ${N} profiles and ${N * 6} scores in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const ranking = new RankIndex();
  t = performance.now();
  const follower = followRanking(matchRepo, ranking, createLogger('bench', 'silent'));
  await follower.load();
  say(`rank index built from the store in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 2. Re-rank one park with a new catalog version (the real code path).
  if (COLD) engine = new Engine(taxonomy, await catalogs.current());
  const current = engine.catalog(PARK);
  if (!current) throw new Error('no park');
  const next = { ...current, version: current.version + 1, directions: current.directions.slice(1) };
  await catalogs.insert(next, { publishedBy: 'bench' }, new Date());
  const job = { parkId: PARK, version: next.version, engineVersion: engine.engineVersion };
  await reranks.queue(job, N, new Date());
  t = performance.now();
  let lastReport = 0;
  await runRerank(
    {
      matches: matchRepo,
      onRecorded: follower.apply,
      profiles: profileRepo,
      reranks,
      engine,
      catalogAt: catalogs.at,
      onEventsWritten: () => {},
    },
    job,
    async (done) => {
      if (done - lastReport >= N / 10 || done === N) {
        lastReport = done;
        say(`  re-rank progress ${done}/${N} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    },
  );
  const rerankSeconds = (performance.now() - t) / 1000;
  const state = await reranks.get(job);
  say(
    `${COLD ? 'cold ' : ''}re-rank of ${PARK} over ${N} profiles: ${rerankSeconds.toFixed(1)} s (${Math.round(N / rerankSeconds)} profiles/s), status ${state?.status}, ${state?.changedTiers} tier changes`,
  );

  // 3. ranked-leads latency through the HTTP app, against a plain array baseline.
  const tokens = createTokenService('bench-secret-bench-secret-bench');
  const token = await tokens.sign({ sub: 'bench', role: 'analyst', parkId: PARK });
  const app = createMatchingApp({
    catalogs,
    profiles: profileRepo,
    matches: matchRepo,
    reranks,
    engine,
    ranking,
    reranking: { enqueue: async () => Promise.reject(new Error('not in the bench')) },
    tokens,
    logger: createLogger('bench', 'silent'),
    metrics: createMetrics('bench'),
    readiness: [],
  });
  const headers = { authorization: `Bearer ${token}` };
  const queries = ['', '?tier=B', '?direction=ivd.poct', '?minScore=40'];
  const latencies: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 400; i++) {
    const base = `/v1/parks/${PARK}/ranked-leads${queries[i % queries.length]}`;
    const url = i % 8 === 7 && cursor ? `/v1/parks/${PARK}/ranked-leads?cursor=${cursor}` : base;
    const start = performance.now();
    const res = await app.request(url, { headers });
    const body = (await res.json()) as { nextCursor: string | null };
    latencies.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`ranked-leads ${res.status}`);
    cursor = body.nextCursor;
  }
  latencies.sort((a, b) => a - b);
  const all = await matchDocs.find({ parkId: PARK }, { projection: { leadId: 1, score: 1, tier: 1 } });
  const baseline: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    all
      .filter((m) => m.tier !== 'D' || i % 2 === 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 50);
    baseline.push(performance.now() - start);
  }
  baseline.sort((a, b) => a - b);
  say(
    `ranked-leads over ${N} leads (HTTP app, 400 requests): p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}, max ${ms(latencies.at(-1) ?? 0)}`,
  );
  say(
    `baseline (array filter + sort + slice of the park's ${all.length} scores): p50 ${ms(percentile(baseline, 0.5))}, p95 ${ms(percentile(baseline, 0.95))}`,
  );
  say(
    `ratio p95 ranked-leads / baseline: ${(percentile(latencies, 0.95) / percentile(baseline, 0.95)).toFixed(2)}`,
  );
  await store.close();
} finally {
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  say(`peak RSS of the process: ${Math.round(peakRss / 1024 / 1024)} MiB`);
  rmSync(dir, { recursive: true, force: true });
}
