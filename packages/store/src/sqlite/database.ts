import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { DuplicateKeyError } from '../port.ts';
import { BACKSTOP_PAGES, BackgroundCheckpointer } from './checkpointer.ts';
import { FieldTypes } from './fields.ts';
import { quoteName } from './sql.ts';

// The connection: pragmas, the schema, transactions, and each collection's FieldTypes kept in
// step with the `_fields` table (also when another process writes the same file).

/** The schema version in `PRAGMA user_version`: a store written by a newer layout is refused. */
const SCHEMA_VERSION = 1;

/**
 * `normal`: a commit is in the WAL (the OS's page cache) when its promise resolves, so it
 * survives the process being killed (crash.test.ts), but not a power loss or kernel crash
 * before the next checkpoint (SQLite syncs the WAL then; the file is never corrupted).
 * `full`: every commit fsyncs the WAL and survives a power loss too. Measured with
 * bench/sqlite.ts at 600,000 documents, `full` makes a one-document write take 1.7 to 5
 * times as long (an fsync per commit), and node:sqlite blocks the event loop meanwhile.
 */
export type Synchronous = 'normal' | 'full';

/** SQLite's default threshold for a checkpoint in the commit, where the connection does them. */
const AUTOCHECKPOINT_PAGES = 1000;

/** The outbox table (outbox.ts): one row per event, in the order committed. */
const OUTBOX_SCHEMA = `
  CREATE TABLE IF NOT EXISTS _outbox (
    seq INTEGER PRIMARY KEY, collection TEXT NOT NULL, doc TEXT NOT NULL, id TEXT NOT NULL,
    topic TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, owner TEXT, until INTEGER) STRICT;
  CREATE INDEX IF NOT EXISTS _outbox_by_collection ON _outbox (collection, seq);
  CREATE INDEX IF NOT EXISTS _outbox_by_owner ON _outbox (owner) WHERE owner IS NOT NULL;`;

export class Database {
  readonly #db: DatabaseSync;
  readonly #types = new Map<string, FieldTypes>();
  readonly #tables = new Set<string>();
  readonly #statements: Record<
    | 'dataVersion'
    | 'fields'
    | 'saveField'
    | 'forgetField'
    | 'begin'
    | 'commit'
    | 'savepoint'
    | 'rollbackToSavepoint'
    | 'releaseSavepoint',
    StatementSync
  >;
  #dataVersion = -1;
  #closed = false;
  readonly #checkpointer: BackgroundCheckpointer | undefined;
  readonly #queue: {
    run: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];

  /**
   * `checkpoints`: `background` (a store's connection, answering requests between its writes:
   * checkpointer.ts) or `connection` (SQLite's own, in the commit: for a one-off bulk write
   * whose close must leave no WAL behind however long its checkpoint takes).
   * `onError`: a problem that does not stop the store (its checkpoints fell back to the connection).
   */
  constructor(
    file: string,
    synchronous: Synchronous,
    {
      checkpoints = 'background',
      onError = () => {},
    }: { checkpoints?: 'background' | 'connection'; onError?: (error: unknown) => void } = {},
  ) {
    this.#db = new DatabaseSync(file, { timeout: 5_000 });
    try {
      // A big transaction grows the WAL; after a checkpoint it is cut back to 64 MiB.
      // secure_delete: what a write removes (a withdrawn firm's contact, PIPL) is overwritten with
      // zeros, not left readable in the file's free space (the outbox relay, which deletes every
      // event it sent, runs about 5 % slower for it: bench:outbox).
      this.#db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous.toUpperCase()};
        PRAGMA secure_delete = ON;
        PRAGMA journal_size_limit = ${64 * 2 ** 20};
        PRAGMA wal_autocheckpoint = ${checkpoints === 'background' ? BACKSTOP_PAGES : AUTOCHECKPOINT_PAGES};`);
      const { user_version: version } = this.#db.prepare('PRAGMA user_version').get() as {
        user_version: number;
      };
      if (version > SCHEMA_VERSION)
        throw new Error(`${file} has store schema ${version}; this code knows ${SCHEMA_VERSION}`);
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS _fields (
          collection TEXT NOT NULL, path TEXT NOT NULL, flags INTEGER NOT NULL,
          PRIMARY KEY (collection, path)) WITHOUT ROWID, STRICT;
        ${OUTBOX_SCHEMA}
        PRAGMA user_version = ${SCHEMA_VERSION};`);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    const prepare = (sql: string) => this.#db.prepare(sql);
    this.#statements = {
      dataVersion: prepare('PRAGMA data_version'),
      fields: prepare('SELECT collection, path, flags FROM _fields'),
      saveField: prepare(
        'INSERT INTO _fields (collection, path, flags) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET flags = flags | excluded.flags',
      ),
      forgetField: prepare('DELETE FROM _fields WHERE collection = ? AND path = ?'),
      begin: prepare('BEGIN IMMEDIATE'),
      commit: prepare('COMMIT'),
      savepoint: prepare('SAVEPOINT one_write'),
      rollbackToSavepoint: prepare('ROLLBACK TO one_write'),
      releaseSavepoint: prepare('RELEASE one_write'),
    };
    this.#refresh();
    if (checkpoints === 'background')
      this.#checkpointer = new BackgroundCheckpointer(file, (error) => {
        if (!this.#closed) this.#db.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
        onError(error);
      });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Throws once the store is closed. */
  assertOpen(): void {
    if (this.#closed) throw new Error('the store is closed');
  }

  prepare(sql: string): StatementSync {
    return this.#db.prepare(sql);
  }

  /** Creates the collection's table when missing (one row per document, its JSON as JSONB). */
  ensureTable(collection: string): void {
    if (this.#tables.has(collection)) return;
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${quoteName(collection)} (_id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL) STRICT`,
    );
    this.#tables.add(collection);
  }

  types(collection: string): FieldTypes {
    let types = this.#types.get(collection);
    if (!types) {
      types = new FieldTypes();
      this.#types.set(collection, types);
    }
    return types;
  }

  /**
   * Runs a read. Its SQL depends on FieldTypes: when another connection committed in between,
   * the types are read again and, if they grew, the read runs again with them.
   */
  read<R>(run: () => R): R {
    this.assertOpen();
    this.#refresh();
    for (;;) {
      const result = run();
      if (!this.#refresh()) return result;
    }
  }

  /**
   * Runs `run` as a write of its own: all of it is committed, or none of it, when the promise
   * settles. Writes queued in the same turn of the event loop share one transaction (a group
   * commit), each in a savepoint of its own, so one that fails (a duplicate key) undoes only
   * itself; the WAL pages the writes share are written once per group, not once per write.
   */
  write<R>(run: () => R): Promise<R> {
    this.assertOpen();
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  /** Runs `run` in one IMMEDIATE transaction, now (all of it committed, or none of it). */
  writeNow<R>(run: () => R): R {
    this.assertOpen();
    this.#statements.begin.run();
    try {
      this.#refresh();
      const result = run();
      this.#statements.commit.run();
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw toDuplicateKeyError(error) ?? error;
    }
  }

  /** Commits the queued writes as one transaction, each in its own savepoint. */
  #flush(): void {
    const group = this.#queue.splice(0);
    if (group.length === 0) return;
    if (this.#closed) {
      for (const write of group) write.reject(new Error('the store is closed'));
      return;
    }
    const only = group.length === 1 ? group[0] : undefined;
    if (only) {
      try {
        only.resolve(this.writeNow(only.run));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const s = this.#statements;
    try {
      s.begin.run();
      this.#refresh();
      for (const { run } of group) {
        s.savepoint.run();
        try {
          outcomes.push({ ok: true, value: run() });
        } catch (error) {
          s.rollbackToSavepoint.run();
          outcomes.push({ ok: false, error: toDuplicateKeyError(error) ?? error });
        }
        s.releaseSavepoint.run();
      }
      s.commit.run();
    } catch (error) {
      // The transaction itself failed (disk full, busy too long): none of the group is written.
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      for (const write of group) write.reject(error);
      return;
    }
    group.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) write.resolve(outcome.value);
      else write.reject(outcome?.error);
    });
  }

  /** Records the field types of a document about to be written (inside `write`). */
  record(collection: string, doc: Record<string, unknown>): void {
    for (const [path, flags] of this.types(collection).record(doc)) {
      this.#statements.saveField.run(collection, path, flags);
    }
  }

  /**
   * Forgets field paths no document holds any more (inside `write`). Only for paths the store
   * itself removed from every document: other connections keep their flags, which is safe.
   */
  forgetFields(collection: string, paths: readonly string[]): void {
    const types = this.types(collection);
    for (const path of paths) {
      for (const known of types.forget(path)) this.#statements.forgetField.run(collection, known);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#flush(); // what was queued before the close is written
    this.#closed = true;
    this.#checkpointer?.stop();
    this.#db.close(); // the last connection checkpoints the WAL into the file and removes it
  }

  /** Merges `_fields` when another connection has committed since the last look; true when something grew. */
  #refresh(): boolean {
    const { data_version: version } = this.#statements.dataVersion.get() as { data_version: number };
    if (version === this.#dataVersion) return false;
    this.#dataVersion = version;
    let grew = false;
    for (const row of this.#statements.fields.all() as {
      collection: string;
      path: string;
      flags: number;
    }[]) {
      if (this.types(row.collection).merge(row.path, row.flags)) grew = true;
    }
    return grew;
  }
}

/** SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY. */
const DUPLICATE_CODES = new Set([2067, 1555]);

function toDuplicateKeyError(error: unknown): DuplicateKeyError | undefined {
  if (!(error instanceof Error) || !DUPLICATE_CODES.has((error as { errcode?: number }).errcode ?? 0)) return;
  return new DuplicateKeyError(`duplicate key: ${error.message}`, { cause: error });
}
