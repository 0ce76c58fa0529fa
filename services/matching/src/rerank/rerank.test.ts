import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labelledLead, openMatching } from '../../test/open-matching.ts';
import type { ParkCatalog } from '../engine/index.ts';
import { scoreLeads } from '../scores/score-lead.ts';
import { runRerank } from './rerank.ts';

// The re-rank job's own code on the local store: every stored profile re-scored once,
// events only where a tier moved, a resumed job starting after its cursor, and a job
// overtaken by a newer version stopping.

const PARK = 'dadukou-ivd';

let t: Awaited<ReturnType<typeof openMatching>>;

beforeEach(async () => {
  t = await openMatching();
  await scoreLeads(
    t,
    Array.from({ length: 40 }, (_, i) => labelledLead(i)),
    new Date(),
  );
});

afterEach(() => t.close());

const job = (version: number) => ({ parkId: PARK, version, engineVersion: t.engine.engineVersion });

/** Publishes `change` of the park's catalog as the next version, as the catalog route does. */
async function publish(change: (catalog: ParkCatalog) => Partial<ParkCatalog>): Promise<number> {
  const [latest] = await t.catalogs.history(PARK);
  const current = await t.catalogs.at(PARK, latest?.version ?? 1);
  const next = { ...current, ...change(current), version: current.version + 1 };
  await t.catalogs.insert(next, { publishedBy: 'test' }, new Date());
  await t.reranks.queue(job(next.version), await t.profiles.count(), new Date());
  return next.version;
}

const rerank = (version: number, progress: number[] = []) =>
  runRerank({ ...t, catalogAt: t.catalogs.at, onEventsWritten: () => {} }, job(version), async (done) => {
    progress.push(done);
  });

const parkMatches = () => t.storedMatches().find({ parkId: PARK }, { sort: { leadId: 1 } });
const staleParks = () => t.matches.parksWithOtherEngine(t.engine.engineVersion, [PARK, 'bio-city']);
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
      expect(await t.announced(m._id), m._id).toBe(announced);
    }
    const state = await t.reranks.get(job(version));
    expect(state).toMatchObject({ status: 'done', total: 40, done: 40, changedTiers: moved.length });
    expect(progress.at(-1)).toBe(40);
    expect((await t.matches.ranked(PARK, { limit: 100 })).items.map((e) => e.score)).toEqual(
      [...after.map((m) => m.score)].sort((a, b) => b - a),
    );
    // Other parks are untouched.
    const elsewhere = await t.storedMatches().find({ parkId: { $ne: PARK } });
    expect(elsewhere.every((m) => m.catalogVersion === 1)).toBe(true);
  });

  it('resumes after its stored cursor, leaving what was done before alone', async () => {
    const version = await publish(dropMassSpec);
    await t.reranks.progress(job(version), { cursor: 'lead-009', done: 10, changedTiers: 0 });
    await rerank(version);
    const after = await parkMatches();
    expect(after.slice(0, 10).every((m) => m.catalogVersion === 1)).toBe(true);
    expect(after.slice(10).every((m) => m.catalogVersion === version)).toBe(true);
    expect(await t.reranks.get(job(version))).toMatchObject({
      status: 'done',
      done: 40,
      cursor: 'lead-039',
    });
  });

  it('re-scores a park whose scores an older engine made, with its catalog unchanged', async () => {
    expect(await staleParks()).toEqual([]);
    await t.storedMatches().updateMany({ parkId: PARK }, { $set: { engineVersion: 'matching-0.9.0+old' } });
    expect(await staleParks()).toEqual([PARK]);

    await t.reranks.queue(job(1), await t.profiles.count(), new Date());
    await rerank(1);
    expect(await staleParks()).toEqual([]);
    const after = await parkMatches();
    expect(after.every((m) => m.engineVersion === t.engine.engineVersion && m.catalogVersion === 1)).toBe(
      true,
    );
    for (const m of after) expect(await t.announced(m._id)).toBe(1); // same scores: nothing announced again
  });

  it('stops as superseded when a newer version is already in use', async () => {
    const older = await publish(dropMassSpec);
    const newer = await publish(() => ({}));
    t.engine.use({ ...(t.engine.catalog(PARK) as ParkCatalog), version: newer });
    await rerank(older);
    expect(await t.reranks.get(job(older))).toMatchObject({
      status: 'superseded',
    });
    expect((await parkMatches()).every((m) => m.catalogVersion === 1)).toBe(true);
  });
});
