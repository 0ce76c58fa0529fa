import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ADMIN, ANALYST, type Harness, openHarness } from '../test/harness.ts';
import { BOARD_PATH } from './app.ts';

// What the service answers beside its features: /metrics and the queue dashboard, admins only.

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(() => h.close());

describe('notifications app', () => {
  it('keeps /metrics for admins', async () => {
    expect((await h.app.request('/metrics')).status).toBe(401);
    const res = await h.app.request('/metrics', {
      headers: { authorization: `Bearer ${await h.token(ADMIN)}` },
    });
    expect(res.status).toBe(200);
  });

  it('shows the queue dashboard to admins only: bearer token, or a sign-in that sets a path-scoped cookie', async () => {
    expect((await h.app.request(`${BOARD_PATH}/api/queues`)).status).toBe(401);
    const analyst = await h.app.request(`${BOARD_PATH}/api/queues`, {
      headers: { authorization: `Bearer ${await h.token(ANALYST)}` },
    });
    expect(analyst.status).toBe(403);
    const page = await h.app.request(BOARD_PATH, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`${BOARD_PATH}/login`);

    const refused = await h.app.request(`${BOARD_PATH}/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: await h.token(ANALYST) }),
    });
    expect(refused.status).toBe(403);
    const signedIn = await h.app.request(`${BOARD_PATH}/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: await h.token(ADMIN) }),
    });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain(`Path=${BOARD_PATH}`);

    const queues = await h.app.request(`${BOARD_PATH}/api/queues`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain('notifications-deliver');
    const ui = await h.app.request(BOARD_PATH, { headers: { cookie: cookie.split(';')[0]! } });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('<div id="root">');
  });
});
