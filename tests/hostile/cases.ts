import {
  type Field,
  fieldsOf,
  type JsonSchema,
  type Operation,
  typeOf,
  withValue,
} from '../support/operations.ts';
import type { ValidRequest } from '../support/requests.ts';

// Hostile requests generated from an operation's declared schema: every body field, query
// parameter and path parameter the OpenAPI document names gets the values its type must refuse,
// and every body gets the malformed, deep, oversized and badly encoded variants. Nothing here
// names an endpoint: a new one is attacked as soon as it is declared.

export interface HostileCase {
  op: Operation;
  /** What kind of attack (the summary counts by it). */
  kind: string;
  /** Human-readable, for failure lists. */
  name: string;
  /** Raw path and query, sent as is. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The field (dot path, or a parameter's name) a field-level error must name when the answer is 400/422. */
  field?: string;
}

/** A JSON token written as is (1e309, -0 …), where JSON.stringify cannot say it. */
class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

function serialize(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `__RAW_${raws.length - 1}__`;
    }
    return v;
  });
  return text.replace(/"__RAW_(\d+)__"/g, (_, i: string) => raws[Number(i)] ?? 'null');
}

const XSS = '<script>alert(document.cookie)</script>';
const XSS_ATTR = '"><img src=x onerror=alert(1)>';
const SQL = "' OR '1'='1' --";
const ZERO_WIDTH = '\u200B\u200C\u200D\uFEFF\u2060';
const TRAVERSAL = '../../../../etc/passwd';
/** Look-alikes: Cyrillic for Latin letters, full-width for digits. */
const LOOK_ALIKES: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};
/** A value that reads the same as `value` but is not: its first letter or digit swapped for a look-alike. */
export const confusable = (value: string): string => {
  const at = [...value].findIndex((ch) => LOOK_ALIKES[ch] !== undefined || /[0-9]/.test(ch));
  if (at < 0) return `${value}\u200B`;
  const chars = [...value];
  const ch = chars[at] as string;
  chars[at] = LOOK_ALIKES[ch] ?? String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
  return chars.join('');
};
const fullWidth = (value: string) =>
  value.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** Credit codes that must be refused: GB 32100-2015 checksum, authority, type and region. */
export function badCreditCodes(valid: string): [string, string][] {
  const check = valid.at(-1) ?? '0';
  const wrongCheck = valid.slice(0, 17) + (check === '0' ? '1' : '0');
  return [
    ['all zeros', '000000000000000000'],
    ['17 characters', valid.slice(0, 17)],
    ['19 characters', `${valid}0`],
    ['wrong check character', wrongCheck],
    ['letter I (not in the alphabet)', `${valid.slice(0, 9)}I${valid.slice(10)}`],
    ['full-width digits', fullWidth(valid)],
    ['unknown registration authority', `Z${valid.slice(1)}`],
    ['NUL inside', `${valid.slice(0, 9)}\u0000${valid.slice(9)}`],
    ['XSS', XSS],
  ];
}

const isConstrained = (s: JsonSchema) => Boolean(s.enum || s.pattern || s.format || s.const !== undefined);

/** Values a field of this schema must refuse, each with a label. */
function hostileValues(field: Field, sample: unknown): [string, unknown][] {
  const s = field.schema;
  const type = typeOf(s);
  const nullable = Array.isArray(s.type) && s.type.includes('null');
  const values: [string, unknown][] = [
    ['operator object $gt', { $gt: '' }],
    ['operator object $where', { $where: 'sleep(5000) || true' }],
    ['prototype key', JSON.parse('{"__proto__":{"polluted":true}}')],
  ];
  if (!nullable) values.push(['null', null]);
  const name = field.path.at(-1) ?? '';
  if (name === 'creditCode' && typeof sample === 'string') {
    for (const [label, code] of badCreditCodes(sample)) values.push([`credit code: ${label}`, code]);
  }
  switch (type) {
    case 'enum': {
      const first = String(s.enum?.[0] ?? 'x');
      values.push(
        ['XSS', XSS],
        ['confusable of a valid value', confusable(first)],
        [
          'upper-cased valid value',
          first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
        ],
        ['valid value + NUL', `${first}\u0000`],
        ['number', 1],
      );
      break;
    }
    case 'string': {
      values.push(
        ['NUL', 'a\u0000b'],
        ['only NUL', '\u0000'],
        ['control character', 'bell\u0007'],
        ['ANSI escape', '\u001b[31mred'],
        ['lone surrogate', 'x\uD800y'],
        ['only zero-width characters', ZERO_WIDTH],
        ['number', 12345],
        ['array', ['a']],
      );
      if (s.maxLength !== undefined) values.push([`longer than ${s.maxLength}`, 'x'.repeat(s.maxLength + 1)]);
      if (isConstrained(s) || name === 'creditCode') {
        values.push(
          ['XSS', XSS],
          ['XSS in an attribute', XSS_ATTR],
          ['SQL', SQL],
          ['path traversal', TRAVERSAL],
        );
        if (typeof sample === 'string') values.push(['confusable of a valid value', confusable(sample)]);
      }
      if (s.format === 'date' || s.format === 'date-time') {
        values.push(['30 February', '2026-02-30'], ['month 13', '2026-13-01'], ['NaN', 'NaN']);
      }
      if (s.format === 'email') values.push(['not an email', 'not-an-email'], ['two @', 'a@b@example.com']);
      if (s.format === 'uri')
        values.push(['javascript: URL', 'javascript:alert(1)'], ['not a URL', 'not a url']);
      break;
    }
    case 'integer':
    case 'number': {
      values.push(
        ['string number', '12'],
        ['string NaN', 'NaN'],
        ['1e309 (Infinity)', new Raw('1e309')],
        ['-1e309 (-Infinity)', new Raw('-1e309')],
        ['1e21', new Raw('1e21')],
        ['boolean', true],
      );
      if (s.minimum !== undefined) values.push([`below minimum ${s.minimum}`, s.minimum - 1]);
      if (s.exclusiveMinimum !== undefined) values.push([`at exclusive minimum`, s.exclusiveMinimum]);
      if (s.maximum !== undefined) values.push([`above maximum ${s.maximum}`, new Raw(`${s.maximum}1`)]);
      if (type === 'integer') {
        values.push(['fraction', (s.minimum ?? 0) + 1.5], ['beyond 2^53', new Raw('9007199254740993')]);
      }
      break;
    }
    case 'boolean':
      values.push(['string "true"', 'true'], ['number 1', 1]);
      break;
    case 'array': {
      const item = Array.isArray(sample) && sample.length > 0 ? sample[0] : 'x';
      values.push(
        ['object instead of array', { 0: item }],
        ['array of null', [null]],
        ['nested arrays', [[[[]]]]],
      );
      if (s.maxItems !== undefined && s.maxItems < 5000)
        values.push([`more than ${s.maxItems} items`, Array.from({ length: s.maxItems + 1 }, () => item)]);
      break;
    }
    case 'object': {
      values.push(['string instead of object', 'text'], ['array instead of object', []]);
      if (field.schema.additionalProperties === false) {
        const base = sample && typeof sample === 'object' ? sample : {};
        values.push(
          ['unknown key (XSS)', { ...base, [XSS_ATTR]: 1 }],
          ['constructor key', { ...base, constructor: { prototype: {} } }],
        );
      }
      break;
    }
  }
  return values;
}

const get = (value: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );

function urlOf(op: Operation, params: Record<string, string>, query: Record<string, string>): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? '');
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${v}`)
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

const encodeAll = (q: Record<string, string>) =>
  Object.fromEntries(Object.entries(q).map(([k, v]) => [k, encodeURIComponent(v)]));
const encodedParams = (p: Record<string, string>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, encodeURIComponent(v)]));

/** Bytes that are not UTF-8, each put inside the first string of a valid body. */
const BAD_UTF8: [string, number[]][] = [
  ['invalid continuation byte', [0xc3, 0x28]],
  ['overlong "/"', [0xc0, 0xaf]],
  ['UTF-8-encoded surrogate', [0xed, 0xa0, 0x80]],
  ['0xFF byte', [0xff, 0xfe]],
  ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['truncated sequence', [0xe4, 0xb8]],
];

function withBadBytes(json: string, bytes: number[]): Uint8Array {
  const encoded = new TextEncoder().encode(json);
  // After the opening quote of the first string value (`":"` … or the first `"` inside an array).
  const at = json.indexOf(':"');
  const cut = at >= 0 ? new TextEncoder().encode(json.slice(0, at + 2)).length : 1;
  return new Uint8Array([...encoded.slice(0, cut), ...bytes, ...encoded.slice(cut)]);
}

function deep(levels: number, open: string, close: string, leaf = '1'): string {
  return open.repeat(levels) + leaf + close.repeat(levels);
}

/** Every hostile case of one operation, from its schema and a valid request to vary. */
export function hostileCases(op: Operation, valid: ValidRequest, bodyLimit: number): HostileCase[] {
  const cases: HostileCase[] = [];
  const validUrl = urlOf(op, encodedParams(valid.params), encodeAll(valid.query));
  const json = { 'content-type': 'application/json' };
  const add = (c: Omit<HostileCase, 'op' | 'headers'> & { headers?: Record<string, string> }) =>
    cases.push({ op, headers: c.body !== undefined ? json : {}, ...c });

  if (op.body) {
    const base = valid.body;
    const text = serialize(base);
    const bodyCase = (kind: string, name: string, body: string | Uint8Array, field?: string) =>
      add({ kind, name, url: validUrl, body, ...(field ? { field } : {}) });
    for (const [name, body] of [
      ['unterminated object', '{'],
      ['trailing comma', text.replace(/}$/, ',}')],
      ['single quotes', "{'a':1}"],
      ['bare NaN', 'NaN'],
      ['empty body', ''],
      ['only whitespace', '  \n '],
      ['comment', `/* hi */${text}`],
      ['two documents', `${text}${text}`],
    ] as const)
      bodyCase('malformed JSON', name, body);
    for (const [name, body] of [
      ['null', 'null'],
      ['array', '[]'],
      ['string', '"text"'],
      ['number', '42'],
    ] as const)
      bodyCase('wrong root', name, body);
    bodyCase('deep JSON', '5,000 nested arrays', deep(5000, '[', ']'));
    bodyCase('deep JSON', '3,000 nested objects', deep(3000, '{"a":', '}'));
    bodyCase(
      'deep JSON',
      '40 nested objects under a valid body',
      serialize({ ...(base as object), deep: JSON.parse(deep(40, '{"a":', '}')) }),
    );
    bodyCase(
      'size',
      `larger than ${bodyLimit} bytes`,
      serialize({ ...(base as object), pad: 'x'.repeat(bodyLimit + 1024) }),
    );
    bodyCase(
      'size',
      '100,000 numbers in an unknown field',
      serialize({ ...(base as object), pad: new Array(100_000).fill(0) }),
    );
    for (const [name, bytes] of BAD_UTF8) bodyCase('encoding', name, withBadBytes(text, bytes));
    for (const key of ['$where', '$gt', '__proto__', 'constructor', 'prototype', 'a.b', '$set']) {
      const body = `{"${key}":{"x":1},${text.slice(1)}`;
      bodyCase(
        key.startsWith('$') || key.includes('.') ? 'operator key' : 'prototype key',
        `top-level ${key}`,
        text === '{}' ? `{"${key}":{"x":1}}` : body,
        key,
      );
    }
    add({
      kind: 'content type',
      name: 'JSON sent as text/plain',
      url: validUrl,
      headers: { 'content-type': 'text/plain' },
      body: text,
    });
    for (const field of fieldsOf(op, op.body, base)) {
      const sample = get(base, field.path);
      for (const [label, value] of hostileValues(field, sample)) {
        const dotted = field.path.join('.');
        add({
          kind: `field: ${label.startsWith('credit code') ? 'credit code' : label.replace(/ .*/, '')}`,
          name: `${dotted} = ${label}`,
          url: validUrl,
          body: serialize(withValue(base, field.path, value)),
          field: dotted,
        });
      }
    }
  }

  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const s = op.deref(p.schema);
    const type = typeOf(s);
    const values: [string, string][] = [
      ['NUL', '%00'],
      ['control character', 'a%07b'],
      ['invalid UTF-8', '%C3%28'],
      ['UTF-8-encoded surrogate', '%ED%A0%80'],
      ['bad percent-encoding', '%E4%B8'],
    ];
    if (type === 'integer' || type === 'number')
      values.push(['NaN', 'NaN'], ['Infinity', 'Infinity'], ['1e309', '1e309'], ['huge', '9'.repeat(400)]);
    if (type === 'integer') values.push(['fraction', '1.5']);
    if (s.minimum !== undefined) values.push([`below minimum`, String(s.minimum - 1)]);
    if (s.maximum !== undefined) values.push([`above maximum`, `${s.maximum}1`]);
    if (isConstrained(s))
      values.push(
        ['XSS', encodeURIComponent(XSS)],
        ['path traversal', encodeURIComponent(TRAVERSAL)],
        ['operator', encodeURIComponent('{"$gt":""}')],
      );
    if (s.enum) values.push(['confusable', encodeURIComponent(confusable(String(s.enum[0])))]);
    if (s.maxLength !== undefined) values.push([`longer than ${s.maxLength}`, 'x'.repeat(s.maxLength + 1)]);
    for (const [label, value] of values) {
      const query = { ...encodeAll(valid.query), [p.name]: value };
      add({
        kind: `query: ${label.replace(/ .*/, '')}`,
        name: `?${p.name} = ${label}`,
        url: urlOf(op, encodedParams(valid.params), query),
        ...(op.body ? { body: serialize(valid.body) } : {}),
        field: p.name,
      });
    }
  }

  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const s = op.deref(p.schema);
    const good = valid.params[p.name] ?? 'x';
    const values: [string, string][] = [
      ['path traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
      ['dot segments', '%2e%2e%2f%2e%2e%2f'],
      ['backslash traversal', '..%5C..%5Cwindows'],
      ['NUL', '%00'],
      ['valid value + NUL', `${encodeURIComponent(good)}%00`],
      ['invalid UTF-8', '%FF%FE'],
      ['overlong slash', '%C0%AF'],
      ['UTF-8-encoded surrogate', '%ED%A0%80'],
      ['XSS', encodeURIComponent(XSS)],
      ['operator', encodeURIComponent('{"$gt":""}')],
      ['$where', '%24where'],
      ['__proto__', '__proto__'],
      ['constructor', 'constructor'],
      ['confusable of the valid value', encodeURIComponent(confusable(good))],
      ['5,000 characters', 'a'.repeat(5000)],
    ];
    const type = typeOf(s);
    if (type === 'integer' || type === 'number')
      values.push(['NaN', 'NaN'], ['-1', '-1'], ['1e309', '1e309'], ['fraction', '1.5']);
    for (const [label, value] of values) {
      add({
        kind: `path: ${label.replace(/ .*/, '')}`,
        name: `{${p.name}} = ${label}`,
        url: urlOf(op, { ...encodedParams(valid.params), [p.name]: value }, encodeAll(valid.query)),
        ...(op.body ? { body: serialize(valid.body) } : {}),
        field: p.name,
      });
    }
    // Unencoded traversal: the server sees the dots and slashes themselves.
    add({
      kind: 'path: traversal (raw)',
      name: `{${p.name}} = raw ../`,
      url: urlOf(
        op,
        { ...encodedParams(valid.params), [p.name]: `../../${encodeURIComponent(good)}/../..` },
        encodeAll(valid.query),
      ),
      ...(op.body ? { body: serialize(valid.body) } : {}),
    });
  }
  return cases;
}
