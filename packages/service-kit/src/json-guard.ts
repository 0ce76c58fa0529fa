import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Paths of keys that look like Mongo operators (`$gt`) or dotted paths, which never belong in input. */
export function operatorKeyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => operatorKeyPaths(item, `${path}${path ? '.' : ''}${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = `${path}${path ? '.' : ''}${key}`;
    const bad = key.startsWith('$') || key.includes('.') || key.includes('\u0000') ? [at] : [];
    return [...bad, ...operatorKeyPaths(child, at)];
  });
}

/**
 * Rejects malformed JSON and operator-like keys before any route sees the body.
 * Hono caches the parsed body, so route validators read it without parsing again.
 */
export const jsonGuard: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (BODY_METHODS.has(c.req.method) && /^application\/(.+\+)?json/i.test(type)) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpProblem(400, { zh: '请求体不是有效的 JSON', en: 'request body is not valid JSON' });
    }
    const bad = operatorKeyPaths(body);
    if (bad.length > 0) {
      const detail = {
        zh: '键不能以 "$" 开头，也不能含 "."',
        en: 'keys starting with "$" or containing "." are not allowed',
      };
      throw new HttpProblem(400, detail, {
        errors: bad.map((path) => ({
          path,
          message: '不允许的键（形似数据库操作符）',
          messageEn: 'operator-like key rejected',
          code: 'forbidden_key',
        })),
      });
    }
  }
  await next();
};
