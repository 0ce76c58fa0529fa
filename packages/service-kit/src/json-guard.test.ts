import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonGuard, MAX_JSON_DEPTH } from './json-guard.ts';
import { HttpProblem } from './problem.ts';

// What no route may see. Each case failed before: deep nesting was a 500 (stack overflow),
// prototype keys, NUL, lone surrogates and invalid UTF-8 passed through.

function app() {
  const hono = new Hono();
  hono.onError((error, c) =>
    error instanceof HttpProblem
      ? c.json({ status: error.status, errors: error.errors ?? [] }, error.status)
      : c.json({ status: 500 }, 500),
  );
  hono.use(jsonGuard);
  hono.post('/echo', async (c) => c.json(await c.req.json()));
  hono.get('/search', (c) => c.json(c.req.queries()));
  return hono;
}

const post = (body: string | Uint8Array) =>
  app().request('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const codes = async (res: Response) =>
  ((await res.json()) as { errors: { path: string; code: string }[] }).errors.map((e) => [e.path, e.code]);

describe('jsonGuard', () => {
  it('lets ordinary JSON through, Chinese included, and the route reads the same body', async () => {
    const body = { firm: { name: '集庆生物', tags: ['免疫', 'POCT'] }, note: '第一行\n第二行\t制表' };
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(body);
  });

  it('refuses nesting deeper than the limit with a 400, however deep', async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 2_000, 100_000]) {
      const res = await post(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      expect(res.status, `depth ${depth}`).toBe(400);
    }
    expect((await post(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).status).toBe(200);
  });

  it('refuses operator, dotted and prototype keys, naming where', async () => {
    const res = await post('{"a":{"$gt":1},"b.c":1,"firmCounts":{"__proto__":{"x":1}},"constructor":1}');
    expect(res.status).toBe(400);
    expect(await codes(res)).toEqual(
      expect.arrayContaining([
        ['a.$gt', 'forbidden_key'],
        ['b.c', 'forbidden_key'],
        ['firmCounts.__proto__', 'forbidden_key'],
        ['constructor', 'forbidden_key'],
      ]),
    );
  });

  it('refuses NUL and other control characters and lone surrogates in strings and keys', async () => {
    expect(await codes(await post('{"description":"\\u0000"}'))).toEqual([
      ['description', 'control_character'],
    ]);
    expect(await codes(await post('{"name":"a\\u0007b"}'))).toEqual([['name', 'control_character']]);
    expect(await codes(await post('{"k\\u0000":1}'))).toEqual([['k\u0000', 'control_character']]);
    expect(await codes(await post('{"list":["ok","\\ud800"]}'))).toEqual([['list.1', 'lone_surrogate']]);
    expect((await post('{"emoji":"\\ud83d\\ude00"}')).status).toBe(200);
  });

  it('refuses a body that is not UTF-8 instead of turning bytes into U+FFFD', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const res = await post(bytes);
    expect(res.status).toBe(400);
  });

  it('refuses a string of invisible characters only (it reads as empty), not one that has them inside', async () => {
    expect(await codes(await post('{"title":"\\u200b\\u200d\\ufeff"}'))).toEqual([
      ['title', 'invisible_only'],
    ]);
    expect(await codes(await post('{"list":[" \\u2060 "]}'))).toEqual([['list.0', 'invisible_only']]);
    expect((await post('{"name":"集庆\\u200d生物","empty":"","spaces":"  "}')).status).toBe(200);
  });

  it('refuses text that shows nothing of other kinds: bidi marks, lone combining marks, fillers, variation selectors', async () => {
    for (const invisible of ['\\u2800', '\\u3164', '\\u0301\\u0301', '\\ufe0f', '\\u061c', '\\u00ad\\u180e'])
      expect(await codes(await post(`{"name":"${invisible}"}`)), invisible).toEqual([
        ['name', 'invisible_only'],
      ]);
    // Inside visible text they are fine: an accent on its letter, an emoji's variation selector.
    expect((await post('{"name":"Cafe\\u0301 \\u2764\\ufe0f"}')).status).toBe(200);
  });

  it('refuses bidi overrides and isolates, which show text in another order than it is stored', async () => {
    expect(await codes(await post('{"entityName":"\\u202e司公限有"}'))).toEqual([
      ['entityName', 'control_character'],
    ]);
    expect(await codes(await post('{"name":"\\u2066a\\u2069"}'))).toEqual([['name', 'control_character']]);
  });

  it('reads JSON as UTF-8 only: a body declared in another charset is refused with 415', async () => {
    const send = (type: string) =>
      app().request('/echo', { method: 'POST', headers: { 'content-type': type }, body: '{"a":"b"}' });
    for (const type of ['application/json; charset=gbk', 'application/json;charset="ISO-8859-1"'])
      expect((await send(type)).status, type).toBe(415);
    for (const type of [
      'application/json; charset=utf-8',
      'application/json; charset="UTF8"',
      'application/json',
    ])
      expect((await send(type)).status, type).toBe(200);
  });

  it('refuses control characters, bad UTF-8 and operator keys in the query string, naming the parameter', async () => {
    const get = (query: string) => app().request(`/search?${query}`);
    expect(await codes(await get('q=a%00b'))).toEqual([['q', 'control_character']]);
    expect(await codes(await get('limit=1&q=%07'))).toEqual([['q', 'control_character']]);
    expect(await codes(await get('q=ok&q=%C3%28'))).toEqual([['q', 'bad_encoding']]);
    expect(await codes(await get('q=%ED%A0%80'))).toEqual([['q', 'bad_encoding']]);
    expect(await codes(await get('q=%E2%80%8B'))).toEqual([['q', 'invisible_only']]);
    expect(await codes(await get('%24where=1&__proto__=x'))).toEqual([
      ['$where', 'forbidden_key'],
      ['__proto__', 'forbidden_key'],
    ]);
    const ok = await get(`q=${encodeURIComponent('质谱 LC-MS/MS')}&tier=A&empty=`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ q: ['质谱 LC-MS/MS'], tier: ['A'], empty: [''] });
  });
});
