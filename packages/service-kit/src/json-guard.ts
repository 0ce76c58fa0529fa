import { showsNothing } from '@parkmatch/contracts';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Deeper than any request of the system needs; far below what would exhaust a stack. */
export const MAX_JSON_DEPTH = 32;

/** Keys that would reach an object's prototype in code that copies input. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls; the bidi overrides and
 * isolates, which make text display in another order than it is stored ("Trojan source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** A UTF-16 surrogate without its other half (JSON escapes like "\ud800" produce them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A string of invisible characters (and spaces) only: it reads as empty but is not. */
const onlyInvisible = (text: string) => text.trim() !== '' && showsNothing(text);

export interface InputIssue {
  path: string;
  code:
    | 'too_deep'
    | 'forbidden_key'
    | 'control_character'
    | 'lone_surrogate'
    | 'invisible_only'
    | 'bad_encoding'
    | 'reserved_name';
}

/**
 * What no input of the system may hold, wherever it is: nesting deeper than MAX_JSON_DEPTH,
 * keys that look like Mongo operators (`$gt`) or dotted paths, prototype keys, control
 * characters and lone surrogates in keys or strings, strings of invisible characters only
 * (zero-width spaces: they read as empty). Walks iteratively, so no input can exhaust the stack.
 */
export function inputIssues(value: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && issues.length < 50) {
    const { value: item, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item === 'string') {
      if (CONTROL.test(item)) issues.push({ path, code: 'control_character' });
      else if (LONE_SURROGATE.test(item)) issues.push({ path, code: 'lone_surrogate' });
      else if (onlyInvisible(item)) issues.push({ path, code: 'invisible_only' });
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      issues.push({ path, code: 'too_deep' });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(item)
      ? [...item.entries()]
      : Object.entries(item);
    for (const [key, child] of entries) {
      const childPath = at(path, key);
      if (typeof key === 'string') {
        if (key.startsWith('$') || key.includes('.') || PROTOTYPE_KEYS.has(key)) {
          issues.push({ path: childPath, code: 'forbidden_key' });
          continue;
        }
        if (CONTROL.test(key) || LONE_SURROGATE.test(key)) {
          issues.push({ path: childPath, code: 'control_character' });
          continue;
        }
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return issues;
}

const MESSAGES: Record<InputIssue['code'], { zh: string; en: string }> = {
  too_deep: { zh: `嵌套超过 ${MAX_JSON_DEPTH} 层`, en: `nested deeper than ${MAX_JSON_DEPTH} levels` },
  forbidden_key: {
    zh: '不允许的键（以 "$" 开头、含 "." 或原型键）',
    en: 'key rejected (starts with "$", contains "." or names a prototype)',
  },
  control_character: { zh: '含有控制字符（如 NUL）', en: 'contains a control character (such as NUL)' },
  lone_surrogate: { zh: '含有不完整的 Unicode 字符', en: 'contains a lone UTF-16 surrogate' },
  invisible_only: {
    zh: '只含不可见字符（如零宽空格）',
    en: 'holds only invisible characters (such as zero-width spaces)',
  },
  bad_encoding: { zh: '不是有效的 UTF-8 百分号编码', en: 'is not valid percent-encoded UTF-8' },
  reserved_name: {
    zh: '不能是 __proto__、constructor 或 prototype',
    en: 'must not be __proto__, constructor or prototype',
  },
};

/** Field errors for input issues, each in both languages. */
export const issueErrors = (issues: InputIssue[]) =>
  issues.map(({ path, code }) => ({
    path: path || '(body)',
    message: MESSAGES[code].zh,
    messageEn: MESSAGES[code].en,
    code,
  }));

/**
 * What no path parameter may be: a name that reaches an object's prototype once it is used as
 * a key (an id becomes one: `parks.<parkId>`, a map of orgs), or text with control characters
 * or lone surrogates. Routes check their parameters' shapes; this is what every one refuses.
 */
export function paramIssues(params: Record<string, unknown>): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    if (PROTOTYPE_KEYS.has(value)) issues.push({ path: name, code: 'reserved_name' });
    else issues.push(...inputIssues(value).map((issue) => ({ ...issue, path: name })));
  }
  return issues;
}

const problemOf = (issues: InputIssue[], where: { zh: string; en: string }) =>
  new HttpProblem(400, where, { errors: issueErrors(issues) });

/**
 * What `inputIssues` finds in the query string, each named by its parameter, and parameters
 * whose percent-encoding is not UTF-8 (Hono would pass them on undecoded).
 */
export function queryIssues(url: string): InputIssue[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const end = url.indexOf('#', start);
  const issues: InputIssue[] = [];
  for (const pair of url.slice(start + 1, end < 0 ? undefined : end).split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const [rawKey, rawValue] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    // Each parameter on its own (a repeated one is checked every time); no prototype to reach.
    const one: Record<string, string> = Object.create(null);
    try {
      one[decodeURIComponent(rawKey.replaceAll('+', ' '))] = decodeURIComponent(
        rawValue.replaceAll('+', ' '),
      );
    } catch {
      issues.push({ path: rawKey, code: 'bad_encoding' });
      continue;
    }
    issues.push(...inputIssues(one));
  }
  return issues;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
/** The charset parameter of a Content-Type (`application/json; charset="GBK"`). */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/**
 * Rejects what no route may see, before any route does: a query string or a body that is not
 * UTF-8, a body that is not JSON, or anything `inputIssues` finds in either. The text and its
 * parse are left in Hono's body cache, so the route's validator reads exactly what was checked.
 */
export const jsonGuard: MiddlewareHandler = async (c, next) => {
  const inQuery = queryIssues(c.req.url);
  if (inQuery.length > 0)
    throw problemOf(inQuery, {
      zh: '查询参数含有不允许的内容',
      en: 'the query string holds content that is not allowed',
    });
  const type = c.req.header('content-type') ?? '';
  if (BODY_METHODS.has(c.req.method) && /^application\/(.+\+)?json/i.test(type)) {
    // JSON is UTF-8 (RFC 8259): a body declared in another charset (GBK, Latin-1) would be read as
    // something else than was sent, so it is refused rather than stored garbled.
    const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      throw new HttpProblem(415, {
        zh: `请求体须为 UTF-8 编码的 JSON，不支持字符集 ${charset}`,
        en: `the body must be JSON in UTF-8; charset ${charset} is not supported`,
      });
    let text: string;
    try {
      text = STRICT_UTF8.decode(await c.req.arrayBuffer());
    } catch {
      throw new HttpProblem(400, {
        zh: '请求体不是有效的 UTF-8 文本',
        en: 'request body is not valid UTF-8',
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, { zh: '请求体不是有效的 JSON', en: 'request body is not valid JSON' });
    }
    // Hono keeps promises in its body cache (its type says values): the validator takes this
    // parse (not a second one through a Response), and a route asking for text gets the text.
    const cache = c.req.bodyCache as unknown as { text?: Promise<string>; json?: Promise<unknown> };
    cache.text = Promise.resolve(text);
    cache.json = Promise.resolve(body);
    const issues = inputIssues(body);
    if (issues.length > 0)
      throw problemOf(issues, {
        zh: '请求体含有不允许的内容',
        en: 'the request body holds content that is not allowed',
      });
  }
  await next();
};
