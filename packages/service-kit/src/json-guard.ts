import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Deeper than any request of the system needs; far below what would exhaust a stack. */
export const MAX_JSON_DEPTH = 32;

/** Keys that would reach an object's prototype in code that copies input. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A UTF-16 surrogate without its other half (JSON escapes like "\ud800" produce them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface InputIssue {
  path: string;
  code: 'too_deep' | 'forbidden_key' | 'control_character' | 'lone_surrogate';
}

/**
 * What no input of the system may hold, wherever it is: nesting deeper than MAX_JSON_DEPTH,
 * keys that look like Mongo operators (`$gt`) or dotted paths, prototype keys, control
 * characters and lone surrogates in keys or strings. Walks iteratively, so no input can
 * exhaust the stack.
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
};

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Rejects what no route may see, before any route does: a body that is not UTF-8, not JSON,
 * or holds anything `inputIssues` finds. The decoded text is left in Hono's body cache, so
 * the route's validator parses exactly what was checked.
 */
export const jsonGuard: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (BODY_METHODS.has(c.req.method) && /^application\/(.+\+)?json/i.test(type)) {
    let text: string;
    try {
      text = STRICT_UTF8.decode(await c.req.arrayBuffer());
    } catch {
      throw new HttpProblem(400, {
        zh: '请求体不是有效的 UTF-8 文本',
        en: 'request body is not valid UTF-8',
      });
    }
    // Hono keeps promises in its body cache (its type says values): the validator reads this text.
    (c.req.bodyCache as unknown as { text?: Promise<string> }).text = Promise.resolve(text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, { zh: '请求体不是有效的 JSON', en: 'request body is not valid JSON' });
    }
    const issues = inputIssues(body);
    if (issues.length > 0) {
      throw new HttpProblem(
        400,
        { zh: '请求体含有不允许的内容', en: 'the request body holds content that is not allowed' },
        {
          errors: issues.map(({ path, code }) => ({
            path: path || '(body)',
            message: MESSAGES[code].zh,
            messageEn: MESSAGES[code].en,
            code,
          })),
        },
      );
    }
  }
  await next();
};
