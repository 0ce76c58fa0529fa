import { UnsafeQueryError, type Update } from './port.ts';

// Checks every adapter applies to what callers hand the store.

/** Operators that run code supplied with the query: never accepted, whatever the engine would do. */
const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);

/** Throws UnsafeQueryError when a filter, update or pipeline carries code to run. */
export function assertNoCode(value: unknown, what: string): void {
  if (typeof value === 'function') throw new UnsafeQueryError(`${what}: function values are not accepted`);
  if (Array.isArray(value)) {
    for (const item of value) assertNoCode(item, what);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CODE_OPERATORS.has(key))
        throw new UnsafeQueryError(`${what}: ${key} is not accepted (it runs code)`);
      assertNoCode(item, what);
    }
  }
}

/** Collection names are also table names (and were nedb file names): keep them plain. */
export function assertCollectionName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new Error(`invalid collection name ${JSON.stringify(name)}: use letters, digits, _ and - (max 64)`);
  }
}

/** The update operators every adapter supports (see `Update`). */
const OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull', '$setOnInsert']);

/** Throws on an update the port does not support: no operator, an unknown one, or code to run. */
export function assertUpdate(update: Update): void {
  assertNoCode(update, 'update');
  const operators = Object.keys(update);
  if (operators.length === 0) throw new Error('update needs at least one operator');
  for (const operator of operators) {
    if (!OPERATORS.has(operator)) throw new Error(`unsupported update operator ${operator}`);
  }
}
