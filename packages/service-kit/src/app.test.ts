import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createServiceApp } from './app.ts';
import { createTokenService, requireAuth } from './auth.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { json, jsonBody, problem } from './openapi.ts';

function testApp(readiness: { name: string; check: () => Promise<void> }[] = []) {
  const tokens = createTokenService('a-test-secret-a-test-secret');
  const app = createServiceApp({
    service: 'test',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    readiness,
    bodyLimitBytes: 1024,
  });
  const stored: unknown[] = [];
  const route = createRoute({
    method: 'post',
    path: '/things',
    request: { body: jsonBody(z.strictObject({ name: z.string().min(1), size: z.number().int() })) },
    responses: { 201: json(z.object({ ok: z.boolean() }), 'stored'), 400: problem('bad') },
  });
  app.openapi(route, (c) => {
    stored.push(c.req.valid('json'));
    return c.json({ ok: true }, 201);
  });
  app.use('/secret', requireAuth(tokens, 'admin'));
  app.get('/secret', (c) => c.json({ who: c.var.principal.sub }));
  return { app, stored, tokens };
}

const post = (body: string, type = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': type },
  body,
});

describe('service app conventions', () => {
  it('stores valid input', async () => {
    const { app, stored } = testApp();
    const res = await app.request('/things', post('{"name":"a","size":1}'));
    expect(res.status).toBe(201);
    expect(stored).toHaveLength(1);
  });

  it.each([
    ['bad JSON', '{"name":', 400],
    ['an unknown field', '{"name":"a","size":1,"extra":true}', 400],
    ['a wrong type', '{"name":"a","size":"one"}', 400],
    ['an operator key', '{"name":{"$ne":null},"size":1}', 400],
    ['a dotted key', '{"name":"a","size":1,"a.b":1}', 400],
    ['an oversized body', JSON.stringify({ name: 'x'.repeat(5000), size: 1 }), 413],
  ])('answers %s with problem+json and stores nothing', async (_, body, status) => {
    const { app, stored } = testApp();
    const res = await app.request('/things', post(body));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problemBody = (await res.json()) as { status: number; title: string; requestId: string };
    expect(problemBody.status).toBe(status);
    expect(problemBody.requestId).toBeTruthy();
    expect(stored).toHaveLength(0);
  });

  it('lists field errors with their paths', async () => {
    const { app } = testApp();
    const res = await app.request('/things', post('{"name":"","size":1.5}'));
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['name', 'size']);
  });

  it('answers unknown routes and wrong media types with problems', async () => {
    const { app } = testApp();
    expect((await app.request('/nowhere')).status).toBe(404);
    expect((await app.request('/things', post('name=a', 'text/plain'))).status).toBe(415);
  });

  it('checks tokens and roles', async () => {
    const { app, tokens } = testApp();
    expect((await app.request('/secret')).status).toBe(401);
    const analyst = await tokens.sign({ sub: 'x', role: 'analyst', parkId: 'p' });
    expect((await app.request('/secret', { headers: { authorization: `Bearer ${analyst}` } })).status).toBe(
      403,
    );
    const admin = await tokens.sign({ sub: 'root', role: 'admin' });
    const res = await app.request('/secret', { headers: { authorization: `Bearer ${admin}` } });
    expect(await res.json()).toEqual({ who: 'root' });
  });

  it('reports readiness from its checks', async () => {
    let up = true;
    const { app } = testApp([
      {
        name: 'store',
        check: async () => {
          if (!up) throw new Error('store down');
        },
      },
    ]);
    expect((await app.request('/readyz')).status).toBe(200);
    up = false;
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain('store down');
  });

  it('serves health, metrics, the OpenAPI document and the docs page', async () => {
    const { app } = testApp();
    expect((await app.request('/healthz')).status).toBe(200);
    await app.request('/things', post('{"name":"a","size":1}'));
    expect(await (await app.request('/metrics')).text()).toMatch(
      /http_request_duration_seconds_count\{.*route="\/things"/,
    );
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/things');
    expect((await app.request('/docs')).status).toBe(200);
  });
});
