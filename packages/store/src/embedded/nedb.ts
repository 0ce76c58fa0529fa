import { createRequire } from 'node:module';
import nedb from '@seald-io/nedb';

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
