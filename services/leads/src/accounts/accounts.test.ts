import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { hashPassword } from './passwords.ts';
import { FAILURES_PER_ACCOUNT } from './sign-in-throttle.ts';

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
});
