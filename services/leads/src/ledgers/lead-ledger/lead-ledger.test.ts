import type { LeadLedger } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  account,
  body,
  OTHER,
  OWNER,
  outboxPayload,
  outboxTopics,
  ownedLead,
  unownedLead,
} from '../../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../../test/open-leads.ts';

let t: OpenLeads;
let analyst: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
  await account(t, 'dadukou', 'analyst', OWNER);
  await account(t, 'dadukou-manager', 'manager', OWNER);
  await account(t, 'biocity', 'analyst', OTHER);
  await account(t, 'city-manager', 'manager');
});
afterEach(() => t.close());

const liaison = (id: string, username: string, pipelineRevision: number, token: string) =>
  t.send('PUT', `/v1/leads/${id}/liaison`, { username, pipelineRevision }, token);

describe('the liaison (联络员)', () => {
  it('names an account of the owner park on the pipeline revision, with history and a liaisonAssigned event', async () => {
    const id = await ownedLead(t);
    const res = await liaison(id, 'dadukou', 1, analyst);
    expect(res.status).toBe(200);
    const ledger = await body<LeadLedger>(res);
    expect(ledger).toMatchObject({
      leadId: id,
      pipelineRevision: 2,
      owner: { parkId: OWNER },
      liaison: { username: 'dadukou', by: `${OWNER}-analyst`, since: '2026-11-02T02:00:00.000Z' },
    });
    // Reassigned to the park's manager, on the new revision.
    expect((await liaison(id, 'dadukou-manager', 2, analyst)).status).toBe(200);
    const doc = await t.leadDocs().findOne({ _id: id });
    expect(doc?.history).toEqual([
      expect.objectContaining({ kind: 'liaison', parkId: OWNER, to: 'dadukou' }),
      expect.objectContaining({ kind: 'liaison', from: 'dadukou', to: 'dadukou-manager' }),
    ]);
    const events = await t.waitingEvents(id);
    expect(outboxTopics(events)).toEqual([
      'leads.lead.liaison-assigned.v1',
      'leads.lead.liaison-assigned.v1',
    ]);
    expect(outboxPayload(events, 1)).toMatchObject({ leadId: id, parkId: OWNER, liaison: 'dadukou-manager' });
    expect(t.written()).toBe(2);
  });

  it('takes the same liaison again as done: no new revision, no event', async () => {
    const id = await ownedLead(t);
    await liaison(id, 'dadukou', 1, analyst);
    const again = await liaison(id, 'dadukou', 1, analyst);
    expect(again.status).toBe(200);
    expect((await body<LeadLedger>(again)).pipelineRevision).toBe(2);
    expect(t.written()).toBe(1);
  });

  it('refuses an account of another park, a city-wide manager or an unknown one (400 on username), storing nothing', async () => {
    const id = await ownedLead(t);
    for (const username of ['biocity', 'city-manager', 'admin', 'nobody']) {
      const res = await liaison(id, username, 1, analyst);
      expect(res.status, username).toBe(400);
      const problem = await body<{ errors: { path: string; message: string; messageEn: string }[] }>(res);
      expect(problem.errors).toEqual([
        expect.objectContaining({
          path: 'username',
          message: expect.any(String),
          messageEn: expect.any(String),
        }),
      ]);
    }
    const doc = await t.leadDocs().findOne({ _id: id });
    expect(doc?.liaison).toBeUndefined();
    expect(doc?.pipelineRevision).toBe(1);
    expect(await t.waitingEvents(id)).toEqual([]);
  });

  it('refuses a disabled account of the owner park (400 on username)', async () => {
    const id = await ownedLead(t);
    await account(t, 'dadukou-2', 'analyst', OWNER);
    expect((await t.send('POST', '/v1/users/dadukou-2/disable', {}, await t.admin())).status).toBe(200);
    const res = await liaison(id, 'dadukou-2', 1, analyst);
    expect(res.status).toBe(400);
    expect((await body<{ errors: { code: string }[] }>(res)).errors.map((e) => e.code)).toEqual(['disabled']);
    expect((await t.leadDocs().findOne({ _id: id }))?.liaison).toBeUndefined();
  });

  it('refuses a stale pipeline revision with the current one (409), never losing the later change', async () => {
    const id = await ownedLead(t);
    await liaison(id, 'dadukou', 1, analyst);
    const stale = await liaison(id, 'dadukou-manager', 1, analyst);
    expect(stale.status).toBe(409);
    expect(await body(stale)).toMatchObject({
      pipelineRevision: 2,
      errors: [{ path: 'pipelineRevision', code: 'stale' }],
    });
    expect((await t.leadDocs().findOne({ _id: id }))?.liaison?.username).toBe('dadukou');
  });
});

describe('expected output and sales', () => {
  it('are stored on the lead and replaced as a whole', async () => {
    const id = await ownedLead(t);
    const url = `/v1/leads/${id}/expectations`;
    const first = await t.send(
      'PUT',
      url,
      { expectedAnnualOutputCny: 80_000_000, expectedAnnualSalesCny: 65_000_000 },
      analyst,
    );
    expect(first.status).toBe(200);
    expect((await body<LeadLedger>(first)).expectations).toEqual({
      expectedAnnualOutputCny: 80_000_000,
      expectedAnnualSalesCny: 65_000_000,
      by: `${OWNER}-analyst`,
      at: '2026-11-02T02:00:00.000Z',
    });
    await t.send('PUT', url, { expectedAnnualOutputCny: 0 }, analyst);
    const ledger = await body<LeadLedger>(await t.send('GET', `/v1/leads/${id}/ledger`, undefined, analyst));
    expect(ledger.expectations).toEqual({
      expectedAnnualOutputCny: 0,
      by: `${OWNER}-analyst`,
      at: expect.any(String),
    });
  });

  it('refuse negative money, text for a number and unknown fields, field by field, storing nothing', async () => {
    const id = await ownedLead(t);
    const url = `/v1/leads/${id}/expectations`;
    const negative = await t.send('PUT', url, { expectedAnnualOutputCny: -1 }, analyst);
    expect(negative.status).toBe(400);
    expect(negative.headers.get('content-type')).toContain('application/problem+json');
    expect((await body(negative)).errors).toEqual([
      expect.objectContaining({
        path: 'expectedAnnualOutputCny',
        message: '不能小于 0',
        messageEn: expect.any(String),
      }),
    ]);
    const unknown = await t.send('PUT', url, { expectedAnnualSalesCny: 1, expectedProfitCny: 1 }, analyst);
    expect(unknown.status).toBe(400);
    expect((await body(unknown)).errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect((await t.send('PUT', url, { expectedAnnualSalesCny: '1亿' }, analyst)).status).toBe(400);
    expect((await t.leadDocs().findOne({ _id: id }))?.expectations).toBeUndefined();
  });
});

describe('a lead’s ledger', () => {
  it('does not exist before a park owns the lead (409), and other parks are told the lead does not exist (404)', async () => {
    const unowned = await unownedLead(t);
    const res = await t.send('GET', `/v1/leads/${unowned}/ledger`, undefined, analyst);
    expect(res.status).toBe(409);
    expect((await body(res)).detail).toContain('claim it first');
    expect((await liaison(unowned, 'dadukou', 1, analyst)).status).toBe(409);
    const owned = await ownedLead(t, 2);
    const other = await t.analyst(OTHER);
    expect((await t.send('GET', `/v1/leads/${owned}/ledger`, undefined, other)).status).toBe(404);
    expect((await liaison(owned, 'biocity', 1, other)).status).toBe(404);
  });

  it('takes no new entries once the firm withdrew the lead', async () => {
    const id = await ownedLead(t, 1, { stage: 'withdrawn' });
    expect((await liaison(id, 'dadukou', 1, analyst)).status).toBe(409);
    expect((await t.send('PUT', `/v1/leads/${id}/expectations`, {}, analyst)).status).toBe(409);
    expect((await t.send('GET', `/v1/leads/${id}/ledger`, undefined, analyst)).status).toBe(200);
  });
});
