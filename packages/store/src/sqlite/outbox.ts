import type { StatementSync } from 'node:sqlite';
import { OUTBOX_FIELDS, splitEvents } from '../outbox.ts';
import type { Outbox, OutboxEntry } from '../port.ts';
import type { Database } from './database.ts';
import { quoteName } from './sql.ts';

// The outbox as a table: one row per event, written in the transaction of the document change
// it announces (SqliteCollection takes the entries out of the document). `seq` orders the rows
// as they were committed, so the entries of one key come out in their order. A claim is one
// UPDATE … RETURNING on the oldest free rows, a clear one DELETE: the relay never reads or
// rewrites documents. The table itself is made with the store's own tables (database.ts).

type Row = OutboxEntry & { seq: number };

export class SqliteOutboxTable {
  readonly #db: Database;
  readonly #statements: Record<
    'add' | 'claim' | 'clear' | 'release' | 'pending' | 'waiting' | 'waitingOf',
    StatementSync
  >;

  constructor(db: Database) {
    this.#db = db;
    const prepare = (sql: string) => db.prepare(sql);
    this.#statements = {
      add: prepare('INSERT INTO _outbox (collection, doc, id, topic, key, value) VALUES (?, ?, ?, ?, ?, ?)'),
      claim: prepare(`UPDATE _outbox SET owner = ?, until = ? WHERE seq IN (
          SELECT seq FROM _outbox WHERE collection = ? AND (until IS NULL OR until < ?) ORDER BY seq LIMIT ?)
        RETURNING seq, id, topic, key, value`),
      clear: prepare('DELETE FROM _outbox WHERE owner = ?'),
      release: prepare('UPDATE _outbox SET owner = NULL, until = NULL WHERE owner = ?'),
      pending: prepare('SELECT count(*) AS n FROM _outbox WHERE collection = ?'),
      waiting: prepare('SELECT id, topic, key, value FROM _outbox WHERE collection = ? ORDER BY seq'),
      // Tests and diagnosis only: reads the collection's rows.
      waitingOf: prepare(
        'SELECT id, topic, key, value FROM _outbox WHERE collection = ? AND doc = ? ORDER BY seq',
      ),
    };
  }

  /** Adds a document's entries (inside the write that stores the document). */
  add(collection: string, docId: string, entries: readonly OutboxEntry[]): void {
    for (const { id, topic, key, value } of entries)
      this.#statements.add.run(collection, docId, id, topic, key, value);
  }

  /**
   * Moves entries that documents still hold (written before the outbox was a table) into the
   * table and drops the outbox fields from every document, once: only a collection whose
   * documents ever had outbox fields is looked at, and those fields are then forgotten.
   */
  adoptEmbedded(collection: string): void {
    const types = this.#db.types(collection);
    if (!OUTBOX_FIELDS.some((field) => types.get(field) !== 0)) return;
    const table = quoteName(collection);
    this.#db.writeNow(() => {
      const rows = this.#db
        .prepare(
          `SELECT _id, json(doc) AS doc FROM ${table} WHERE ${OUTBOX_FIELDS.map((f) => `json_type(doc, '$.${f}') IS NOT NULL`).join(' OR ')}`,
        )
        .all() as { _id: string; doc: string }[];
      const save = this.#db.prepare(`UPDATE ${table} SET doc = jsonb(?) WHERE _id = ?`);
      for (const row of rows) {
        const { doc, entries } = splitEvents(JSON.parse(row.doc) as Record<string, unknown>);
        this.add(collection, row._id, entries);
        save.run(JSON.stringify(doc), row._id);
      }
      this.#db.forgetFields(collection, OUTBOX_FIELDS);
    });
  }

  outbox(collection: string): Outbox {
    const s = this.#statements;
    const db = this.#db;
    return {
      async claim(owner, limit, leaseMs) {
        const now = Date.now();
        const rows = await db.write(
          () => s.claim.all(owner, now + leaseMs, collection, now, limit) as unknown as Row[],
        );
        return rows
          .sort((a, b) => a.seq - b.seq)
          .map(({ id, topic, key, value }) => ({ id, topic, key, value }));
      },
      async clear(owner) {
        await db.write(() => s.clear.run(owner));
      },
      async release(owner) {
        await db.write(() => s.release.run(owner));
      },
      async pending() {
        return db.read(() => Number((s.pending.get(collection) as { n: number }).n));
      },
      async waiting(docId) {
        const rows = db.read(
          () =>
            (docId === undefined
              ? s.waiting.all(collection)
              : s.waitingOf.all(collection, docId)) as unknown as OutboxEntry[],
        );
        return rows.map(({ id, topic, key, value }) => ({ id, topic, key, value }));
      },
    };
  }
}
