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
      throw new HttpProblem(400, 'request body is not valid JSON');
    }
    const bad = operatorKeyPaths(body);
    if (bad.length > 0) {
      throw new HttpProblem(400, 'keys starting with "$" or containing "." are not allowed', {
        errors: bad.map((path) => ({ path, message: 'operator-like key rejected', code: 'forbidden_key' })),
      });
    }
  }
  await next();
};
