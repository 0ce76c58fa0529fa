import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { massSpecProfile } from './fixtures.ts';

// A revocation made at leads stops the token in every service that verifies tokens on its
// own: leads.access.revoked.v1 → each service's own consumer group → its revocation list.

const PARK = 'dadukou-ivd';

describe('revoking tokens reaches every service', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start([
      'leads',
      'matching',
      'notifications',
      'insights',
    ]);
    admin = await signIn(system.urls.leads, 'admin', 'admin');
    const res = await postJson(
      `${system.urls.leads}/v1/users`,
      { username: 'dadukou', password: 'demo1234', role: 'analyst', parkId: PARK },
      admin,
    );
    expect(res.status).toBe(201);
  }, 120_000);

  afterAll(() => system?.stop());

  /** One route of each service the analyst may call, and what it answers the token now. */
  const answers = async (token: string) => ({
    leads: (await getJson(`${system.urls.leads}/v1/leads`, token)).status,
    matching: (await getJson(`${system.urls.matching}/v1/parks/${PARK}`, token)).status,
    notifications: (await getJson(`${system.urls.notifications}/v1/inbox`, token)).status,
    insights: (
      await getJson(
        `${system.urls.insights}/v1/metrics/funnel?parkId=${PARK}&from=2026-01-01&to=2026-06-30`,
        token,
      )
    ).status,
  });
  const everywhere = (status: number) => ({
    leads: status,
    matching: status,
    notifications: status,
    insights: status,
  });

  it('a disabled account’s token is refused by leads, matching, notifications and insights', async () => {
    const token = await signIn(system.urls.leads, 'dadukou', 'demo1234');
    expect(await answers(token)).toEqual(everywhere(200));
    const disable = await fetch(`${system.urls.leads}/v1/users/dadukou/disable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(disable.status).toBe(200);
    await expect.poll(() => answers(token), { timeout: 15_000, interval: 200 }).toEqual(everywhere(401));
    // Enabled again: a new sign-in works everywhere, the old token stays refused.
    await fetch(`${system.urls.leads}/v1/users/dadukou/enable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await answers(await signIn(system.urls.leads, 'dadukou', 'demo1234'))).toEqual(everywhere(200));
    expect(await answers(token)).toEqual(everywhere(401));
  }, 60_000);

  it('keeps a revocation across a restart of a service', async () => {
    const token = await signIn(system.urls.leads, 'dadukou', 'demo1234');
    const revoke = await fetch(`${system.urls.leads}/v1/users/dadukou/revoke-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoke.status).toBe(204);
    await expect.poll(() => answers(token), { timeout: 15_000, interval: 200 }).toEqual(everywhere(401));
    await system.kill('matching');
    await system.startService('matching');
    expect((await getJson(`${system.urls.matching}/v1/parks/${PARK}`, token)).status).toBe(401);
  }, 60_000);

  it("re-issuing a firm's link revokes the old one", async () => {
    const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1RK01'));
    expect(submitted.status).toBe(201);
    const { id, accessToken } = (await submitted.json()) as { id: string; accessToken: string };
    expect((await getJson(`${system.urls.leads}/v1/profiles/${id}`, accessToken)).status).toBe(200);
    const link = await fetch(`${system.urls.leads}/v1/leads/${id}/access-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(link.status).toBe(200);
    const fresh = ((await link.json()) as { accessToken: string }).accessToken;
    expect((await getJson(`${system.urls.leads}/v1/profiles/${id}`, accessToken)).status).toBe(401);
    expect((await getJson(`${system.urls.leads}/v1/profiles/${id}`, fresh)).status).toBe(200);
  }, 60_000);
});
