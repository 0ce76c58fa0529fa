import type { TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, body, claimedLead, DADUKOU, moveTo, readLead } from '../../test/pipeline-steps.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const transfer = { toParkId: BIO_CITY, reason: '企业更看重生物城的 GMP 厂房' };
const FULING = 'fuling';
const GAOXIN = 'gaoxin';

/** Transfers the lead on its current revision (read first), as a page showing it would. */
async function transferOn(id: string, request: Record<string, unknown>, token: string): Promise<Response> {
  const { pipelineRevision } = await readLead(t, id, await t.admin());
  return t.send('POST', `/v1/leads/${id}/transfer`, { pipelineRevision, ...request }, token);
}

describe('transferring a lead', () => {
  it('hands the lead to another park with a reason, keeping the history and announcing it', async () => {
    const id = await claimedLead(t, DADUKOU);
    await t
      .leadDocs()
      .updateOne(
        { _id: id },
        { $set: { liaison: { username: 'dadukou-li', by: 'x', since: '2026-11-02T02:00:00.000Z' } } },
      );
    t.setNow('2026-11-05T03:00:00Z');
    const res = await transferOn(id, transfer, await t.manager());
    expect(res.status).toBe(200);
    const lead = await body<TeamLeadView>(res);
    expect(lead.owner).toEqual({ parkId: BIO_CITY, by: 'city-manager', since: '2026-11-05T03:00:00.000Z' });
    expect(lead.liaison).toBeUndefined();
    expect(lead.history.map((h) => h.kind)).toEqual(['claimed', 'transferred']);
    expect(lead.history[1]).toEqual({
      kind: 'transferred',
      at: '2026-11-05T03:00:00.000Z',
      by: 'city-manager',
      parkId: BIO_CITY,
      from: DADUKOU,
      to: BIO_CITY,
      note: transfer.reason,
    });
    const outbox = await t.waitingEvents(id);
    expect(outbox.map((e) => e.topic)).toEqual(['leads.lead.claimed.v1', 'leads.lead.transferred.v1']);
    expect(JSON.parse(outbox[1]?.value ?? '{}').payload).toEqual({
      leadId: id,
      fromParkId: DADUKOU,
      toParkId: BIO_CITY,
      reason: transfer.reason,
      by: 'city-manager',
      at: '2026-11-05T03:00:00.000Z',
    });
  });

  it('lets the new park work the lead, even one it rated D, and the old park no longer', async () => {
    const id = await claimedLead(t, DADUKOU, {
      [DADUKOU]: { tier: 'A', score: 80 },
      [BIO_CITY]: { tier: 'D', score: 20 },
    });
    expect((await transferOn(id, transfer, await t.admin())).status).toBe(200);
    expect((await moveTo(t, id, 'contacted', await t.analyst(DADUKOU))).status).toBe(403);
    expect((await moveTo(t, id, 'contacted', await t.analyst(BIO_CITY))).status).toBe(200);
  });

  it('is for city managers and admins only, of a claimed lead, to another park, with a reason', async () => {
    const id = await claimedLead(t, DADUKOU);
    for (const token of [await t.analyst(DADUKOU), await t.manager(DADUKOU)])
      expect((await transferOn(id, transfer, token)).status).toBe(403);
    const admin = await t.admin();
    const same = await transferOn(id, { ...transfer, toParkId: DADUKOU }, admin);
    expect(same.status).toBe(409);
    expect((await body(same)).errors).toMatchObject([{ path: 'toParkId' }]);
    const noReason = await transferOn(id, { toParkId: BIO_CITY, reason: ' ' }, admin);
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors).toMatchObject([{ path: 'reason' }]);
    const unclaimed = await t.ratedLead({ [DADUKOU]: { tier: 'B', score: 60 } }, 2);
    expect((await transferOn(unclaimed, transfer, admin)).status).toBe(409);
    const missing = '0190a000-0000-7000-8000-999999999999';
    const missingLead = { ...transfer, pipelineRevision: 1 };
    expect((await t.send('POST', `/v1/leads/${missing}/transfer`, missingLead, admin)).status).toBe(404);
  });
});

describe('two transfers of one lead at once (optimistic concurrency)', () => {
  it('needs the pipelineRevision the caller read', async () => {
    const id = await claimedLead(t, DADUKOU);
    const res = await t.send('POST', `/v1/leads/${id}/transfer`, transfer, await t.admin());
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toMatchObject([{ path: 'pipelineRevision' }]);
    expect((await readLead(t, id, await t.admin())).owner?.parkId).toBe(DADUKOU);
  });

  it('lets the first win and tells the second, in both languages, where the lead is now', async () => {
    const id = await claimedLead(t, DADUKOU);
    // Both read the lead at the same revision: a city manager sends it to Fuling, an admin to Gaoxin.
    const { pipelineRevision } = await readLead(t, id, await t.admin());
    const toFuling = { toParkId: FULING, reason: '中药配方颗粒配套', pipelineRevision };
    const toGaoxin = { toParkId: GAOXIN, reason: '高新区抗体平台', pipelineRevision };
    const first = await t.send('POST', `/v1/leads/${id}/transfer`, toFuling, await t.manager());
    expect(first.status).toBe(200);
    expect((await body<TeamLeadView>(first)).pipelineRevision).toBe(pipelineRevision + 1);
    const second = await t.send('POST', `/v1/leads/${id}/transfer`, toGaoxin, await t.admin());
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    const problem = await body(second);
    expect(problem).toMatchObject({
      status: 409,
      owner: { parkId: FULING },
      stage: 'lead',
      pipelineRevision: pipelineRevision + 1,
    });
    expect(problem.detail).toMatch(/changed meanwhile.*Fuling/);
    const chinese = await t.app.request(`/v1/leads/${id}/transfer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
        authorization: `Bearer ${await t.admin()}`,
      },
      body: JSON.stringify(toGaoxin),
    });
    expect(chinese.status).toBe(409);
    expect((await body(chinese)).detail).toMatch(/已被他人更新.*归属「涪陵现代中药产业集聚区」/);

    // Fuling keeps the lead; one transfer in history and in the outbox.
    const lead = await readLead(t, id, await t.admin());
    expect(lead.owner?.parkId).toBe(FULING);
    expect(lead.history.filter((h) => h.kind === 'transferred')).toHaveLength(1);
    const outbox = await t.waitingEvents(id);
    expect(outbox.filter((e) => e.topic === 'leads.lead.transferred.v1')).toHaveLength(1);
  });

  it('lets exactly one of two transfers sent at the same moment through', async () => {
    const id = await claimedLead(t, DADUKOU);
    const { pipelineRevision } = await readLead(t, id, await t.admin());
    const [manager, admin] = [await t.manager(), await t.admin()];
    const answers = await Promise.all([
      t.send(
        'POST',
        `/v1/leads/${id}/transfer`,
        { toParkId: FULING, reason: '甲', pipelineRevision },
        manager,
      ),
      t.send('POST', `/v1/leads/${id}/transfer`, { toParkId: GAOXIN, reason: '乙', pipelineRevision }, admin),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200) as Response;
    const owner = (await body<TeamLeadView>(winner)).owner?.parkId;
    expect((await readLead(t, id, admin)).owner?.parkId).toBe(owner);
    const loser = answers.find((a) => a.status === 409) as Response;
    expect(await body(loser)).toMatchObject({ owner: { parkId: owner } });
  });

  it('refuses a transfer made on a revision older than a stage move since', async () => {
    const id = await claimedLead(t, DADUKOU);
    const { pipelineRevision } = await readLead(t, id, await t.admin());
    expect((await moveTo(t, id, 'contacted', await t.analyst(DADUKOU))).status).toBe(200);
    const stale = await t.send(
      'POST',
      `/v1/leads/${id}/transfer`,
      { ...transfer, pipelineRevision },
      await t.manager(),
    );
    expect(stale.status).toBe(409);
    expect(await body(stale)).toMatchObject({ stage: 'contacted', owner: { parkId: DADUKOU } });
    expect((await readLead(t, id, await t.admin())).owner?.parkId).toBe(DADUKOU);
  });
});
