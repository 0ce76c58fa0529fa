import { createRoute, z } from '@hono/zod-openapi';
import { Contact } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { createServiceApp } from './app.ts';
import { createTokenService, requireAuth } from './auth.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { json, jsonBody, problem } from './openapi.ts';
import { type FieldError, HttpProblem } from './problem.ts';

const HAN = /\p{Script=Han}/u;

function testApp(readiness: { name: string; check: () => Promise<void> }[] = []) {
  const tokens = createTokenService('a-test-secret-a-test-secret');
  const app = createServiceApp({
    service: 'test',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    readiness,
    bodyLimitBytes: 1024,
    tokens,
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
  const contacts = createRoute({
    method: 'post',
    path: '/contacts',
    request: { body: jsonBody(Contact) },
    responses: { 204: { description: 'valid' }, 400: problem('bad') },
  });
  app.openapi(contacts, (c) => c.body(null, 204));
  const search = createRoute({
    method: 'get',
    path: '/search',
    request: {
      query: z.object({ tier: z.enum(['A', 'B']).optional(), limit: z.coerce.number().optional() }),
    },
    responses: { 200: json(z.object({ ok: z.boolean() }), 'found'), 400: problem('bad') },
  });
  app.openapi(search, (c) => c.json({ ok: true }, 200));
  app.get('/things/:id', (c) => c.json({ id: c.req.param('id') }));
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

  it('says a query parameter given twice was given twice, not that its value is wrong', async () => {
    const { app } = testApp();
    const res = await app.request('/search?tier=A&tier=B&limit=2&limit=3');
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: FieldError[] };
    expect(errors.map((e) => [e.path, e.code, e.message])).toEqual([
      ['tier', 'repeated', '参数 tier 只能给一次'],
      ['limit', 'repeated', '参数 limit 只能给一次'],
    ]);
    expect((await app.request('/search?tier=C')).status).toBe(400);
    expect((await app.request('/search?tier=A&limit=2')).status).toBe(200);
  });

  it('words every field error in Chinese and in English', async () => {
    const { app } = testApp();
    const res = await app.request('/things', post('{"name":"","extra":1}'));
    const body = (await res.json()) as { errors: FieldError[] };
    expect(body.errors).toEqual([
      {
        path: 'name',
        code: 'too_small',
        message: '不能为空',
        messageEn: 'Too small: expected string to have >=1 characters',
      },
      { path: 'size', code: 'invalid_type', message: '必填', messageEn: 'required' },
      {
        path: '(body)',
        code: 'unrecognized_keys',
        message: '不允许的字段："extra"',
        messageEn: 'Unrecognized key: "extra"',
      },
    ]);
    const guarded = (await (await app.request('/things', post('{"$where":1}'))).json()) as {
      errors: FieldError[];
    };
    expect(guarded.errors[0]).toMatchObject({ path: '$where', message: expect.stringMatching(HAN) });
    expect(guarded.errors[0]?.messageEn).toMatch(/^key rejected/);
  });

  it('splits a schema\'s own "中文 / English" message into the two languages', async () => {
    const { app } = testApp();
    const res = await app.request('/contacts', post('{"name":"王经理"}'));
    expect(((await res.json()) as { errors: FieldError[] }).errors).toEqual([
      {
        path: 'phone',
        code: 'custom',
        message: '请至少留一种联系方式：电话或邮箱',
        messageEn: 'give a phone number or an email address',
      },
    ]);
  });

  it('gives title and detail in the language the request accepts, English by default', async () => {
    const { app } = testApp();
    const ask = async (acceptLanguage?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (acceptLanguage) headers['accept-language'] = acceptLanguage;
      const res = await app.request('/things', { method: 'POST', headers, body: '{"name":""}' });
      return (await res.json()) as { title: string; detail: string };
    };
    expect(await ask()).toMatchObject({ title: 'Bad Request', detail: expect.not.stringMatching(HAN) });
    expect(await ask('zh-CN,zh;q=0.9,en;q=0.8')).toMatchObject({
      title: '请求有误',
      detail: expect.stringMatching(HAN),
    });
    expect(await ask('en-US,en;q=0.9,zh;q=0.8')).toMatchObject({ title: 'Bad Request' });
    expect(await ask('fr-FR, zh-TW;q=0.5')).toMatchObject({ title: '请求有误' });
  });

  it('answers unknown routes and wrong media types with problems', async () => {
    const { app } = testApp();
    expect((await app.request('/nowhere')).status).toBe(404);
    expect((await app.request('/nowhere', { method: 'DELETE' })).status).toBe(404);
    expect((await app.request('/things', post('name=a', 'text/plain'))).status).toBe(415);
  });

  it.each([
    ['GET', '/things', 'POST'],
    ['PUT', '/things/42', 'GET, HEAD'],
    ['DELETE', '/healthz', 'GET, HEAD'],
  ])('answers %s %s with 405, Allow: %s and a problem', async (method, path, allow) => {
    const { app } = testApp();
    const res = await app.request(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: path });
  });

  it('refuses a path parameter that names a prototype, whatever its schema allows, naming it', async () => {
    const { app } = testApp();
    const byId = createRoute({
      method: 'get',
      path: '/orgs/{orgId}',
      request: { params: z.object({ orgId: z.string().regex(/^[a-z0-9_][a-z0-9_-]{1,63}$/) }) },
      responses: { 200: json(z.object({ orgId: z.string() }), 'found'), 400: problem('bad') },
    });
    app.openapi(byId, (c) => c.json({ orgId: c.req.valid('param').orgId }, 200));
    for (const id of ['constructor', '__proto__', 'prototype']) {
      const res = await app.request(`/orgs/${id}`);
      expect(res.status, id).toBe(400);
      expect((await res.json()) as { errors: FieldError[] }).toMatchObject({
        errors: [{ path: 'orgId', code: 'reserved_name' }],
      });
    }
    expect((await app.request('/orgs/constructors')).status).toBe(200);
    expect((await app.request('/orgs/bank-of-chongqing')).status).toBe(200);
  });

  it('keeps a 404 a handler answers on a known route', async () => {
    const { app } = testApp();
    app.get('/gone', () => {
      throw new HttpProblem(404, 'no such thing');
    });
    expect((await app.request('/gone')).status).toBe(404);
    expect((await app.request('/things/42')).status).toBe(200);
  });

  it('adds a problem’s extension members, never over the standard ones', async () => {
    const { app } = testApp();
    app.get('/moved', () => {
      throw new HttpProblem(409, 'stale', { extensions: { stage: 'signed', status: 200, title: 'x' } });
    });
    expect(await (await app.request('/moved')).json()).toMatchObject({
      status: 409,
      title: 'Conflict',
      detail: 'stale',
      stage: 'signed',
    });
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
    const { app, tokens } = testApp();
    expect((await app.request('/healthz')).status).toBe(200);
    await app.request('/things', post('{"name":"a","size":1}'));
    expect((await app.request('/metrics')).status, 'metrics are for admins only').toBe(401);
    const analyst = await tokens.sign({ sub: 'a', role: 'analyst', parkId: 'fuling' });
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${analyst}` } })).status).toBe(
      403,
    );
    const admin = await tokens.sign({ sub: 'root', role: 'admin' });
    const scrape = await app.request('/metrics', { headers: { authorization: `Bearer ${admin}` } });
    expect(await scrape.text()).toMatch(/http_request_duration_seconds_count\{.*route="\/things"/);
    for (const path of ['/healthz', '/nowhere', '/openapi.json', '/docs']) {
      expect((await app.request(path)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/things');
    expect((await app.request('/docs')).status).toBe(200);
  });

  it('serves the docs page and Swagger UI from the service itself, no outside URL', async () => {
    const { app } = testApp();
    const page = await app.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls.map((u) => u.replace(/\/[\d.]+\//, '/<version>/'))).toEqual([
      '/docs/assets/<version>/swagger-ui.css',
      '/docs/assets/<version>/swagger-ui-bundle.js',
    ]);
    expect(html).toContain('"/openapi.json"');
    for (const [url, type, marker] of [
      [urls[0], 'text/css', '.swagger-ui'],
      [urls[1], 'text/javascript', 'SwaggerUIBundle'],
    ] as const) {
      const res = await app.request(url ?? '');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(await res.text()).toContain(marker);
    }
    expect((await app.request('/docs/assets/0.0.1/swagger-ui.css')).status).toBe(404);
    expect((await app.request('/docs/assets/x/package.json')).status).toBe(404);
  });
});
