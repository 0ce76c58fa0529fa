import { createEmbeddedStore } from './embedded/store.ts';
import { createMongoStore } from './mongo/store.ts';
import type { DocumentStore } from './port.ts';

export { createEmbeddedStore, type EmbeddedStoreOptions } from './embedded/store.ts';
export { createMongoStore, type MongoStoreOptions } from './mongo/store.ts';
export * from './port.ts';

export type StoreConfig =
  | { kind: 'embedded'; dir: string }
  | { kind: 'mongo'; url: string; database: string };

/** Opens the store the configuration names. */
export function createStore(config: StoreConfig): Promise<DocumentStore> {
  return config.kind === 'embedded'
    ? createEmbeddedStore({ dir: config.dir })
    : createMongoStore({ url: config.url, database: config.database });
}
