import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { massSpecProfile } from './fixtures.ts';

// A transfer across the real processes (leads, matching, notifications over the bus): Dadukou
// claims a mass-spectrometry lead, names its liaison and opens an appeal; a city manager moves
// the lead to a park that rates it D. The receiving park's team then opens the lead's scores on
// matching (its own D rating: it owns the lead), finds the transfer in its inbox without setting
// anything, and the clocks that moved with the lead are its team's, not Dadukou's liaison's,
// until it names its own liaison.

const DADUKOU = 'dadukou-ivd';

interface Clock {
  kind: string;
  leadId: string;
  parkId: string;
  status: string;
  liaison: string | null;
}

describe('a lead transferred to a park that rates it D', () => {
  let system: TestSystem;
  let admin: string;
  let leadId: string;
  let receiving: string;
  const leads = () => system.urls.leads;
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await signIn(leads(), username, 'demo1234'));
    return tokens.get(username)!;
  };
  const revision = async () =>
    (await getJson<{ pipelineRevision: number }>(`${leads()}/v1/leads/${leadId}`, admin)).body
      .pipelineRevision;
  const post = async (path: string, body: unknown, username: string) => {
    const res = await postJson(
      `${leads()}${path}`,
      body,
      username === 'admin' ? admin : await token(username),
    );
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res;
  };
  const put = async (path: string, body: unknown, username: string) => {
    const res = await fetch(`${leads()}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username)}` },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  };
  const clocksAt = async (parkId: string, username: string) =>
    (
      await getJson<{ items: Clock[] }>(
        `${system.urls.notifications}/v1/sla-clocks?parkId=${parkId}&status=running`,
        await token(username),
      )
    ).body.items
      .filter((c) => c.leadId === leadId)
      .map((c) => [c.kind, c.liaison])
      .sort();
  const inboxTitles = async (username: string) =>
    (
      await getJson<{ items: { leadId: string; title: { zh: string } }[] }>(
        `${system.urls.notifications}/v1/inbox`,
        await token(username),
      )
    ).body.items
      .filter((i) => i.leadId === leadId)
      .map((i) => i.title.zh);

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start(['leads', 'matching', 'notifications']);
    admin = await signIn(leads(), 'admin', 'admin');
    const res = await postJson(`${leads()}/v1/profiles`, massSpecProfile('MA1TRF1'));
    expect(res.status).toBe(201);
    leadId = ((await res.json()) as { id: string }).id;
    let parks: Record<string, { tier: string }> = {};
    await vi.waitFor(
      async () => {
        parks = (
          await getJson<{ parks: Record<string, { tier: string }> }>(
            `${leads()}/v1/profiles/${leadId}`,
            admin,
          )
        ).body.parks;
        expect(Object.keys(parks ?? {})).toHaveLength(6);
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(parks[DADUKOU]?.tier).not.toBe('D');
    const rejecting = Object.entries(parks).find(([, rating]) => rating.tier === 'D');
    if (!rejecting) throw new Error(`no park rates the mass-spectrometry lead D: ${JSON.stringify(parks)}`);
    receiving = rejecting[0];
    for (const [username, role, parkId] of [
      ['dadukou', 'analyst', DADUKOU],
      ['dadukou-liaison', 'analyst', DADUKOU],
      ['receiver', 'analyst', receiving],
      ['receiver-liaison', 'analyst', receiving],
      ['city-manager', 'manager', undefined],
    ] as const) {
      const user = await postJson(
        `${leads()}/v1/users`,
        { username, password: 'demo1234', role, ...(parkId ? { parkId } : {}) },
        admin,
      );
      expect(user.status).toBe(201);
    }
    await post(`/v1/leads/${leadId}/claim`, {}, 'dadukou');
    await put(
      `/v1/leads/${leadId}/liaison`,
      { username: 'dadukou-liaison', pipelineRevision: await revision() },
      'dadukou',
    );
    await post(
      `/v1/leads/${leadId}/appeals`,
      {
        category: 'registration',
        title: '二类器械注册变更',
        description: '产地变更需加快注册',
        department: '区市场监管局',
        dueOn: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
      },
      'dadukou',
    );
    await vi.waitFor(
      async () =>
        expect(await clocksAt(DADUKOU, 'dadukou')).toEqual([
          ['appeal', 'dadukou-liaison'],
          ['first-contact', 'dadukou-liaison'],
        ]),
      { timeout: 20_000, interval: 200 },
    );
    await post(
      `/v1/leads/${leadId}/transfer`,
      { toParkId: receiving, reason: '城市统筹：转至该园区承接', pipelineRevision: await revision() },
      'city-manager',
    );
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('shows the receiving park its own D score on matching, as leads shows it the lead', async () => {
    const lead = await getJson<{ owner?: { parkId: string } }>(
      `${leads()}/v1/leads/${leadId}`,
      await token('receiver'),
    );
    expect(lead.status).toBe(200);
    await expect
      .poll(
        async () => {
          const { status, body } = await getJson<{ items?: { parkId: string; tier: string }[] }>(
            `${system.urls.matching}/v1/leads/${leadId}/matches`,
            await token('receiver'),
          );
          return [status, body.items?.map((i) => [i.parkId, i.tier])];
        },
        { timeout: 20_000 },
      )
      .toEqual([200, [[receiving, 'D']]]);
  });

  it('puts the transfer in the receiving team’s inbox by default, not Dadukou’s claim in Dadukou’s', async () => {
    await expect
      .poll(() => inboxTitles('receiver'), { timeout: 20_000 })
      .toEqual([expect.stringMatching(/^线索划转至本园区：/)]);
    expect(await inboxTitles('dadukou')).not.toContainEqual(expect.stringMatching(/^线索已认领/));
  });

  it('moves the clocks to the receiving team without Dadukou’s liaison, until it names its own', async () => {
    await expect
      .poll(() => clocksAt(receiving, 'receiver'), { timeout: 20_000 })
      .toEqual([
        ['appeal', null],
        ['first-contact', null],
      ]);
    expect(await clocksAt(DADUKOU, 'dadukou')).toEqual([]);
    await put(
      `/v1/leads/${leadId}/liaison`,
      { username: 'receiver-liaison', pipelineRevision: await revision() },
      'receiver',
    );
    await expect
      .poll(() => clocksAt(receiving, 'receiver'), { timeout: 20_000 })
      .toEqual([
        ['appeal', 'receiver-liaison'],
        ['first-contact', 'receiver-liaison'],
      ]);
  });
});
