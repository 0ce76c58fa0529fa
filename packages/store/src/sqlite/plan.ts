import type { SortSpec } from '../port.ts';
import { BOOLEAN, type FieldTypes, OBJECT } from './fields.ts';
import type { Condition } from './filter.ts';
import { fieldValue, type Param } from './sql.ts';

// The SELECT behind find/count: SQL filters, orders and pages what it can do exactly, so an
// index serves `{ parkId } sort score desc limit 50`; the rest is done by the caller in JS.

/**
 * ORDER BY for `sort`, or undefined when SQL would order differently from MongoDB: SQL puts
 * NULL < numbers < text as MongoDB puts null < numbers < strings, but reads true as 1 and an
 * object as text, and cannot order by an array's smallest element.
 */
export function toOrderBy(sort: SortSpec | undefined, types: FieldTypes): string | undefined {
  const keys = Object.entries(sort ?? {});
  const terms: string[] = [];
  for (const [path, direction] of keys) {
    const value = fieldValue(path);
    if (value === undefined) return undefined;
    if (path !== '_id' && (!types.isPlain(path) || types.get(path) & (BOOLEAN | OBJECT))) return undefined;
    terms.push(`${value} ${direction === -1 ? 'DESC' : 'ASC'}`);
  }
  return terms.join(', ');
}

const COLUMNS = { doc: '_id, json(doc) AS doc', _id: '_id', count: 'count(*) AS n' };

export interface Select {
  /** What to read: the document as JSON text, its _id only, or the number of matches. */
  columns: 'doc' | '_id' | 'count';
  table: string;
  where: Condition;
  orderBy: string;
  /** Paging is done in SQL (exact conditions only). */
  skip?: number;
  limit?: number;
}

/** The statement text and its parameters. */
export function selectSql({ columns, table, where, orderBy, skip = 0, limit = 0 }: Select): {
  sql: string;
  params: Param[];
} {
  let sql = `SELECT ${COLUMNS[columns]} FROM ${table}`;
  const params = [...where.params];
  if (where.sql !== null && where.sql !== '1') sql += ` WHERE ${where.sql}`;
  if (orderBy) sql += ` ORDER BY ${orderBy}`;
  if (skip || limit) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(limit || -1, skip);
  }
  return { sql, params };
}
