import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';

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
});
