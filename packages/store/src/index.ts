import { createMongoStore } from './mongo/store.ts';
import type { DocumentStore } from './port.ts';
import { createSqliteStore } from './sqlite/store.ts';

export { createMongoStore, type MongoStoreOptions } from './mongo/store.ts';
export * from './port.ts';
export type { SqliteCollection } from './sqlite/collection.ts';
export type { Synchronous } from './sqlite/database.ts';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';

export type StoreConfig = { kind: 'sqlite'; dir: string } | { kind: 'mongo'; url: string; database: string };

/** Opens the store the configuration names. */
export function createStore(config: StoreConfig): Promise<DocumentStore> {
  return config.kind === 'sqlite'
    ? createSqliteStore({ dir: config.dir })
    : createMongoStore({ url: config.url, database: config.database });
}
