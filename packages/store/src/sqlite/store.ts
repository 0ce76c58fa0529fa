import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertCollectionName } from '../guard.ts';
import type { Doc, DocumentStore, Outbox } from '../port.ts';
import { SqliteCollection } from './collection.ts';
import { Database, type Synchronous } from './database.ts';
import { importNedbDatafiles } from './migrate.ts';
import { SqliteOutboxTable } from './outbox.ts';

export type SqliteStoreOptions = (
  | {
      /** The store is `<dir>/store.sqlite` (plus its -wal and -shm files); created when missing. */
      dir: string;
      file?: undefined;
    }
  | {
      /** The database file itself (no nedb import looks next to it). */
      file: string;
      dir?: undefined;
    }
) & {
  /**
   * Default `normal`: a killed process loses no acknowledged write, which is what "kill any
   * process at any moment" asks; a power loss may lose the last writes, as it may in the Redis
   * beside it (appendfsync everysec). `full` to survive that too, at the cost in `Synchronous`.
   */
  synchronous?: Synchronous;
  /** Problems that do not stop the store (an imported nedb file that could not be renamed). Default: console.error. */
  onError?: (error: unknown) => void;
  /** What the store did on its own (the nedb import). Default: stderr. */
  onNotice?: (message: string) => void;
};

export interface SqliteStore extends DocumentStore {
  readonly kind: 'sqlite';
  collection<T extends Doc>(name: string): SqliteCollection<T>;
}

export const STORE_FILE = 'store.sqlite';

/**
 * The local DocumentStore: one SQLite file (node:sqlite, WAL), a table per collection, documents
 * as JSONB, createIndex as expression indexes. Documents stay on disk (SQLite's page cache
 * aside). Several processes may open the same file; writes take turns (busy timeout 5 s).
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const {
    synchronous = 'normal',
    onError = (error) => console.error('store error', error),
    onNotice = (message) => process.stderr.write(`${message}\n`),
  } = options;
  let file: string;
  if (options.dir !== undefined) {
    await mkdir(options.dir, { recursive: true });
    file = join(options.dir, STORE_FILE);
    await importNedbDatafiles(options.dir, file, { synchronous, onNotice, onError });
  } else {
    file = options.file;
    await mkdir(dirname(file), { recursive: true });
  }
  const db = new Database(file, synchronous, { onError });
  const outboxTable = new SqliteOutboxTable(db);
  const collections = new Map<string, SqliteCollection<Doc>>();
  const collection = <T extends Doc>(name: string): SqliteCollection<T> => {
    db.assertOpen();
    assertCollectionName(name);
    let opened = collections.get(name);
    if (!opened) {
      opened = new SqliteCollection(name, db, outboxTable);
      collections.set(name, opened);
    }
    return opened as unknown as SqliteCollection<T>;
  };

  return {
    kind: 'sqlite',
    collection,
    outbox(name: string): Outbox {
      collection(name); // its table, and the entries it still holds from before the outbox table
      return outboxTable.outbox(name);
    },
    async ping() {
      db.read(() => db.prepare('SELECT count(*) FROM sqlite_master').get());
    },
    async close() {
      db.close();
    },
  };
}
