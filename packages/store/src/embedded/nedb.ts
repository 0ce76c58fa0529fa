import { createRequire } from 'node:module';
import nedb from '@seald-io/nedb';
import type { Doc } from '../port.ts';

// Typing shims for nedb, in one place.

// Its type definitions declare an ES default export, but Node hands an ES module the
// CommonJS `module.exports`, which is the Datastore class itself.
export const Datastore = nedb as unknown as typeof nedb.default;
export type Datastore<Schema = Record<string, unknown>> = nedb.default<Schema>;

// nedb's Cursor (documented in its API.md, absent from its type definitions) runs a query in
// the datastore's executor and passes the matching documents themselves, not copies, to `map`.
type CursorClass = new <R>(
  db: object,
  query: Record<string, unknown>,
  map: (docs: Record<string, unknown>[]) => R,
) => { execAsync(): Promise<R> };

const Cursor = createRequire(import.meta.url)('@seald-io/nedb/lib/cursor.js') as CursorClass;

/**
 * Runs `map` over the live documents matching `query`, inside nedb's executor (a consistent
 * snapshot). `map` must not modify them and must copy whatever it returns.
 */
export function scan<R>(
  db: object,
  query: Record<string, unknown>,
  map: (docs: Record<string, unknown>[]) => R,
): Promise<R> {
  return new Cursor(db, query, map).execAsync();
}

// nedb writes one document per update call, each with its own append to the datafile. A
// batch goes through the same internal steps nedb's own update and insert take (prepare,
// index with roll-back, one append), inside its executor: all or nothing in memory, one
// append on disk.
interface Internals {
  executor: { pushAsync<R>(task: () => Promise<R>): Promise<R> };
  indexes: { _id: { getMatching(id: string): Record<string, unknown>[] } };
  persistence: { persistNewStateAsync(docs: object[]): Promise<void> };
  _prepareDocumentForInsertion(docs: object[]): Record<string, unknown>[];
  _insertInCache(docs: Record<string, unknown>[]): void;
  _removeFromIndexes(doc: Record<string, unknown>): void;
  _updateIndexes(modifications: { oldDoc: object; newDoc: object }[]): void;
}

const model = createRequire(import.meta.url)('@seald-io/nedb/lib/model.js') as {
  deepCopy<T>(value: T): T;
  checkObject(value: unknown): void;
};

/** Inserts `inserts` and replaces the stored documents with the _ids of `replacements`, as one write. */
export function writeBatch(
  db: object,
  inserts: readonly object[],
  replacements: readonly Doc[],
): Promise<void> {
  const nedb = db as Internals;
  return nedb.executor.pushAsync(async () => {
    const prepared = nedb._prepareDocumentForInsertion([...inserts]);
    const modifications = replacements.map((doc) => {
      const [oldDoc] = nedb.indexes._id.getMatching(doc._id);
      if (!oldDoc) throw new Error(`no document ${doc._id} to replace`);
      const newDoc = model.deepCopy(doc);
      model.checkObject(newDoc);
      return { oldDoc, newDoc };
    });
    nedb._insertInCache(prepared);
    try {
      nedb._updateIndexes(modifications);
    } catch (error) {
      for (const doc of prepared) nedb._removeFromIndexes(doc);
      throw error;
    }
    await nedb.persistence.persistNewStateAsync([...prepared, ...modifications.map((m) => m.newDoc)]);
  });
}
