import type { KeyFirmLedger, LeadLedger } from '@parkmatch/contracts';
import type { Principal } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, figures, OTHER, OWNER, ownedLead } from '../../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../../test/open-leads.ts';
import { keyFirmStatus } from './key-firm.ts';

let t: OpenLeads;
let analyst: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
});
afterEach(() => t.close());

const ledger = async (query: string, token = analyst) => {
  const res = await t.send('GET', `/v1/ledgers/key-firms${query}`, undefined, token);
  expect(res.status).toBe(200);
  return body<KeyFirmLedger>(res);
};
const mark = (id: string, onLedger: boolean, token = analyst) =>
  t.send('PUT', `/v1/leads/${id}/key-firm`, { onLedger }, token);

describe('the 重点培育 ledger', () => {
  it('lists the park’s firms at 投产 and those put on it by hand, each with the month’s figures or “not reported”', async () => {
    const operating = await ownedLead(t, 1, { stage: 'operating' });
    const building = await ownedLead(t, 2, { stage: 'construction' });
    await ownedLead(t, 3, { stage: 'negotiating' });
    await ownedLead(t, 4, { stage: 'operating', parkId: OTHER });
    const marked = await mark(building, true);
    expect(marked.status).toBe(200);
    expect((await body<LeadLedger>(marked)).keyFirm).toMatchObject({
      onLedger: true,
      mark: { onLedger: true },
    });
    await t.send('PUT', `/v1/leads/${operating}/figures/2026-10`, figures(), analyst);

    const october = await ledger('?month=2026-10');
    expect(october.month).toBe('2026-10');
    expect(october.items.map((i) => [i.leadId, i.onLedgerBecause, i.status])).toEqual(
      expect.arrayContaining([
        [operating, 'operating', 'reported'],
        [building, 'marked', 'not-reported'],
      ]),
    );
    expect(october.items).toHaveLength(2);
    expect(october.items.find((i) => i.leadId === operating)?.figures).toMatchObject({
      revenueCny: 12_500_000,
    });
    expect(october.items.find((i) => i.leadId === building)?.figures).toBeNull();
    // This month (Asia/Shanghai) when none is named: nothing reported yet.
    const now = await ledger('');
    expect(now.month).toBe('2026-11');
    expect(now.items.every((i) => i.status === 'not-reported')).toBe(true);
  });

  it('lets a park take a firm at 投产 off it by hand', async () => {
    const operating = await ownedLead(t, 1, { stage: 'operating' });
    expect((await mark(operating, false)).status).toBe(200);
    expect((await ledger('?month=2026-10')).items).toEqual([]);
  });

  it('keeps parks apart: a team sees its own park, city-wide staff every park or the one named', async () => {
    const ours = await ownedLead(t, 1, { stage: 'operating' });
    const theirs = await ownedLead(t, 2, { stage: 'operating', parkId: OTHER });
    expect((await ledger('')).items.map((i) => i.leadId)).toEqual([ours]);
    expect((await ledger('', await t.analyst(OTHER))).items.map((i) => i.leadId)).toEqual([theirs]);
    const city = await t.manager();
    expect((await ledger('', city)).items.map((i) => i.leadId).sort()).toEqual([ours, theirs].sort());
    expect((await ledger(`?parkId=${OTHER}`, city)).items.map((i) => i.leadId)).toEqual([theirs]);
    expect((await t.send('GET', `/v1/ledgers/key-firms?parkId=${OTHER}`, undefined, analyst)).status).toBe(
      403,
    );
    expect((await t.send('GET', '/v1/ledgers/key-firms?month=2026-13', undefined, analyst)).status).toBe(400);
  });

  it('asks the store the same question as the pure rule, for every stage and mark', async () => {
    const cases = [
      { stage: 'operating' },
      { stage: 'construction' },
      { stage: 'operating', keyFirm: false },
      { stage: 'operating', keyFirm: true },
      { stage: 'signed', keyFirm: true },
      { stage: 'signed', keyFirm: false },
    ];
    const ids: string[] = [];
    for (const [i, c] of cases.entries()) {
      const id = await ownedLead(t, i + 1, { stage: c.stage });
      if (c.keyFirm !== undefined)
        await t
          .leadDocs()
          .updateOne({ _id: id }, { $set: { keyFirm: { onLedger: c.keyFirm, by: 'x', at: 'y' } } });
      ids.push(id);
    }
    const admin: Principal = { sub: 'admin', role: 'admin' };
    const listed = new Set((await t.leads.keyFirms(admin)).map((lead) => lead._id));
    for (const id of ids) {
      const lead = await t.leads.get(id);
      expect(listed.has(id), JSON.stringify(lead?.keyFirm)).toBe(lead ? keyFirmStatus(lead).onLedger : false);
    }
  });
});
