import { createLogger } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogVersionId, fromStored, toStored } from './catalogs.ts';
import type { ParkCatalog } from './domain/index.ts';
import type { RankIndex } from './domain/rank-index.ts';
import type { Engine } from './engine.ts';
import type { MatchDoc, Repositories } from './repositories.ts';
import { runRerank } from './rerank.ts';
import { scoreLead } from './scoring.ts';
import { labelledLead, openTestRepositories } from './test-repositories.ts';

// The re-rank job's own code on the embedded store: every stored profile re-scored once,
// events only where a tier moved, a resumed job starting after its cursor, and a job
// overtaken by a newer version stopping.

const PARK = 'dadukou-ivd';
const silent = createLogger('test', 'silent');

let opened: Awaited<ReturnType<typeof openTestRepositories>>;
let repos: Repositories;
let engine: Engine;
let ranking: RankIndex;

beforeEach(async () => {
  opened = await openTestRepositories();
  ({ repos, engine, ranking } = opened);
  for (let i = 0; i < 40; i++) {
    await scoreLead(repos, ranking, (lead) => engine.match(lead), labelledLead(i), new Date());
  }
});

afterEach(() => opened.close());

/** Publishes `change` of the park's catalog as the next version, as the catalog route does. */
async function publish(change: (catalog: ParkCatalog) => Partial<ParkCatalog>): Promise<number> {
  const latest = await repos.catalogVersions.findOne({ parkId: PARK }, { sort: { version: -1 } });
  if (!latest) throw new Error('no park');
  const current = fromStored(latest.catalog);
  const next = { ...current, ...change(current), version: current.version + 1 };
  const id = catalogVersionId(PARK, next.version);
  await repos.catalogVersions.insertOne({
    _id: id,
    parkId: PARK,
    version: next.version,
    catalog: toStored(next),
    publishedBy: 'test',
    publishedAt: new Date().toISOString(),
  });
  await repos.reranks.insertOne({
    _id: id,
    parkId: PARK,
    version: next.version,
    status: 'queued',
    total: 0,
    done: 0,
    changedTiers: 0,
    cursor: '',
    queuedAt: new Date().toISOString(),
  });
  return next.version;
}

const rerank = (version: number, progress: number[] = []) =>
  runRerank(
    { repos, engine, ranking, logger: silent, onEventsWritten: () => {} },
    { parkId: PARK, version },
    async (done) => {
      progress.push(done);
    },
  );

const parkMatches = () => repos.matches.find({ parkId: PARK }, { sort: { leadId: 1 } });
const dropMassSpec = (catalog: ParkCatalog) => ({
  directions: catalog.directions.filter((d) => d.code !== 'ivd.mass-spec'),
});

describe('runRerank', () => {
  it('re-scores every profile with the new version and announces only tier changes', async () => {
    const before = new Map((await parkMatches()).map((m) => [m._id, m]));
    const version = await publish(dropMassSpec);
    const progress: number[] = [];
    await rerank(version, progress);

    const after = await parkMatches();
    expect(after).toHaveLength(40);
    expect(after.every((m) => m.catalogVersion === version)).toBe(true);
    const moved = after.filter((m) => before.get(m._id)?.tier !== m.tier);
    expect(moved.length).toBeGreaterThan(0); // the mass-spec firms of the labelled set lose their fit
    for (const m of after) {
      const announced = moved.includes(m) ? 2 : 1; // the first scoring always announces
      expect(m._outbox?.length, m._id).toBe(announced);
    }
    const state = await repos.reranks.findOne({ _id: catalogVersionId(PARK, version) });
    expect(state).toMatchObject({ status: 'done', total: 40, done: 40, changedTiers: moved.length });
    expect(progress.at(-1)).toBe(40);
    expect(ranking.page(PARK, { limit: 100 }).items.map((e) => e.score)).toEqual(
      [...after.map((m) => m.score)].sort((a, b) => b - a),
    );
    // Other parks are untouched.
    const elsewhere = await repos.matches.find({ parkId: { $ne: PARK } });
    expect(elsewhere.every((m: MatchDoc) => m.catalogVersion === 1)).toBe(true);
  });

  it('resumes after its stored cursor, leaving what was done before alone', async () => {
    const version = await publish(dropMassSpec);
    await repos.reranks.updateOne(
      { _id: catalogVersionId(PARK, version) },
      { $set: { cursor: 'lead-009', done: 10 } },
    );
    await rerank(version);
    const after = await parkMatches();
    expect(after.slice(0, 10).every((m) => m.catalogVersion === 1)).toBe(true);
    expect(after.slice(10).every((m) => m.catalogVersion === version)).toBe(true);
    expect(await repos.reranks.findOne({ _id: catalogVersionId(PARK, version) })).toMatchObject({
      status: 'done',
      done: 40,
      cursor: 'lead-039',
    });
  });

  it('stops as superseded when a newer version is already in use', async () => {
    const older = await publish(dropMassSpec);
    const newer = await publish(() => ({}));
    engine.use({ ...(engine.catalog(PARK) as ParkCatalog), version: newer });
    await rerank(older);
    expect(await repos.reranks.findOne({ _id: catalogVersionId(PARK, older) })).toMatchObject({
      status: 'superseded',
    });
    expect((await parkMatches()).every((m) => m.catalogVersion === 1)).toBe(true);
  });
});
