import type { DocumentStore } from './port.ts';
import { createSqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';

export type { MongoStoreOptions } from './mongo/store.ts';
export {
  embeddedOutbox,
  NO_OUTBOX,
  OUTBOX_FIELDS,
  type OutboxFields,
  updateWithEvents,
  withEvents,
  withoutOutbox,
} from './outbox.ts';
export * from './port.ts';
export type { SqliteCollection } from './sqlite/collection.ts';
export type { Synchronous } from './sqlite/database.ts';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';

export type StoreConfig = { kind: 'sqlite'; dir: string } | { kind: 'mongo'; url: string; database: string };

/**
 * Opens the store the configuration names. The MongoDB driver is loaded only when Mongo is
 * configured, so a local process does not carry it.
 */
export async function createStore(
  config: StoreConfig,
  sqlite: Omit<SqliteStoreOptions, 'dir' | 'file'> = {},
): Promise<DocumentStore> {
  if (config.kind === 'sqlite') return createSqliteStore({ ...sqlite, dir: config.dir });
  const { createMongoStore } = await import('./mongo/store.ts');
  return createMongoStore({ url: config.url, database: config.database });
}
