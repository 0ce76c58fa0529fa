import { isValidCreditCode } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { creditCode, openPortal } from '../../test/portal.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';

describe('every answer of the portal', () => {
  it('carries the Content-Security-Policy and nosniff, pages and assets alike', async () => {
    const { app } = openPortal();
    for (const path of ['/', '/firm/new', '/signin', '/no-such-page', '/assets/portal.css', '/healthz']) {
      const res = await app.request(`http://portal.test${path}`);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('uses no asset from another site and no inline script or style', async () => {
    const { app } = openPortal();
    const html = await (await app.request('http://portal.test/firm/new')).text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|<style|style="/);
  });

  it('is Chinese first, English on asking, and remembers the choice', async () => {
    const { visitor } = openPortal();
    const person = visitor();
    expect(await (await person.get('/')).text()).toContain('<html lang="zh-CN">');
    expect(await (await person.get('/?lang=en')).text()).toContain('<html lang="en">');
    expect(await (await person.get('/firm/new')).text()).toContain('Submit your project');
  });

  it('is ready when the services it reads answer, and says which does not', async () => {
    const { app, fakes } = openPortal();
    expect((await app.request('http://portal.test/readyz')).status).toBe(200);
    fakes.down = true;
    const res = await app.request('http://portal.test/readyz');
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain('leads');
    expect((await app.request('http://portal.test/healthz')).status).toBe(200);
  });

  it('serves its metrics to the machine itself only, never to a browser', async () => {
    const { app } = openPortal();
    const local = {
      incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 5000, remoteFamily: 'IPv4' } },
    };
    const remote = {
      incoming: { socket: { remoteAddress: '203.0.113.9', remotePort: 5000, remoteFamily: 'IPv4' } },
    };
    expect((await app.request('http://portal.test/metrics', {}, local)).status).toBe(200);
    expect((await app.request('http://portal.test/metrics', {}, remote)).status).toBe(403);
    expect((await app.request('http://portal.test/metrics')).status).toBe(403);
  });

  it('answers an unknown page with a page, 404', async () => {
    const { app } = openPortal();
    const res = await app.request('http://portal.test/nowhere');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('页面不存在');
  });
});

describe('the browser’s credit-code check (assets/credit-code.js)', () => {
  it('agrees with the contracts’ isValidCreditCode', async () => {
    const browser = await import('./assets/credit-code.js');
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const codes = ['91350100M000100Y43', 'not a code', '', '91350100M000100Y4I'];
    for (let i = 0; i < 500; i++) {
      const body = Array.from(
        { length: 17 },
        (_, j) => alphabet[(i * 7 + j * 13 + i * j) % alphabet.length],
      ).join('');
      codes.push(creditCode(body), `${body}0`, `${body}Z`);
    }
    for (const code of codes) expect(browser.isValidCreditCode(code), code).toBe(isValidCreditCode(code));
  });
});
