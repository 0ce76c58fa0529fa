import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertCollectionName } from '../guard.ts';
import type { Collection, Doc, DocumentStore } from '../port.ts';
import { EmbeddedCollection } from './collection.ts';
import { Datastore } from './nedb.ts';

export interface EmbeddedStoreOptions {
  /** One datafile per collection (`<name>.db`) lives here; created when missing. */
  dir: string;
  /** How often each datafile is rewritten without its superseded lines. Default 10 minutes. */
  compactEveryMs?: number;
  /** Where a failed background compaction is reported. Default: console.error. */
  onError?: (error: unknown) => void;
}

/**
 * The local DocumentStore: nedb datafiles under `dir`, loaded into memory when a collection
 * is first used. One process per directory: nedb does not lock its files.
 */
export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<DocumentStore> {
  const {
    dir,
    compactEveryMs = 600_000,
    onError = (error) => console.error('store compaction failed', error),
  } = options;
  await mkdir(dir, { recursive: true });
  const collections = new Map<string, EmbeddedCollection<Doc>>();
  let closed = false;

  const compaction = setInterval(() => {
    for (const collection of collections.values()) collection.compact().catch(onError);
  }, compactEveryMs);
  compaction.unref();

  return {
    kind: 'embedded',
    collection<T extends Doc>(name: string): Collection<T> {
      if (closed) throw new Error('the store is closed');
      assertCollectionName(name);
      let collection = collections.get(name);
      if (!collection) {
        collection = new EmbeddedCollection(name, new Datastore({ filename: join(dir, `${name}.db`) }));
        collections.set(name, collection);
      }
      return collection as unknown as Collection<T>;
    },
    async ping() {
      if (closed) throw new Error('the store is closed');
      await access(dir, constants.R_OK | constants.W_OK);
      await Promise.all([...collections.values()].map((collection) => collection.ping()));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(compaction);
      await Promise.all([...collections.values()].map((collection) => collection.close()));
    },
  };
}
