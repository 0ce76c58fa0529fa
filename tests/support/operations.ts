// The route table, read from what each service declares: its `/openapi.json`. The hostile-input
// suite and the authorization matrix both walk it, so an endpoint joins them by being declared.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  example?: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  service: string;
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/leads/{leadId}`. */
  path: string;
  /** A token is declared (`security` not empty). */
  secured: boolean;
  parameters: Parameter[];
  /** The JSON request body's schema, dereferenced on use; undefined when the operation takes none. */
  body: JsonSchema | undefined;
  bodyRequired: boolean;
  /** Resolves `$ref`s against the document the operation came from. */
  deref: (schema: JsonSchema | undefined) => JsonSchema;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation a service's OpenAPI document declares. */
export function operationsOf(service: string, doc: OpenApiDoc): Operation[] {
  const deref = (schema: JsonSchema | undefined): JsonSchema => {
    let current = schema ?? {};
    for (let i = 0; current.$ref && i < 20; i++) {
      const name = current.$ref.split('/').pop() ?? '';
      current = doc.components?.schemas?.[name] ?? {};
    }
    return current;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            operationId?: string;
            security?: unknown[];
            parameters?: Parameter[];
            requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
          }
        | undefined;
      if (!op?.operationId) continue;
      operations.push({
        service,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        secured: (op.security?.length ?? 0) > 0,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false })),
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: op.requestBody?.required ?? false,
        deref,
      });
    }
  }
  return operations;
}

/** Fetches `/openapi.json` of each service and lists its operations. */
export async function loadOperations(urls: Record<string, string>): Promise<Operation[]> {
  const all: Operation[] = [];
  for (const [service, url] of Object.entries(urls)) {
    const res = await fetch(`${url}/openapi.json`);
    if (!res.ok) throw new Error(`${service}: /openapi.json answered ${res.status}`);
    all.push(...operationsOf(service, (await res.json()) as OpenApiDoc));
  }
  return all;
}

/** The schema's type name, the first non-null one when it lists several. */
export function typeOf(schema: JsonSchema): string | undefined {
  if (schema.enum) return 'enum';
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

/**
 * Values tried, in order, against a string's `pattern` (the first it matches is the sample): the
 * shapes the system's patterns take — a month, a time, a taxonomy code, a park id or slug, a word.
 */
const PATTERN_CANDIDATES = [
  '2026-01',
  '09:00',
  'ivd.immuno',
  'dadukou-ivd',
  'funnel',
  'sample',
  'a1',
  '1',
  'A',
];

function sampleString(schema: JsonSchema): string {
  // Today as the services count days (Asia/Shanghai): from 16:00 UTC the UTC date is yesterday there.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  switch (schema.format) {
    case 'date-time':
      return new Date(Date.now() - 60_000).toISOString();
    case 'date':
      return today;
    case 'email':
      return 'sample@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/hook';
    case 'uuid':
      return crypto.randomUUID();
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const fits = (v: string) =>
      pattern.test(v) && v.length >= (schema.minLength ?? 0) && v.length <= (schema.maxLength ?? Infinity);
    const found = PATTERN_CANDIDATES.find(fits);
    if (found) return found;
  }
  const min = schema.minLength ?? 1;
  const text = '示例文本sample'.padEnd(Math.max(min, 1), 'x');
  return schema.maxLength !== undefined ? text.slice(0, schema.maxLength) : text;
}

/**
 * A value the schema accepts, as far as a schema can say: examples and defaults first, then the
 * first enum value or alternative, required properties only, the smallest number allowed.
 * Checks a schema cannot state (a credit code's check character, a legal stage move) are the
 * business of the caller's overrides.
 */
export function sampleOf(op: Operation, schema: JsonSchema | undefined, depth = 0): unknown {
  const s = op.deref(schema);
  if (depth > 12) return null;
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf ?? s.oneOf) return sampleOf(op, (s.anyOf ?? s.oneOf)?.[0], depth + 1);
  if (s.allOf?.length) return sampleOf(op, s.allOf[0], depth + 1);
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleOf(op, s.properties?.[key], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(op, s.items, depth + 1));
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number': {
      if (s.exclusiveMinimum !== undefined) return Math.floor(s.exclusiveMinimum) + 1;
      return s.minimum ?? 0;
    }
    case 'boolean':
      return true;
    default:
      return {};
  }
}

/** One place in a body: its path of keys and its schema. */
export interface Field {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** Does a value fit an object alternative of a union: its enum and const keys agree, its required keys are there? */
function fits(op: Operation, schema: JsonSchema, value: unknown): boolean {
  const s = op.deref(schema);
  if (!value || typeof value !== 'object' || typeof s !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (!(s.required ?? []).every((k) => k in v)) return false;
  return Object.entries(s.properties ?? {}).every(([k, p]) => {
    const ps = op.deref(p);
    if (!(k in v)) return true;
    if (ps.const !== undefined) return ps.const === v[k];
    if (ps.enum && typeOf(ps) === 'enum' && ps.enum.length === 1) return ps.enum[0] === v[k];
    return true;
  });
}

/**
 * Every field of a body schema, depth first: objects (their properties included), arrays and
 * leaves. For unions, the fields of the alternative the sample body fits (else the first).
 */
export function fieldsOf(op: Operation, schema: JsonSchema | undefined, sample?: unknown): Field[] {
  const fields: Field[] = [];
  const at = (path: string[]) =>
    path.reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      sample,
    );
  const walk = (sch: JsonSchema | undefined, path: string[], required: boolean) => {
    const s = op.deref(sch);
    const alt = s.anyOf ?? s.oneOf;
    if (alt?.[0]) {
      const value = at(path);
      return walk(alt.find((a) => fits(op, a, value)) ?? alt[0], path, required);
    }
    if (path.length > 0) fields.push({ path, schema: s, required });
    if (typeOf(s) === 'object' && path.length < 8) {
      const req = new Set(s.required ?? []);
      for (const [key, child] of Object.entries(s.properties ?? {}))
        walk(child, [...path, key], req.has(key));
    }
  };
  walk(schema, [], true);
  return fields;
}

/** Sets `value` at `path` in a copy of `body`, creating objects on the way. */
export function withValue(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> =
    body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  const [head, ...rest] = path as [string, ...string[]];
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}
