import { Events, parseEvent } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMatching } from '../../test/open-matching.ts';
import { Engine } from '../engine/index.ts';
import { onCatalogPublished, publishCatalog } from './publish.ts';
import { CatalogRepository, type CatalogVersionDoc } from './repository.ts';

// Publishing a catalog: stored as the next version with the event that puts it in force
// on every instance; another instance's engine switches when it hears the event.

const PARK = 'dadukou-ivd';
let t: Awaited<ReturnType<typeof openMatching>>;
let queued: [string, number][];

beforeEach(async () => {
  t = await openMatching();
  queued = [];
});
afterEach(() => t.close());

const deps = () => ({
  catalogs: t.catalogs,
  engine: t.engine,
  onEventsWritten: () => {},
  reranking: {
    enqueue: async (parkId: string, version: number) => {
      queued.push([parkId, version]);
      return t.reranks.queue({ parkId, version, engineVersion: t.engine.engineVersion }, 0, new Date());
    },
  },
});

describe('publishCatalog', () => {
  it('stores the next version with its event, uses it here and queues a re-rank', async () => {
    const current = t.engine.catalog(PARK);
    const draft = { ...current, directions: current?.directions.slice(1) };
    const { version } = await publishCatalog(deps(), { parkId: PARK, draft, by: 'dadukou-manager' });
    expect(version).toBe(2);
    expect(t.engine.catalog(PARK)?.version).toBe(2);
    expect(queued).toEqual([[PARK, 2]]);

    const stored = await t.store
      .collection<CatalogVersionDoc>(CatalogRepository.COLLECTION)
      .findOne({ _id: `${PARK}@2` });
    expect(stored?.publishedBy).toBe('dadukou-manager');
    const events = await t.store.outbox(CatalogRepository.COLLECTION).waiting(`${PARK}@2`);
    expect(events.map((e) => [e.topic, e.key])).toEqual([[Events.catalogPublished.topic, PARK]]);

    // Another instance, started before the publish, switches when it hears the event.
    const other = new Engine(t.engine.taxonomy, [{ ...(current as NonNullable<typeof current>) }]);
    expect(other.catalog(PARK)?.version).toBe(1);
    const event = parseEvent(Events.catalogPublished, events[0]?.value ?? '');
    await onCatalogPublished({ catalogs: t.catalogs, engine: other })(event);
    expect(other.catalog(PARK)?.version).toBe(2);
    expect(other.catalog(PARK)?.directions).toHaveLength((current?.directions.length ?? 0) - 1);
  });

  it('refuses an invalid draft with every issue, and stores nothing', async () => {
    const draft = { ...t.engine.catalog(PARK), firmCounts: [{ code: 'no.such', count: 1 }] };
    await expect(publishCatalog(deps(), { parkId: PARK, draft, by: 'm' })).rejects.toMatchObject({
      status: 400,
    });
    expect((await t.catalogs.history(PARK)).map((v) => v.version)).toEqual([1]);
    expect(queued).toEqual([]);
  });
});
