import { createEvent, Events, type LeadHistoryEntry, type Tier } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads, profileInput } from '../../test/open-leads.ts';
import { recordParkRatings } from '../ratings/record-rating.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

/** A firm token as the lead's link holds it now (at its current access epoch). */
const firmToken = async (leadId: string) =>
  t.token({ sub: `firm:${leadId}`, role: 'firm', leadId, ep: (await t.leads.get(leadId))?.accessEpoch ?? 0 });

const NOTE = '内部备注：对方预算偏紧，暂不报价';

/** A lead well into the loop: owned by Dadukou, a liaison, facts, history with notes. */
async function workedLead(seed = 1): Promise<string> {
  const id = await t.ratedLead(
    {
      'dadukou-ivd': { tier: 'A', score: 88 },
      'bio-city': { tier: 'C', score: 35 },
      gaoxin: { tier: 'B', score: 61 },
      fuling: { tier: 'D', score: 12 },
    },
    seed,
  );
  const history: LeadHistoryEntry[] = [
    { kind: 'claimed', at: '2026-09-01T02:00:00.000Z', by: 'dadukou', parkId: 'dadukou-ivd' },
    { kind: 'liaison', at: '2026-09-01T03:00:00.000Z', by: 'dadukou-manager', to: 'zhang.wei' },
    {
      kind: 'stage',
      at: '2026-10-15T02:00:00.000Z',
      by: 'dadukou',
      from: 'negotiating',
      to: 'signed',
      note: NOTE,
      facts: { agreedInvestmentCny: 120_000_000, signedOn: '2026-10-15' },
    },
  ];
  await t.leadDocs().updateOne(
    { _id: id },
    {
      $set: {
        stage: 'signed',
        stageEnteredAt: '2026-10-15T02:00:00.000Z',
        pipelineRevision: 4,
        owner: { parkId: 'dadukou-ivd', by: 'dadukou', since: '2026-09-01T02:00:00.000Z' },
        liaison: { username: 'zhang.wei', by: 'dadukou-manager', since: '2026-09-01T03:00:00.000Z' },
        facts: { signed: { agreedInvestmentCny: 120_000_000, signedOn: '2026-10-15' } },
        history,
      },
    },
  );
  return id;
}

describe('what a firm sees of its own lead', () => {
  it('shows its profile, stage, owner park and the parks it fits, and nothing internal', async () => {
    const id = await workedLead();
    const other = await t.ratedLead({ 'dadukou-ivd': { tier: 'B', score: 60 } }, 2);
    const res = await t.send('GET', `/v1/profiles/${id}`, undefined, await firmToken(id));
    expect(res.status).toBe(200);
    const text = await res.text();
    const view = JSON.parse(text);
    expect(Object.keys(view).sort()).toEqual(
      ['createdAt', 'id', 'interestedParks', 'owner', 'profile', 'revision', 'stage', 'stageLabel'].sort(),
    );
    expect(view.stage).toBe('signed');
    expect(view.stageLabel).toEqual({ zh: '签约', en: 'Signed' });
    expect(view.owner).toEqual({
      parkId: 'dadukou-ivd',
      name: { zh: '大渡口体外诊断产业集聚区', en: 'Dadukou IVD Cluster' },
    });
    // In the system's park order, whatever the scores; never the park that rated it D.
    expect(view.interestedParks.map((p: { parkId: string }) => p.parkId)).toEqual([
      'dadukou-ivd',
      'bio-city',
      'gaoxin',
    ]);
    expect(view.profile.contact).toEqual(profileInput(1).contact);
    for (const secret of [
      NOTE,
      'zhang.wei',
      'history',
      'facts',
      'liaison',
      'score',
      'tier',
      'fuling',
      '涪陵',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('120000000');
    expect(text).not.toContain(profileInput(2).firm.name);
    // Another firm's lead stays closed to it.
    expect((await t.send('GET', `/v1/profiles/${other}`, undefined, await firmToken(id))).status).toBe(404);
  });

  it('tells the firm which directions of each A–C park it fits: nothing of a D park, no strength, no reasons', async () => {
    const id = await t.ratedLead({});
    const scored = (parkId: string, tier: Tier, codes: string[]) =>
      createEvent(Events.leadScored, {
        key: id,
        source: 'matching',
        payload: {
          leadId: id,
          parkId,
          firmName: profileInput(1).firm.name,
          projectTitle: profileInput(1).project.title,
          score: tier === 'D' ? 9 : 77,
          tier,
          matchedDirections: codes.map((code) => ({ code, strength: 0.87, evidence: ['质谱仪'] })),
          reasons: { zh: ['内部理由：规模加分 12'], en: ['internal: size +12'] },
          engineVersion: 'e',
          catalogVersion: 3,
          profileRevision: 1,
        },
      });
    await recordParkRatings(t.leads)([
      scored('dadukou-ivd', 'A', ['ivd.mass-spec', 'ivd.upstream']),
      scored('fuling', 'D', ['tcm.granules']),
      scored('gaoxin', 'C', []),
    ]);
    const res = await t.send('GET', `/v1/profiles/${id}`, undefined, await firmToken(id));
    const text = await res.text();
    expect(JSON.parse(text).interestedParks).toEqual([
      expect.objectContaining({ parkId: 'dadukou-ivd', directions: ['ivd.mass-spec', 'ivd.upstream'] }),
      expect.objectContaining({ parkId: 'gaoxin', directions: [] }),
    ]);
    for (const secret of ['tcm.granules', '0.87', '内部理由', 'internal', '"fits"'])
      expect(text).not.toContain(secret);
    // The team's view of the lead stays as it was: the kept directions are the firm view's alone.
    const team = await t.send('GET', `/v1/leads/${id}`, undefined, await t.analyst('dadukou-ivd'));
    expect(team.status).toBe(200);
    expect(await team.text()).not.toContain('"fits"');
  });

  it('answers a profile update by the firm with its own view too; the team keeps the whole lead', async () => {
    const id = await workedLead();
    const changed = {
      ...profileInput(1),
      project: { ...profileInput(1).project, title: '化学发光试剂生产' },
    };
    const res = await t.send('PUT', `/v1/profiles/${id}`, changed, await firmToken(id));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      revision: 2,
      stage: 'signed',
      profile: { project: { title: '化学发光试剂生产' } },
    });
    expect(text).not.toContain(NOTE);
    const team = await t.send('GET', `/v1/profiles/${id}`, undefined, await t.analyst('dadukou-ivd'));
    expect(team.status).toBe(200);
    const lead = (await team.json()) as { history: LeadHistoryEntry[]; liaison: { username: string } };
    expect(lead.history.at(-1)?.note).toBe(NOTE);
    expect(lead.liaison.username).toBe('zhang.wei');
  });
});

describe('withdrawing a profile', () => {
  it('erases the contact, closes the lead as withdrawn with its event in the same write, once', async () => {
    const { id, accessToken } = (await (await t.send('POST', '/v1/profiles', profileInput())).json()) as {
      id: string;
      accessToken: string;
    };
    const written = t.written();
    t.setNow('2026-11-05T01:00:00.000Z');
    const res = await t.send('DELETE', `/v1/profiles/${id}`, undefined, accessToken);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(t.written()).toBe(written + 1);

    const doc = await t.leadDocs().findOne({ _id: id });
    expect(doc?.profile.contact).toBeUndefined();
    expect(doc?.profile.consent).toBeUndefined();
    expect(doc?.profile.firm.name).toBe(profileInput().firm.name);
    expect(JSON.stringify(doc)).not.toContain(profileInput().contact.phone);
    expect(doc).toMatchObject({
      stage: 'withdrawn',
      stageEnteredAt: '2026-11-05T01:00:00.000Z',
      revision: 2,
      pipelineRevision: 2,
    });
    expect(doc?.history.at(-1)).toEqual({
      kind: 'stage',
      at: '2026-11-05T01:00:00.000Z',
      by: `firm:${id}`,
      from: 'lead',
      to: 'withdrawn',
    });
    const outbox = await t.store.outbox('leads').waiting(id);
    expect(outbox.map((e) => e.topic)).toEqual([
      'leads.profile.submitted.v1',
      'leads.profile.withdrawn.v1',
      'leads.access.revoked.v1',
    ]);
    expect(JSON.parse(outbox[1]?.value ?? '{}')).toMatchObject({
      key: id,
      payload: { leadId: id, by: `firm:${id}`, at: '2026-11-05T01:00:00.000Z' },
    });
    // The firm's link is revoked in the same write, in every service.
    expect(JSON.parse(outbox[2]?.value ?? '{}')).toMatchObject({
      key: id,
      payload: { subject: `firm:${id}`, epoch: 1, reason: 'withdrawn', by: `firm:${id}` },
    });
    expect(doc?.accessEpoch).toBe(1);

    // The token no longer works: not to read, not to change, not to withdraw again.
    const read = await t.send('GET', `/v1/profiles/${id}`, undefined, accessToken);
    expect(read.status).toBe(401);
    expect(JSON.stringify(await read.json())).toContain('revoked');
    expect((await t.send('PUT', `/v1/profiles/${id}`, profileInput(), accessToken)).status).toBe(401);
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, accessToken)).status).toBe(401);

    // Idempotent (an admin, say, withdrawing it again): 204, nothing written.
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await t.admin())).status).toBe(204);
    expect(t.written()).toBe(written + 1);
    expect(await t.store.outbox('leads').waiting(id)).toHaveLength(3);

    // A team still reads it, without the contact.
    const team = await t.send('GET', `/v1/profiles/${id}`, undefined, await t.admin());
    const view = (await team.json()) as { stage: string; profile: object };
    expect(view.stage).toBe('withdrawn');
    expect(view.profile).not.toHaveProperty('contact');
  });

  it('is for the firm itself or an admin; a team still reads the withdrawn lead, without contact', async () => {
    const id = await workedLead();
    const other = await t.ratedLead({ gaoxin: { tier: 'A', score: 80 } }, 2);
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await firmToken(other))).status).toBe(
      403,
    );
    expect(
      (await t.send('DELETE', `/v1/profiles/${id}`, undefined, await t.analyst('dadukou-ivd'))).status,
    ).toBe(403);
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await t.manager())).status).toBe(403);
    expect((await t.send('DELETE', `/v1/profiles/${id}`)).status).toBe(401);
    const missing = '0190a000-0000-7000-8000-000000009999';
    expect((await t.send('DELETE', `/v1/profiles/${missing}`, undefined, await t.admin())).status).toBe(404);

    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await t.admin())).status).toBe(204);
    const team = await t.send('GET', `/v1/profiles/${id}`, undefined, await t.analyst('dadukou-ivd'));
    expect(team.status).toBe(200);
    const lead = (await team.json()) as { stage: string; history: LeadHistoryEntry[]; profile: object };
    expect(lead.stage).toBe('withdrawn');
    expect(lead.profile).not.toHaveProperty('contact');
    expect(lead.history.at(-1)).toMatchObject({ by: 'admin', from: 'signed', to: 'withdrawn' });
  });

  it('is not lost to a stage move made meanwhile: it tries again on the new pipeline revision', async () => {
    const id = await workedLead();
    // A move lands between the withdrawal's read and its write: the first write is refused.
    const leads = t.leads;
    const updatePipeline = leads.updatePipeline.bind(leads);
    let raced = false;
    leads.updatePipeline = async (...args) => {
      if (!raced) {
        raced = true;
        await t
          .leadDocs()
          .updateOne({ _id: id }, { $set: { stage: 'registered' }, $inc: { pipelineRevision: 1 } });
      }
      return updatePipeline(...args);
    };
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await firmToken(id))).status).toBe(204);
    const doc = await t.leadDocs().findOne({ _id: id });
    expect(doc).toMatchObject({ stage: 'withdrawn', pipelineRevision: 6 });
    expect(doc?.history.at(-1)).toMatchObject({ from: 'registered', to: 'withdrawn' });
  });
});

describe("re-issuing a firm's access link", () => {
  // No body, so no content type (as a browser's or curl's bodyless POST).
  const reissue = async (leadId: string, token?: string) =>
    t.app.request(`/v1/leads/${leadId}/access-link`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("gives the owner park's team a new firm token that works, and its link", async () => {
    const id = await workedLead();
    const res = await reissue(id, await t.analyst('dadukou-ivd'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const link = (await res.json()) as {
      leadId: string;
      accessToken: string;
      expiresIn: number;
      path: string;
    };
    expect(link).toMatchObject({ leadId: id, expiresIn: 90 * 24 * 3600 });
    expect(link.path).toBe(`/firm/${id}?token=${link.accessToken}`);
    expect(await t.tokens.verify(link.accessToken)).toEqual({
      sub: `firm:${id}`,
      role: 'firm',
      leadId: id,
      ep: 1,
    });
    const read = await t.send('GET', `/v1/profiles/${id}`, undefined, link.accessToken);
    expect(read.status).toBe(200);
    expect(await read.json()).not.toHaveProperty('history');
    const other = await t.ratedLead({ 'dadukou-ivd': { tier: 'A', score: 80 } }, 2);
    expect((await t.send('PUT', `/v1/profiles/${other}`, profileInput(2), link.accessToken)).status).toBe(
      403,
    );
  });

  it('is refused to other parks once a park owns the lead; city-wide staff may', async () => {
    const id = await workedLead();
    // Bio-City rated it C (it may see the lead) but Dadukou works it.
    const refused = await reissue(id, await t.analyst('bio-city'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('Dadukou IVD Cluster');
    // Fuling may not see the lead: told it does not exist, as for an unknown id (a 403 told it did).
    expect((await reissue(id, await t.analyst('fuling'))).status).toBe(404);
    expect((await reissue(id, await t.manager('dadukou-ivd'))).status).toBe(200);
    expect((await reissue(id, await t.manager())).status).toBe(200);
    expect((await reissue(id, await t.admin())).status).toBe(200);
    expect((await reissue(id, await firmToken(id))).status).toBe(403);
    expect((await reissue(id)).status).toBe(401);
  });

  it('lets any team that may see an unclaimed lead re-issue it; none for a withdrawn lead', async () => {
    const id = await t.ratedLead({ 'bio-city': { tier: 'B', score: 60 }, fuling: { tier: 'D', score: 5 } });
    expect((await reissue(id, await t.analyst('bio-city'))).status).toBe(200);
    // Fuling may not see the lead: told it does not exist, as for an unknown id (a 403 told it did).
    expect((await reissue(id, await t.analyst('fuling'))).status).toBe(404);
    expect((await reissue('0190a000-0000-7000-8000-000000009999', await t.admin())).status).toBe(404);
    expect((await reissue('not-a-uuid', await t.admin())).status).toBe(400);
    expect((await t.send('DELETE', `/v1/profiles/${id}`, undefined, await firmToken(id))).status).toBe(204);
    expect((await reissue(id, await t.analyst('bio-city'))).status).toBe(409);
  });

  it('revokes every token the firm held before: a lost or leaked link stops working', async () => {
    const submitted = (await (await t.send('POST', '/v1/profiles', profileInput(7))).json()) as {
      id: string;
      accessToken: string;
    };
    const id = submitted.id;
    await t.leadDocs().updateOne({ _id: id }, { $set: { parks: { 'bio-city': { tier: 'B', score: 60 } } } });
    const readWith = (token: string) => t.send('GET', `/v1/profiles/${id}`, undefined, token);
    expect((await readWith(submitted.accessToken)).status).toBe(200);

    const first = (await (await reissue(id, await t.analyst('bio-city'))).json()) as { accessToken: string };
    const stale = await readWith(submitted.accessToken);
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { detail: string }).detail).toMatch(/已被撤销.*revoked|revoked/);
    expect((await readWith(first.accessToken)).status).toBe(200);

    const second = (await (await reissue(id, await t.manager())).json()) as { accessToken: string };
    expect((await readWith(first.accessToken)).status).toBe(401);
    expect((await readWith(second.accessToken)).status).toBe(200);

    // Each re-issue is announced to every service, in the lead's own write.
    const doc = await t.leadDocs().findOne({ _id: id });
    const revocations = (await t.store.outbox('leads').waiting(id))
      .filter((e) => e.topic === 'leads.access.revoked.v1')
      .map((e) => (JSON.parse(e.value) as { payload: object }).payload);
    expect(revocations).toMatchObject([
      { subject: `firm:${id}`, epoch: 1, reason: 'link-reissued', by: 'bio-city-analyst' },
      { subject: `firm:${id}`, epoch: 2, reason: 'link-reissued', by: 'city-manager' },
    ]);
    expect(doc?.accessEpoch).toBe(2);
  });
});
