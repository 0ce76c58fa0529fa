import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRouter, type Principal, problemResponse, type TokenService } from '@parkmatch/service-kit';
import type { Queue } from 'bullmq';
import type { Context, Next } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';

// The queue dashboard (bull-board) for admins. Its page calls its own API from the browser,
// which sends no bearer token: an admin signs in once by pasting a token into a small form,
// and the token then travels in an HttpOnly, SameSite=Strict cookie scoped to the dashboard's
// path. API clients (and tests) may send the bearer header instead. Anyone else gets 401/403.

export const BOARD_PATH = '/admin/queues';
const COOKIE = 'pm_board';

const loginPage = (error?: string) => html`<!doctype html>
  <html lang="zh-CN">
    <meta charset="utf-8" />
    <title>队列看板登录 · parkmatch notifications</title>
    <body style="font-family: sans-serif; max-width: 36rem; margin: 4rem auto">
      <h1>队列看板 Queue dashboard</h1>
      <p>仅限管理员。粘贴管理员令牌（<code>POST /v1/auth/token</code> 取得）。<br />Admins only: paste an admin token.</p>
      ${error ? html`<p style="color: #b00">${error}</p>` : ''}
      <form method="post" action="${BOARD_PATH}/login">
        <textarea name="token" rows="5" style="width: 100%" required></textarea>
        <p><button type="submit">登录 Sign in</button></p>
      </form>
    </body>
  </html>`;

export function boardRoutes({ tokens, queues }: { tokens: TokenService; queues: readonly Queue[] }) {
  const adapter = new HonoAdapter(serveStatic).setBasePath(BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const app = createRouter();

  async function principalOf(c: Context): Promise<Principal | null> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const token = bearer ?? getCookie(c, COOKIE);
    if (!token) return null;
    return tokens.verify(token).catch(() => null);
  }

  app.get(`${BOARD_PATH}/login`, (c) => c.html(loginPage()));
  app.post(`${BOARD_PATH}/login`, async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const principal = token ? await tokens.verify(token).catch(() => null) : null;
    if (principal?.role !== 'admin')
      return c.html(loginPage('令牌无效或不是管理员 · not an admin token'), 403);
    setCookie(c, COOKIE, token, {
      path: BOARD_PATH,
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 12 * 3600,
    });
    return c.redirect(BOARD_PATH, 303);
  });

  const gate = async (c: Context, next: Next) => {
    if (c.req.path === `${BOARD_PATH}/login`) return next();
    const principal = await principalOf(c);
    if (principal?.role === 'admin') return next();
    if ((c.req.header('accept') ?? '').includes('text/html')) return c.redirect(`${BOARD_PATH}/login`, 303);
    return principal
      ? problemResponse(c, 403, { zh: '队列看板仅限管理员', en: 'the queue dashboard is for admins only' })
      : problemResponse(c, 401, { zh: '请先登录队列看板', en: 'sign in to the queue dashboard first' });
  };
  app.use(BOARD_PATH, gate);
  app.use(`${BOARD_PATH}/*`, gate);
  app.route(BOARD_PATH, adapter.registerPlugin());
  return app;
}
