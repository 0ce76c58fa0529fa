import { createLogger } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogVersionDoc, fromStored } from './catalogs.ts';
import type { ParkCatalog } from './domain/index.ts';
import type { RankIndex } from './domain/rank-index.ts';
import type { Engine } from './engine.ts';
import type { MatchDoc, Repositories } from './repositories.ts';
import { parksWithStaleScores, queueRerank, rerankId, runRerank } from './rerank.ts';
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
  await repos.catalogVersions.insertOne(catalogVersionDoc(next, 'test', new Date()));
  await queueRerank(repos, { parkId: PARK, version: next.version, engineVersion: engine.engineVersion });
  return next.version;
}

const rerank = (version: number, progress: number[] = []) =>
  runRerank(
    { repos, engine, ranking, logger: silent, onEventsWritten: () => {} },
    { parkId: PARK, version, engineVersion: engine.engineVersion },
    async (done) => {
      progress.push(done);
    },
  );

const stateId = (version: number) => rerankId(PARK, version, engine.engineVersion);
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
    const state = await repos.reranks.findOne({ _id: stateId(version) });
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
    await repos.reranks.updateOne({ _id: stateId(version) }, { $set: { cursor: 'lead-009', done: 10 } });
    await rerank(version);
    const after = await parkMatches();
    expect(after.slice(0, 10).every((m) => m.catalogVersion === 1)).toBe(true);
    expect(after.slice(10).every((m) => m.catalogVersion === version)).toBe(true);
    expect(await repos.reranks.findOne({ _id: stateId(version) })).toMatchObject({
      status: 'done',
      done: 40,
      cursor: 'lead-039',
    });
  });

  it('re-scores a park whose scores an older engine made, with its catalog unchanged', async () => {
    expect(await parksWithStaleScores(repos, engine)).toEqual([]);
    await repos.matches.updateMany({ parkId: PARK }, { $set: { engineVersion: 'matching-0.9.0+old' } });
    expect(await parksWithStaleScores(repos, engine)).toEqual([PARK]);

    await queueRerank(repos, { parkId: PARK, version: 1, engineVersion: engine.engineVersion });
    await rerank(1);
    expect(await parksWithStaleScores(repos, engine)).toEqual([]);
    const after = await parkMatches();
    expect(after.every((m) => m.engineVersion === engine.engineVersion && m.catalogVersion === 1)).toBe(true);
    expect(after.every((m) => m._outbox?.length === 1)).toBe(true); // same scores: nothing announced again
  });

  it('stops as superseded when a newer version is already in use', async () => {
    const older = await publish(dropMassSpec);
    const newer = await publish(() => ({}));
    engine.use({ ...(engine.catalog(PARK) as ParkCatalog), version: newer });
    await rerank(older);
    expect(await repos.reranks.findOne({ _id: stateId(older) })).toMatchObject({
      status: 'superseded',
    });
    expect((await parkMatches()).every((m) => m.catalogVersion === 1)).toBe(true);
  });
});
