import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { hashPassword } from './passwords.ts';
import { FAILURES_PER_ACCOUNT, FAILURES_PER_ADDRESS } from './sign-in-throttle.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

describe('accounts', () => {
  it('issues team tokens for right passwords only, and only admins create accounts', async () => {
    expect((await t.send('POST', '/v1/auth/token', { username: 'admin', password: 'wrong' })).status).toBe(
      401,
    );
    expect((await t.send('POST', '/v1/auth/token', { username: 'nobody', password: 'x' })).status).toBe(401);
    const { token } = (await (
      await t.send('POST', '/v1/auth/token', { username: 'admin', password: 'admin' })
    ).json()) as {
      token: string;
    };
    const user = { username: 'dadukou', password: 'long-enough', role: 'analyst', parkId: 'dadukou-ivd' };
    expect((await t.send('POST', '/v1/users', user, token)).status).toBe(201);
    expect((await t.send('POST', '/v1/users', user, token)).status).toBe(409);
    expect(
      (await t.send('POST', '/v1/users', { ...user, username: 'x2', parkId: undefined }, token)).status,
    ).toBe(400);
    // An account belongs to one of the system's parks, never to one that does not exist.
    const noPark = await t.send('POST', '/v1/users', { ...user, username: 'x4', parkId: 'atlantis' }, token);
    expect(noPark.status).toBe(400);
    expect(JSON.stringify(await noPark.json())).toContain('parkId');
    const analyst = (await (
      await t.send('POST', '/v1/auth/token', { username: 'dadukou', password: 'long-enough' })
    ).json()) as {
      token: string;
    };
    expect((await t.send('POST', '/v1/users', { ...user, username: 'x3' }, analyst.token)).status).toBe(403);
    expect((await t.users.get('dadukou'))?.passwordHash).not.toContain('long-enough');
  });

  it('throttles sign-in after repeated failures for an account, with 429 and Retry-After', async () => {
    const attempt = (password: string, username = 'admin') =>
      t.send('POST', '/v1/auth/token', { username, password });
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) expect((await attempt('wrong')).status).toBe(401);
    const refused = await attempt('admin'); // even the right password, for now
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(await refused.json())).toMatch(/登录失败次数过多|too many failed/);
    // Another account is not held up by this one's failures.
    await t.users.insert({
      _id: 'fuling',
      role: 'analyst',
      parkId: 'fuling',
      passwordHash: await hashPassword('long-enough'),
      createdAt: '',
    });
    expect((await attempt('long-enough', 'fuling')).status).toBe(200);
  });

  it('throttles sign-in per address too: failures across accounts hold up every account from there', async () => {
    // app.request has no socket: every attempt here comes from one address ('unknown').
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) {
      const username = `guess${i % 5}`; // never five failures on one account
      expect((await t.send('POST', '/v1/auth/token', { username, password: 'x' })).status).toBe(401);
    }
    const refused = await t.send('POST', '/v1/auth/token', { username: 'admin', password: 'admin' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts a visitor behind a trusted proxy (the portal) by its forwarded address', async () => {
    // app.request's peer is 'unknown': here that is the portal, trusted to name the visitor.
    const behind = await openLeads({ trustedProxies: ['unknown'] });
    try {
      const from = (address: string, password: string) =>
        behind.app.request('/v1/auth/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.9, ${address}` },
          body: JSON.stringify({ username: `u${Math.random()}`, password }),
        });
      for (let i = 0; i < FAILURES_PER_ADDRESS; i++)
        expect((await from('198.51.100.7', 'x')).status).toBe(401);
      expect((await from('198.51.100.7', 'x')).status).toBe(429);
      // Another visitor through the same portal is not held up.
      expect((await from('198.51.100.8', 'x')).status).toBe(401);
    } finally {
      await behind.close();
    }
  });
});

/** The leads app with a few accounts: an admin, Dadukou's analyst and manager, Fuling's analyst. */
async function withAccounts() {
  const admin = await signIn('admin', 'admin');
  for (const user of [
    { username: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
    { username: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
    { username: 'city-manager', role: 'manager' },
    { username: 'fuling', role: 'analyst', parkId: 'fuling' },
  ]) {
    expect((await t.send('POST', '/v1/users', { ...user, password: 'demo1234' }, admin)).status).toBe(201);
  }
  return admin;
}

async function signIn(username: string, password: string): Promise<string> {
  const res = await t.send('POST', '/v1/auth/token', { username, password });
  expect(res.status, `${username} signs in`).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** A POST without a body (and so without a content type), as a browser's or curl's. */
const post = (url: string, token?: string) =>
  t.app.request(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

/** What a token may do at leads: 200 when it works, 401 when revoked (a route any team member may call). */
const use = async (token: string) => (await t.send('GET', '/v1/leads', undefined, token)).status;

describe('managing accounts', () => {
  it('lists accounts: admins and city managers all, a park manager its park’s, an analyst its park’s roster', async () => {
    const admin = await withAccounts();
    const names = async (token: string, query = '') => {
      const res = await t.send('GET', `/v1/users${query}`, undefined, token);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { username: string; disabled: boolean }[] };
      expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt|tokenEpoch/);
      return body.items.map((u) => u.username);
    };
    expect(await names(admin)).toEqual(['admin', 'city-manager', 'dadukou', 'dadukou-manager', 'fuling']);
    expect(await names(admin, '?parkId=fuling')).toEqual(['fuling']);
    expect(await names(await signIn('city-manager', 'demo1234'))).toHaveLength(5);
    const parkManager = await signIn('dadukou-manager', 'demo1234');
    expect(await names(parkManager)).toEqual(['dadukou', 'dadukou-manager']);
    expect((await t.send('GET', '/v1/users?parkId=fuling', undefined, parkManager)).status).toBe(403);
    const analyst = await signIn('dadukou', 'demo1234');
    expect(await names(analyst)).toEqual(['dadukou', 'dadukou-manager']);
    expect(await names(analyst, '?parkId=dadukou-ivd')).toEqual(['dadukou', 'dadukou-manager']);
    expect((await t.send('GET', '/v1/users?parkId=fuling', undefined, analyst)).status).toBe(403);
    expect((await t.send('GET', '/v1/users?parkId=atlantis', undefined, admin)).status).toBe(400);
    expect((await t.send('GET', '/v1/users')).status).toBe(401);
    // Creating stays with admins (a manager reaches the route and is refused).
    const create = { username: 'x-new', password: 'long-enough', role: 'analyst', parkId: 'dadukou-ivd' };
    expect((await t.send('POST', '/v1/users', create, parkManager)).status).toBe(403);
  });

  it('shows an analyst its park’s roster: active analysts and managers, only what a colleague needs', async () => {
    const admin = await withAccounts();
    for (const user of [
      { username: 'dadukou-2', role: 'analyst', parkId: 'dadukou-ivd' },
      { username: 'dadukou-gone', role: 'analyst', parkId: 'dadukou-ivd' },
      { username: 'cqrcb-officer', role: 'bank-officer' },
    ])
      expect((await t.send('POST', '/v1/users', { ...user, password: 'demo1234' }, admin)).status).toBe(201);
    expect((await post('/v1/users/dadukou-gone/disable', admin)).status).toBe(200);

    const res = await t.send('GET', '/v1/users', undefined, await signIn('dadukou', 'demo1234'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [
        { username: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd', disabled: false },
        { username: 'dadukou-2', role: 'analyst', parkId: 'dadukou-ivd', disabled: false },
        { username: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd', disabled: false },
      ],
    });
    // The park's manager still sees every account of its park, disabled ones and dates included.
    const managed = await t.send('GET', '/v1/users', undefined, await signIn('dadukou-manager', 'demo1234'));
    const items = ((await managed.json()) as { items: { username: string; disabled: boolean }[] }).items;
    expect(items.find((u) => u.username === 'dadukou-gone')).toMatchObject({ disabled: true });
    expect(items[0]).toHaveProperty('createdAt');
    // Another park's analyst sees its own park only; staff of no park list nothing.
    const other = await t.send(
      'GET',
      '/v1/users?parkId=dadukou-ivd',
      undefined,
      await signIn('fuling', 'demo1234'),
    );
    expect(other.status).toBe(403);
    expect(JSON.stringify(await other.json())).toMatch(/只能查看本园区的账号|its own park/);
    expect(
      (await t.send('GET', '/v1/users', undefined, await signIn('cqrcb-officer', 'demo1234'))).status,
    ).toBe(403);
    const firm = await t.token({ sub: 'firm:x', role: 'firm', leadId: 'x' });
    expect((await t.send('GET', '/v1/users', undefined, firm)).status).toBe(403);
  });

  it('disables an account: its tokens stop working and it cannot sign in until enabled', async () => {
    const admin = await withAccounts();
    const session = await signIn('dadukou', 'demo1234');
    expect(await use(session)).toBe(200);

    const res = await post('/v1/users/dadukou/disable', admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'dadukou', disabled: true });
    const stale = await t.send('GET', '/v1/leads', undefined, session);
    expect(stale.status).toBe(401);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await stale.json())).toMatch(/令牌已被撤销.*token revoked|token revoked/);
    const refused = await t.send('POST', '/v1/auth/token', { username: 'dadukou', password: 'demo1234' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('disabled');
    // A wrong password still says only that.
    expect((await t.send('POST', '/v1/auth/token', { username: 'dadukou', password: 'nope' })).status).toBe(
      401,
    );

    // Every service hears of it: the revocation is in the account's own write, for the relay.
    const outbox = await t.store.outbox('users').waiting('dadukou');
    expect(outbox.map((e) => e.topic)).toEqual(['leads.access.revoked.v1']);
    expect(JSON.parse(outbox[0]?.value ?? '{}')).toMatchObject({
      key: 'dadukou',
      payload: { subject: 'dadukou', epoch: 1, reason: 'disabled', by: 'admin' },
    });

    expect((await post('/v1/users/dadukou/enable', admin)).status).toBe(200);
    expect(await use(session), 'a revoked token stays revoked').toBe(401);
    expect(await use(await signIn('dadukou', 'demo1234'))).toBe(200);

    expect((await post('/v1/users/admin/disable', admin)).status).toBe(409);
    expect((await post('/v1/users/nobody/disable', admin)).status).toBe(404);
    const manager = await signIn('city-manager', 'demo1234');
    expect((await post('/v1/users/fuling/disable', manager)).status).toBe(403);
    expect((await post('/v1/users/fuling/enable', manager)).status).toBe(403);
  });

  it('changes one’s own password with the current one; other sessions end, a new token is given', async () => {
    await withAccounts();
    const phone = await signIn('dadukou', 'demo1234');
    const laptop = await signIn('dadukou', 'demo1234');
    const change = (body: object, token = laptop) => t.send('PUT', '/v1/auth/password', body, token);

    const wrong = await change({ currentPassword: 'not-it', newPassword: 'new-password-1' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).toContain('currentPassword');
    expect((await change({ currentPassword: 'demo1234', newPassword: 'short' })).status).toBe(400);
    expect((await change({ currentPassword: 'demo1234', newPassword: 'demo1234' })).status).toBe(400);
    expect((await change({ currentPassword: 'demo1234', newPassword: 'x'.repeat(9), extra: 1 })).status).toBe(
      400,
    );

    const res = await change({ currentPassword: 'demo1234', newPassword: 'new-password-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token } = (await res.json()) as { token: string };
    expect(await use(token)).toBe(200);
    expect(await use(phone)).toBe(401);
    expect(await use(laptop)).toBe(401);
    expect(
      (await t.send('POST', '/v1/auth/token', { username: 'dadukou', password: 'demo1234' })).status,
    ).toBe(401);
    expect(await use(await signIn('dadukou', 'new-password-1'))).toBe(200);
    const stored = await t.users.get('dadukou');
    expect(stored?.passwordHash).not.toContain('new-password-1');

    // Firm tokens have no password.
    const firm = await t.token({ sub: 'firm:x', role: 'firm', leadId: 'x' });
    expect((await change({ currentPassword: 'a', newPassword: 'b'.repeat(8) }, firm)).status).toBe(403);
  });

  it('throttles guessing the current password like sign-ins', async () => {
    await withAccounts();
    const session = await signIn('fuling', 'demo1234');
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      const res = await t.send(
        'PUT',
        '/v1/auth/password',
        { currentPassword: `g${i}`, newPassword: 'n'.repeat(9) },
        session,
      );
      expect(res.status).toBe(401);
    }
    const held = await t.send(
      'PUT',
      '/v1/auth/password',
      { currentPassword: 'demo1234', newPassword: 'n'.repeat(9) },
      session,
    );
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets an admin reset a password (revoking the account’s tokens), and revoke sessions', async () => {
    const admin = await withAccounts();
    const session = await signIn('fuling', 'demo1234');
    const reset = (username: string, token: string, body: object = { newPassword: 'reset-password-1' }) =>
      t.send('PUT', `/v1/users/${username}/password`, body, token);
    expect((await reset('fuling', session)).status).toBe(403);
    expect((await reset('nobody', admin)).status).toBe(404);
    expect((await reset('fuling', admin, { newPassword: 'short' })).status).toBe(400);
    expect((await reset('fuling', admin)).status).toBe(204);
    expect(await use(session)).toBe(401);
    expect(await use(await signIn('fuling', 'reset-password-1'))).toBe(200);

    // Sign out everywhere: one's own sessions, or (admins) anyone's.
    const a = await signIn('dadukou', 'demo1234');
    const b = await signIn('dadukou', 'demo1234');
    const other = await signIn('fuling', 'reset-password-1');
    expect((await post('/v1/users/fuling/revoke-sessions', a)).status).toBe(403);
    expect((await post('/v1/users/dadukou/revoke-sessions', a)).status).toBe(204);
    expect(await use(a)).toBe(401);
    expect(await use(b)).toBe(401);
    expect(await use(other)).toBe(200);
    expect((await post('/v1/users/fuling/revoke-sessions', admin)).status).toBe(204);
    expect(await use(other)).toBe(401);
    expect(await use(admin), "the admin's own token is untouched").toBe(200);
    expect((await t.users.get('fuling'))?.tokenEpoch).toBe(2);
  });

  it('declares every account route with an operationId and its security', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
    };
    const ops = [
      ['/v1/users', 'get', 'listUsers'],
      ['/v1/users/{username}/disable', 'post', 'disableUser'],
      ['/v1/users/{username}/enable', 'post', 'enableUser'],
      ['/v1/auth/password', 'put', 'changeOwnPassword'],
      ['/v1/users/{username}/password', 'put', 'resetUserPassword'],
      ['/v1/users/{username}/revoke-sessions', 'post', 'revokeUserSessions'],
    ] as const;
    for (const [path, method, operationId] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op?.operationId, `${method} ${path}`).toBe(operationId);
      expect(op?.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
    }
  });
});
