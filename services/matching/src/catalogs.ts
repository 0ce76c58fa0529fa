import type { Collection } from '@parkmatch/store';
import type { ParkCatalog } from './domain/index.ts';

/** A catalog as stored: document keys may not contain '.', so firm counts are a list. */
export type StoredCatalog = Omit<ParkCatalog, 'firmCounts'> & {
  firmCounts: { code: string; count: number }[];
};

export const toStored = (catalog: ParkCatalog): StoredCatalog => ({
  ...catalog,
  firmCounts: Object.entries(catalog.firmCounts).map(([code, count]) => ({ code, count })),
});
export const fromStored = (stored: StoredCatalog): ParkCatalog => ({
  ...stored,
  firmCounts: Object.fromEntries(stored.firmCounts.map(({ code, count }) => [code, count])),
});

/** One published version of a park's catalog; versions are never changed, only added. */
export interface CatalogVersionDoc {
  _id: string; // `${parkId}@${version}`
  parkId: string;
  version: number;
  catalog: StoredCatalog;
  publishedBy: string;
  publishedAt: string;
  note?: string;
}

export const catalogVersionId = (parkId: string, version: number) => `${parkId}@${version}`;

/** The stored record of publishing `catalog` (its version included). */
export function catalogVersionDoc(
  catalog: ParkCatalog,
  publishedBy: string,
  now: Date,
  note?: string,
): CatalogVersionDoc {
  return {
    _id: catalogVersionId(catalog.id, catalog.version),
    parkId: catalog.id,
    version: catalog.version,
    catalog: toStored(catalog),
    publishedBy,
    publishedAt: now.toISOString(),
    ...(note ? { note } : {}),
  };
}

/** First start: the seed catalogs become version 1 of each park (idempotent). */
export async function seedCatalogs(
  versions: Collection<CatalogVersionDoc>,
  seeds: readonly ParkCatalog[],
  now: Date,
) {
  for (const seed of seeds) {
    const existing = await versions.findOne({ parkId: seed.id }, { projection: { _id: 1 } });
    if (existing) continue;
    const { _id, ...doc } = catalogVersionDoc(
      { ...seed, version: 1 },
      'seed',
      now,
      'seed catalog shipped with parkmatch',
    );
    await versions.updateOne({ _id }, { $setOnInsert: doc }, { upsert: true });
  }
}

/** The newest version of every park's catalog. */
export async function currentCatalogs(versions: Collection<CatalogVersionDoc>): Promise<ParkCatalog[]> {
  const latest = await versions.aggregate<{ _id: string; version: number }>([
    { $group: { _id: '$parkId', version: { $max: '$version' } } },
  ]);
  const docs = await Promise.all(
    latest.map((l) => versions.findOne({ _id: catalogVersionId(l._id, l.version) })),
  );
  return docs.flatMap((d) => (d ? [fromStored(d.catalog)] : [])).sort((a, b) => a.id.localeCompare(b.id));
}
