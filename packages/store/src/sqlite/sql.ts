import type { SQLInputValue } from 'node:sqlite';

// SQL text shared by indexes and queries. SQLite uses an expression index only for the very same
// expression, so both build a field's expression here.

export type Param = SQLInputValue;

/** A table or index name in double quotes (collection names are letters, digits, _ and -). */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const PLAIN_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTABLE_SEGMENT = /^[^"'\\.[\]$]+$/;

/**
 * `a.b` as the JSON path `$.a.b` (odd keys quoted), or undefined for what has no exact JSON path:
 * a numeric segment means "element or key" in MongoDB, and quotes would need escaping.
 */
export function jsonPath(path: string): string | undefined {
  let out = '$';
  for (const segment of path.split('.')) {
    if (PLAIN_SEGMENT.test(segment)) out += `.${segment}`;
    else if (QUOTABLE_SEGMENT.test(segment) && !/^\d+$/.test(segment)) out += `."${segment}"`;
    else return undefined;
  }
  return out;
}

/** The SQL value of a field: the `_id` column, else `json_extract` (null for a missing field). */
export function fieldValue(path: string): string | undefined {
  if (path === '_id') return '_id';
  const json = jsonPath(path);
  return json && `json_extract(doc,'${json}')`;
}

/** The field's JSON type name ('null', 'true', 'integer', 'text', 'object', ...), null when missing. */
export function fieldType(path: string): string | undefined {
  const json = jsonPath(path);
  return json && `json_type(doc,'${json}')`;
}

/** The field as JSON text, 'null' when missing: tells 1 from true and "x" from x, for unique keys. */
export function fieldJson(path: string): string | undefined {
  if (path === '_id') return '_id';
  const json = jsonPath(path);
  return json && `ifnull(doc->'${json}','null')`;
}
