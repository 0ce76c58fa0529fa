import type { SortSpec } from '../port.ts';

// find()'s sort in JS, for what SQL cannot order exactly (see plan.ts). Each sort key is read
// once, a limit keeps only the best `count` (one pass, no full sort), and values order as in
// MongoDB: null/missing < numbers < strings < objects < arrays < booleans; an array sorts by its
// smallest element ascending, its largest descending.

interface Keyed<T> {
  doc: T;
  keys: unknown[];
}

/** The first `count` documents in `spec` order (all of them when count is undefined); stable. */
export function sortDocuments<T>(docs: readonly T[], spec: SortSpec, count?: number): T[] {
  const fields = Object.entries(spec).map(([path, direction]) => ({ parts: path.split('.'), direction }));
  const keyed = docs.map((doc) => ({ doc, keys: fields.map((f) => sortKey(doc, f.parts, f.direction)) }));
  const compare = (a: Keyed<T>, b: Keyed<T>): number => {
    for (const [i, field] of fields.entries()) {
      const order = compareValues(a.keys[i], b.keys[i]) * field.direction;
      if (order !== 0) return order;
    }
    return 0;
  };
  const sorted =
    count !== undefined && count < keyed.length ? best(keyed, count, compare) : keyed.sort(compare);
  return sorted.map((k) => k.doc);
}

/** The `count` smallest items, in order: a sorted window with binary insertion. */
function best<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const window: T[] = [];
  for (const item of items) {
    const last = window.at(-1);
    if (window.length === count && last !== undefined && compare(item, last) >= 0) continue;
    let low = 0;
    let high = window.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(item, window[mid] as T) < 0) high = mid;
      else low = mid + 1;
    }
    window.splice(low, 0, item);
    if (window.length > count) window.pop();
  }
  return window;
}

const EMPTY_ARRAY = Symbol('empty array');

function sortKey(doc: unknown, parts: readonly string[], direction: 1 | -1): unknown {
  const values: unknown[] = [];
  collect(doc, parts, 0, values);
  if (values.length <= 1) return values[0];
  return values.reduce((a, b) => (compareValues(a, b) * direction <= 0 ? a : b));
}

/** Every value at the path, looking into arrays on the way and at the end (as MongoDB does). */
function collect(value: unknown, parts: readonly string[], at: number, into: unknown[]): void {
  if (Array.isArray(value)) {
    if (at === parts.length && value.length === 0) into.push(EMPTY_ARRAY);
    for (const item of value) collect(item, parts, at, into);
    return;
  }
  if (at === parts.length) into.push(value);
  else if (value !== null && typeof value === 'object') {
    collect((value as Record<string, unknown>)[parts[at] as string], parts, at + 1, into);
  } else into.push(undefined);
}

function rank(value: unknown): number {
  if (value === EMPTY_ARRAY) return 0;
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  return 4;
}

function compareValues(a: unknown, b: unknown): number {
  const byType = rank(a) - rank(b);
  if (byType !== 0) return byType;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return compareSequences(a, b);
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return compareSequences(Object.entries(a).flat(), Object.entries(b).flat());
  }
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  return 0;
}

function compareSequences(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareValues(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
