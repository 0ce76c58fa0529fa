import { randomUUID } from 'node:crypto';
import { update as mingoUpdate } from 'mingo';
import type { UpdateExpression } from 'mingo/updater';
import type { Doc, Filter, Update } from '../port.ts';
import { mingoOptions } from './mingo.ts';

// Update operators with MongoDB's semantics, applied by mingo to a copy of the document.
// mingo has no $setOnInsert: it is a $set that only runs when an upsert inserts.

type Fields = Record<string, unknown>;

/** Applies `update` to `doc` in place; returns whether anything changed. */
export function applyUpdate(doc: Fields, update: Update, inserting: boolean): boolean {
  const id = doc._id;
  let changed = false;
  for (const [operator, fields] of Object.entries(update)) {
    if (operator === '$setOnInsert' && !inserting) continue;
    const expression = { [operator === '$setOnInsert' ? '$set' : operator]: fields } as UpdateExpression;
    const paths = mingoUpdate(doc, expression, [], undefined, {
      cloneMode: 'deep',
      queryOptions: mingoOptions,
    });
    if (paths.length > 0) changed = true;
  }
  if (id !== undefined && doc._id !== id) throw new Error('_id cannot be changed by an update');
  return changed;
}

/** The document an upsert inserts: the filter's equality fields, then the update (with $setOnInsert). */
export function upsertDocument(filter: Filter, update: Update): Doc & Fields {
  const doc: Fields = {};
  const equalities = equalityFields(filter);
  if (Object.keys(equalities).length > 0) applyUpdate(doc, { $set: equalities }, true);
  applyUpdate(doc, update, true);
  if (doc._id === undefined) doc._id = randomUUID();
  return doc as Doc & Fields;
}

/** MongoDB's rule: `field: value`, `field: { $eq: value }` and the same inside a top-level $and. */
function equalityFields(filter: Filter, into: Fields = {}): Fields {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(condition)) {
      for (const part of condition as Filter[]) equalityFields(part, into);
      continue;
    }
    if (path.startsWith('$') || condition instanceof RegExp) continue;
    if (!isOperatorObject(condition)) into[path] = condition;
    else if ('$eq' in condition) into[path] = condition.$eq;
  }
  return into;
}

function isOperatorObject(value: unknown): value is Fields {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => key.startsWith('$'))
  );
}
