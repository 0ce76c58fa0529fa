import { assertNoCode } from '../guard.ts';
import type { Filter } from '../port.ts';
import { BOOLEAN, type FieldTypes, NUMBER, OBJECT } from './fields.ts';
import { fieldType, fieldValue, type Param } from './sql.ts';

// A Mongo filter as a SQL condition, so that indexes serve it. What cannot be written exactly
// (arrays on the path, $regex, $elemMatch, $size, object equality, ...) is left out, and then
// the condition only narrows the candidates: the caller runs the whole filter with mingo on
// them. Every condition written holds for every document the filter matches (a superset);
// `exact` says it holds for no other.
//
// Mongo's comparisons are typed: { n: 1 } does not match true, { n: { $gt: 2 } } no string,
// { s: { $lt: 'b' } } no number, and null also matches a missing field. json_extract returns
// true as 1 and an object as its JSON text, and SQL orders NULL < numbers < text; the type
// bounds below (`< ''`, `>= ''`) keep a range to its type, and a json_type check is added
// only where FieldTypes says the other type has been seen at that path.

export interface Condition {
  /** null: nothing could be written (the filter needs mingo). */
  sql: string | null;
  params: Param[];
  exact: boolean;
}

const TRUE: Condition = { sql: '1', params: [], exact: true };
const FALSE: Condition = { sql: '0', params: [], exact: true };
const UNKNOWN: Condition = { sql: null, params: [], exact: false };

type Kind = 'null' | 'boolean' | 'number' | 'string';

interface Field {
  /** The SQL value (`_id` or json_extract). */
  value: string;
  /** The SQL JSON type name, for guards and $exists (undefined for _id). */
  type: string | undefined;
  /** FieldTypes flags (STRING for _id). */
  flags: number;
}

const COMPARE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
const TYPE_NAMES: Record<Exclude<Kind, 'null'>, string> = {
  string: `'text'`,
  number: `'integer','real'`,
  boolean: `'true','false'`,
};

/** The condition for `filter`, given what `types` has seen in the collection. */
export function toCondition(filter: Filter, types: FieldTypes): Condition {
  assertNoCode(filter, 'filter');
  return documentCondition(filter, types);
}

function documentCondition(filter: Filter, types: FieldTypes): Condition {
  return and(
    Object.entries(filter).map(([key, value]) => {
      if (!key.startsWith('$')) return fieldCondition(key, value, types);
      const parts = branches(value, types);
      if (parts === undefined) return UNKNOWN; // mingo reports what is wrong with it
      if (key === '$and') return and(parts);
      if (key === '$or') return or(parts);
      if (key === '$nor') return not(or(parts));
      return UNKNOWN;
    }),
  );
}

/** The conditions of a $and/$or/$nor list, or undefined when it is not a list of filters. */
function branches(list: unknown, types: FieldTypes): Condition[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  if (!list.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return;
  return list.map((item: Filter) => documentCondition(item, types));
}

function fieldCondition(path: string, condition: unknown, types: FieldTypes): Condition {
  const value = fieldValue(path);
  if (value === undefined || (path !== '_id' && !types.isPlain(path))) return UNKNOWN;
  const field: Field = { value, type: fieldType(path), flags: path === '_id' ? 0 : types.get(path) };
  if (!isOperatorObject(condition)) return equal(field, condition);
  return and(
    Object.entries(condition).map(([operator, argument]) => operatorCondition(field, operator, argument)),
  );
}

function operatorCondition(field: Field, operator: string, argument: unknown): Condition {
  switch (operator) {
    case '$eq':
      return equal(field, argument);
    case '$ne':
      return not(equal(field, argument));
    case '$in':
      return among(field, argument);
    case '$nin':
      return not(among(field, argument));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return range(field, operator, argument);
    case '$exists':
      if (field.type === undefined) return argument ? TRUE : FALSE; // _id is always there
      return exact(`${field.type} IS ${argument ? 'NOT ' : ''}NULL`);
    case '$not':
      return isOperatorObject(argument)
        ? not(and(Object.entries(argument).map(([op, arg]) => operatorCondition(field, op, arg))))
        : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function equal(field: Field, value: unknown): Condition {
  const kind = kindOf(value);
  if (kind === undefined) return UNKNOWN;
  if (field.type === undefined && kind !== 'string') return FALSE; // _id is a string
  if (kind === 'null') return exact(`${field.value} IS NULL`);
  const param = typeof value === 'boolean' ? Number(value) : (value as string | number);
  return typed(field, kind, `${field.value} = ?`, [param], needsGuard(field, kind, [value]));
}

/** $in: one IN list per type (a JSON array through json_each keeps the SQL text, and so the statement, the same). */
function among(field: Field, values: unknown): Condition {
  if (!Array.isArray(values)) return UNKNOWN;
  const byKind = new Map<Kind, unknown[]>();
  for (const value of values) {
    const kind = kindOf(value);
    if (kind === undefined) return UNKNOWN;
    if (field.type === undefined && kind !== 'string') continue;
    const list = byKind.get(kind);
    if (list) list.push(value);
    else byKind.set(kind, [value]);
  }
  const parts = [...byKind].map(([kind, list]) => {
    if (kind === 'null' || list.length === 1) return equal(field, list[0]);
    const sql = `${field.value} IN (SELECT value FROM json_each(?))`;
    return typed(field, kind, sql, [JSON.stringify(list)], needsGuard(field, kind, list));
  });
  return parts.length === 0 ? FALSE : or(parts);
}

function range(field: Field, operator: string, bound: unknown): Condition {
  const kind = kindOf(bound);
  const sql = `${field.value} ${COMPARE[operator]} ?`;
  const upward = operator === '$gt' || operator === '$gte';
  if (kind === 'number') {
    if (field.type === undefined) return FALSE;
    // Text sorts after every number in SQL: an upward range stops before it.
    const bounded = upward ? `${sql} AND ${field.value} < ''` : sql;
    return typed(field, kind, bounded, [bound as number], (field.flags & BOOLEAN) !== 0);
  }
  if (kind === 'string') {
    // NULL and numbers sort before text: a downward range starts at ''.
    const bounded = upward ? sql : `${sql} AND ${field.value} >= ''`;
    return typed(field, kind, bounded, [bound as string], (field.flags & OBJECT) !== 0);
  }
  return UNKNOWN; // null, boolean, object bounds: rare, left to mingo
}

/** Whether SQL could confuse `values` with another type seen at the field (true with 1, an object with '{...'). */
function needsGuard(field: Field, kind: Kind, values: readonly unknown[]): boolean {
  if (kind === 'boolean') return (field.flags & NUMBER) !== 0;
  if (kind === 'number') return (field.flags & BOOLEAN) !== 0 && values.some((v) => v === 0 || v === 1);
  if (kind === 'string')
    return (field.flags & OBJECT) !== 0 && values.some((v) => (v as string).startsWith('{'));
  return false;
}

function typed(field: Field, kind: Kind, sql: string, params: Param[], guard: boolean): Condition {
  if (!guard || kind === 'null' || field.type === undefined) return { sql, params, exact: true };
  return { sql: `${sql} AND ${field.type} IN (${TYPE_NAMES[kind]})`, params, exact: true };
}

function exact(sql: string): Condition {
  return { sql, params: [], exact: true };
}

function and(parts: readonly Condition[]): Condition {
  const written = parts.filter((part) => part.sql !== null && part.sql !== '1');
  const isExact = parts.every((part) => part.exact);
  if (written.length === 0) return isExact ? TRUE : UNKNOWN;
  if (written.length === 1) return { ...(written[0] as Condition), exact: isExact };
  return {
    sql: written.map((part) => `(${part.sql})`).join(' AND '),
    params: written.flatMap((part) => part.params),
    exact: isExact,
  };
}

function or(parts: readonly Condition[]): Condition {
  if (parts.some((part) => part.sql === null)) return UNKNOWN;
  if (parts.length === 1) return parts[0] as Condition;
  return {
    sql: parts.map((part) => `(${part.sql})`).join(' OR '),
    params: parts.flatMap((part) => part.params),
    exact: parts.every((part) => part.exact),
  };
}

/** Only an exact condition can be negated; `IS NOT 1` counts SQL's NULL (unknown) as false. */
function not(part: Condition): Condition {
  if (!part.exact || part.sql === null) return UNKNOWN;
  return { sql: `(${part.sql}) IS NOT 1`, params: part.params, exact: true };
}

function kindOf(value: unknown): Kind | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  return undefined;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RegExp)
    return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}
