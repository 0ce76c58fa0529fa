import type { OutboxEntry } from '@parkmatch/service-kit';
import { withEvents } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import type { ParkCatalog } from '../engine/index.ts';

/** One published version of a park's catalog; versions are never changed, only added. */
export interface CatalogVersionDoc {
  _id: string; // catalogVersionId(parkId, version)
  parkId: string;
  version: number;
  catalog: ParkCatalog;
  publishedBy: string;
  publishedAt: string;
  note?: string;
}

export type CatalogVersionInfo = Pick<CatalogVersionDoc, 'version' | 'publishedBy' | 'publishedAt' | 'note'>;

const catalogVersionId = (parkId: string, version: number) => `${parkId}@${version}`;

/** The `catalog_versions` collection: every park's catalog history. */
export class CatalogRepository {
  static readonly COLLECTION = 'catalog_versions';
  readonly #versions: Collection<CatalogVersionDoc>;
  /** Published versions never change, so they are cached for good. */
  readonly #cache = new Map<string, ParkCatalog>();

  private constructor(versions: Collection<CatalogVersionDoc>) {
    this.#versions = versions;
  }

  static async open(store: DocumentStore): Promise<CatalogRepository> {
    const versions = store.collection<CatalogVersionDoc>(CatalogRepository.COLLECTION);
    await versions.createIndex({
      keys: { parkId: 1, version: -1 },
      purpose: "a park's catalog history, newest first",
    });
    return new CatalogRepository(versions);
  }

  /**
   * Stores a new version with the events announcing it, in one write. Throws
   * DuplicateKeyError when that version exists (someone published at the same time).
   */
  async insert(
    catalog: ParkCatalog,
    by: { publishedBy: string; note?: string | undefined },
    now: Date,
    events: readonly OutboxEntry[] = [],
  ): Promise<void> {
    const doc: CatalogVersionDoc = {
      _id: catalogVersionId(catalog.id, catalog.version),
      parkId: catalog.id,
      version: catalog.version,
      catalog,
      publishedBy: by.publishedBy,
      publishedAt: now.toISOString(),
      ...(by.note ? { note: by.note } : {}),
    };
    await this.#versions.insertOne(withEvents(doc, events));
  }

  /** First start: the seed catalogs become version 1 of each park (idempotent). */
  async seed(seeds: readonly ParkCatalog[], now: Date): Promise<void> {
    for (const seed of seeds) {
      if (await this.#versions.findOne({ parkId: seed.id }, { projection: { _id: 1 } })) continue;
      const { _id, ...doc } = {
        _id: catalogVersionId(seed.id, 1),
        parkId: seed.id,
        version: 1,
        catalog: { ...seed, version: 1 },
        publishedBy: 'seed',
        publishedAt: now.toISOString(),
        note: 'seed catalog shipped with parkmatch',
      };
      await this.#versions.updateOne({ _id }, { $setOnInsert: doc }, { upsert: true });
    }
  }

  /** The newest version of every park's catalog. */
  async current(): Promise<ParkCatalog[]> {
    const latest = await this.#versions.aggregate<{ _id: string; version: number }>([
      { $group: { _id: '$parkId', version: { $max: '$version' } } },
    ]);
    const catalogs = await Promise.all(latest.map((l) => this.find(l._id, l.version)));
    return catalogs.flatMap((c) => (c ? [c] : [])).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** A park's catalog at a published version, or null. */
  async find(parkId: string, version: number): Promise<ParkCatalog | null> {
    const id = catalogVersionId(parkId, version);
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const doc = await this.#versions.findOne({ _id: id }, { projection: { catalog: 1 } });
    if (doc) this.#cache.set(id, doc.catalog);
    return doc?.catalog ?? null;
  }

  /** Like find, for versions that must exist (a stored score names it). */
  at = async (parkId: string, version: number): Promise<ParkCatalog> => {
    const catalog = await this.find(parkId, version);
    if (!catalog) throw new Error(`no catalog ${catalogVersionId(parkId, version)}`);
    return catalog;
  };

  /** Every version of a park's catalog, newest first, without the catalogs themselves. */
  history(parkId: string): Promise<CatalogVersionInfo[]> {
    return this.#versions.find(
      { parkId },
      { sort: { version: -1 }, projection: { version: 1, publishedBy: 1, publishedAt: 1, note: 1 } },
    );
  }
}
