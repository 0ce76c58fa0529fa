// Which JSON types each field path of a collection has ever held (MongoDB keeps the like for its
// multikey indexes). `json_extract(doc, '$.a.b')` means what MongoDB means by `a.b` only when no
// document has an array on the way (MongoDB then matches element-wise), and SQL compares and
// orders like MongoDB only among null, numbers and strings: `true` reads as 1, an object as its
// JSON text. So a filter or sort on a path goes to SQL when these flags say it is safe, and to
// mingo otherwise. Flags only grow (a flag no longer true costs speed, never correctness) and are
// written in the transaction that writes the document.

export const NULL = 1;
export const BOOLEAN = 2;
export const NUMBER = 4;
export const STRING = 8;
export const OBJECT = 16;
export const ARRAY = 32;
/** Not looked into (too wide, too deep, or too many paths): treated like an array. */
export const OPAQUE = 64;

/** Objects wider or deeper than this are not mapped: a map keyed by ids would grow the table forever. */
const MAX_KEYS = 64;
const MAX_DEPTH = 8;
const MAX_PATHS = 2_000;

export class FieldTypes {
  readonly #types = new Map<string, number>();

  /** The flags recorded for `path` (0: no document ever had a value there). */
  get(path: string): number {
    return this.#types.get(path) ?? 0;
  }

  /** Adds flags (read back from the database); returns whether anything was new. */
  merge(path: string, flags: number): boolean {
    const old = this.get(path);
    if ((old | flags) === old) return false;
    this.#types.set(path, old | flags);
    return true;
  }

  /** Drops a path and the paths under it, which no document holds any more; returns them. */
  forget(path: string): string[] {
    const gone = [...this.#types.keys()].filter((known) => known === path || known.startsWith(`${path}.`));
    for (const known of gone) this.#types.delete(known);
    return gone;
  }

  /** True when no document had an array (or an unmapped object) at `path` or on the way to it. */
  isPlain(path: string): boolean {
    let at = path.indexOf('.');
    while (at !== -1) {
      if (this.get(path.slice(0, at)) & (ARRAY | OPAQUE)) return false;
      at = path.indexOf('.', at + 1);
    }
    return (this.get(path) & (ARRAY | OPAQUE)) === 0;
  }

  /** Records the types of `doc`'s fields; returns the paths whose flags grew, to be persisted. */
  record(doc: Record<string, unknown>): [path: string, flags: number][] {
    const grown: [string, number][] = [];
    this.#walk(doc, '', 0, grown);
    return grown;
  }

  #walk(object: Record<string, unknown>, prefix: string, depth: number, grown: [string, number][]): void {
    for (const key in object) {
      const value = object[key];
      if (value === undefined || (depth === 0 && key === '_id')) continue;
      const path = prefix + key;
      let flags = flagOf(value);
      const nested = flags === OBJECT && value !== null;
      if (nested && (depth >= MAX_DEPTH || Object.keys(value as object).length > MAX_KEYS)) flags |= OPAQUE;
      if (!this.#types.has(path) && this.#types.size >= MAX_PATHS) {
        // Full: mark the top-level field unmapped instead of adding paths forever.
        const dot = path.indexOf('.');
        const top = dot === -1 ? path : path.slice(0, dot);
        if (this.merge(top, OPAQUE)) grown.push([top, this.get(top)]);
        continue;
      }
      if (this.merge(path, flags)) grown.push([path, this.get(path)]);
      if (nested && !(flags & OPAQUE))
        this.#walk(value as Record<string, unknown>, `${path}.`, depth + 1, grown);
    }
  }
}

function flagOf(value: unknown): number {
  if (value === null) return NULL;
  switch (typeof value) {
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    case 'string':
      return STRING;
    default:
      return Array.isArray(value) ? ARRAY : OBJECT;
  }
}
