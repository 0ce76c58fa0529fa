import type { TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, body, claimedLead, DADUKOU, moveTo } from '../../test/pipeline-steps.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const transfer = { toParkId: BIO_CITY, reason: '企业更看重生物城的 GMP 厂房' };

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
    const res = await t.send('POST', `/v1/leads/${id}/transfer`, transfer, await t.manager());
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
    await t.send('POST', `/v1/leads/${id}/transfer`, transfer, await t.admin());
    expect((await moveTo(t, id, 'contacted', await t.analyst(DADUKOU))).status).toBe(403);
    expect((await moveTo(t, id, 'contacted', await t.analyst(BIO_CITY))).status).toBe(200);
  });

  it('is for city managers and admins only, of a claimed lead, to another park, with a reason', async () => {
    const id = await claimedLead(t, DADUKOU);
    for (const token of [await t.analyst(DADUKOU), await t.manager(DADUKOU)])
      expect((await t.send('POST', `/v1/leads/${id}/transfer`, transfer, token)).status).toBe(403);
    const admin = await t.admin();
    const same = await t.send('POST', `/v1/leads/${id}/transfer`, { ...transfer, toParkId: DADUKOU }, admin);
    expect(same.status).toBe(409);
    expect((await body(same)).errors).toMatchObject([{ path: 'toParkId' }]);
    const noReason = await t.send(
      'POST',
      `/v1/leads/${id}/transfer`,
      { toParkId: BIO_CITY, reason: ' ' },
      admin,
    );
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors).toMatchObject([{ path: 'reason' }]);
    const unclaimed = await t.ratedLead({ [DADUKOU]: { tier: 'B', score: 60 } }, 2);
    expect((await t.send('POST', `/v1/leads/${unclaimed}/transfer`, transfer, admin)).status).toBe(409);
    const missing = '0190a000-0000-7000-8000-999999999999';
    expect((await t.send('POST', `/v1/leads/${missing}/transfer`, transfer, admin)).status).toBe(404);
  });
});
