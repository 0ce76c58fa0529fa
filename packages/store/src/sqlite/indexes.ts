import type { IndexSpec } from '../port.ts';
import { fieldJson, fieldValue, quoteName } from './sql.ts';

// createIndex as SQLite expression indexes on the very expressions filters use (sql.ts), so
// the planner picks them. Index names are `<collection>/<name>` (one namespace per file).
//
// A unique index in MongoDB counts a missing field as null: two documents without it collide.
// SQLite's unique indexes let NULLs be distinct, so a unique spec also gets a partial index
// over the documents where a key is null or missing, unique on the keys as JSON text ('null'
// for both): it holds few rows and enforces MongoDB's rule.

export interface IndexStatement {
  name: string;
  sql: string;
}

/** The CREATE INDEX statements for `spec` (none for `{ _id: 1 }`, the primary key). */
export function indexStatements(collection: string, spec: IndexSpec): IndexStatement[] {
  const keys = Object.entries(spec.keys);
  if (keys.length === 0) throw new Error('createIndex needs at least one key');
  if (keys.length === 1 && keys[0]?.[0] === '_id') return [];
  const name = `${collection}/${spec.name ?? keys.map(([path, direction]) => `${path}_${direction}`).join('_')}`;
  const table = quoteName(collection);
  const columns = keys.map(
    ([path, direction]) => `${expression(fieldValue, path)}${direction === -1 ? ' DESC' : ''}`,
  );
  const statements = [
    {
      name,
      sql: `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX ${quoteName(name)} ON ${table} (${columns.join(', ')})`,
    },
  ];
  const nullable = keys.map(([path]) => path).filter((path) => path !== '_id');
  if (spec.unique && nullable.length > 0) {
    const nulls = `${name}/nulls`;
    const json = keys.map(([path]) => expression(fieldJson, path));
    const missing = nullable.map((path) => `${expression(fieldValue, path)} IS NULL`).join(' OR ');
    statements.push({
      name: nulls,
      sql: `CREATE UNIQUE INDEX ${quoteName(nulls)} ON ${table} (${json.join(', ')}) WHERE ${missing}`,
    });
  }
  return statements;
}

function expression(build: (path: string) => string | undefined, path: string): string {
  const sql = build(path);
  if (sql === undefined) throw new Error(`cannot index ${JSON.stringify(path)}: use plain field names`);
  return sql;
}
