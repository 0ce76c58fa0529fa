import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type SiteEnv, site } from './site.ts';

// What the portal takes of where a visitor came from: the origin, and the address it passes
// on to leads (X-Forwarded-For) when it signs the visitor in.

async function siteOf(trustProxy: boolean, headers: Record<string, string>) {
  const app = new Hono<SiteEnv>();
  app.use(site({ trustProxy }));
  app.get('/', (c) => c.json(c.var.site));
  return (await app.request('http://portal.local/', { headers })).json();
}

describe('site', () => {
  const forwarded = {
    'x-forwarded-for': '203.0.113.9, 198.51.100.7',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'zs.example.cn',
  };

  it('behind a trusted proxy, takes the origin and the visitor’s address from its headers', async () => {
    expect(await siteOf(true, forwarded)).toEqual({
      origin: 'https://zs.example.cn',
      origins: ['https://zs.example.cn'],
      https: true,
      visitor: '198.51.100.7', // the entry the proxy added; earlier ones are the visitor's word
    });
  });

  it('otherwise ignores them: a visitor cannot choose the address its failed sign-ins count against', async () => {
    const seen = (await siteOf(false, forwarded)) as { origin: string; visitor: string };
    expect(seen.origin).toBe('http://portal.local');
    expect(seen.visitor).toBe(''); // no socket under app.request; a real request has the peer's address
  });
});
