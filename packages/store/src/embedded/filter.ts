import { Query } from 'mingo';
import { assertNoCode } from '../guard.ts';
import type { Filter } from '../port.ts';
import { mingoOptions } from './mingo.ts';

// nedb's own query language differs from MongoDB's in places ({ a: null } does not match a
// missing field, $ne/$nin on arrays, field-level $not, no $eq, two bounds must hold for the
// same array element). So mingo decides what matches, and nedb only narrows the candidates
// with its indexes: the nedb query is a "hint" (plain equality, $in or one range bound per
// field, which mean the same in both languages) plus a $where running the compiled mingo
// query. The $where is ours; callers' are refused. A filter made only of such conditions
// (e.g. { _id }, { parkId }) goes to nedb alone, without mingo.

export type NedbQuery = Record<string, unknown>;

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);
const ARRAY_INDEX_SEGMENT = /(^|\.)\d+(\.|$)/;

export function toNedbQuery(filter: Filter): NedbQuery {
  assertNoCode(filter, 'filter');
  const { hint, exact } = indexHint(filter);
  if (exact) return hint;
  const query = new Query(filter, mingoOptions);
  return {
    ...hint,
    $where(this: object) {
      return query.test(this);
    },
  };
}

/** The conditions nedb can check and serve from an index; exact when they are the whole filter. */
function indexHint(filter: Filter): { hint: NedbQuery; exact: boolean } {
  const hint: NedbQuery = {};
  let exact = true;
  for (const [path, condition] of Object.entries(filter)) {
    const part = path.startsWith('$') || ARRAY_INDEX_SEGMENT.test(path) ? undefined : hintFor(condition);
    if (part) hint[path] = part.condition;
    if (!part?.exact) exact = false;
  }
  return { hint, exact };
}

function hintFor(condition: unknown): { condition: unknown; exact: boolean } | undefined {
  if (isScalar(condition)) return { condition, exact: true };
  if (!isOperatorObject(condition)) return undefined;
  const operators = Object.entries(condition);
  const exact = operators.length === 1;
  if (isScalar(condition.$eq)) return { condition: condition.$eq, exact };
  const usable = operators.find(([operator, value]) => isIndexable(operator, value));
  return usable && { condition: { [usable[0]]: usable[1] }, exact };
}

function isIndexable(operator: string, value: unknown): boolean {
  if (RANGE_OPERATORS.has(operator)) return typeof value === 'string' || isFiniteNumber(value);
  return operator === '$in' && Array.isArray(value) && value.every(isScalar);
}

/** Non-null primitives: null also matches missing fields in MongoDB, so it never goes to nedb. */
function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}
