import type { TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, body, DADUKOU, listIds, readLead } from '../../test/pipeline-steps.ts';
import type { LeadRepository } from '../lead/repository.ts';
import { claimLead } from './claim.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const bothRateIt = { [DADUKOU]: { tier: 'A', score: 82 }, [BIO_CITY]: { tier: 'B', score: 61 } } as const;

describe('claiming a lead (首报首谈)', () => {
  it('makes the park its owner, with a history entry and the claimed event in the same write', async () => {
    const id = await t.ratedLead(bothRateIt);
    const res = await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst(DADUKOU));
    expect(res.status).toBe(201);
    const lead = await body<TeamLeadView>(res);
    expect(lead.owner).toEqual({
      parkId: DADUKOU,
      by: `${DADUKOU}-analyst`,
      since: '2026-11-02T02:00:00.000Z',
    });
    expect(lead.pipelineRevision).toBe(2);
    expect(lead.history).toEqual([
      { kind: 'claimed', at: '2026-11-02T02:00:00.000Z', by: `${DADUKOU}-analyst`, parkId: DADUKOU },
    ]);
    expect(lead.legalMoves[0]).toEqual({ to: 'contacted', kind: 'next', needs: [] });
    const events = await t.waitingEvents(id);
    expect(events.map((e) => e.topic)).toEqual(['leads.lead.claimed.v1']);
    expect(JSON.parse(events[0]?.value ?? '{}').payload).toEqual({
      leadId: id,
      parkId: DADUKOU,
      by: `${DADUKOU}-analyst`,
      at: '2026-11-02T02:00:00.000Z',
    });
    expect(t.written()).toBe(1);
  });

  it('lets exactly one of two parks claiming at once win; the other hears who owns it', async () => {
    const id = await t.ratedLead(bothRateIt);
    const [dadukou, bioCity] = [await t.analyst(DADUKOU), await t.analyst(BIO_CITY)];
    const answers = await Promise.all([
      t.send('POST', `/v1/leads/${id}/claim`, {}, dadukou),
      t.send('POST', `/v1/leads/${id}/claim`, {}, bioCity),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = answers[0]?.status === 201 ? DADUKOU : BIO_CITY;
    const refused = await body((answers.find((r) => r.status === 409) as Response).clone());
    expect(refused).toMatchObject({ status: 409, owner: { parkId: winner } });
    const doc = await t.leadDocs().findOne({ _id: id });
    expect(doc?.owner?.parkId).toBe(winner);
    expect(doc?.history).toHaveLength(1);
    expect(await t.waitingEvents(id)).toHaveLength(1);
  });

  it('refuses a claim made on a read from before another park’s claim: the write itself checks', async () => {
    const id = await t.ratedLead(bothRateIt);
    const unclaimed = await t.leads.get(id);
    await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst(DADUKOU));
    // The second claim read the lead before the first was written.
    let reads = 0;
    const leads = {
      get: async (leadId: string) => (reads++ === 0 ? unclaimed : t.leads.get(leadId)),
      updatePipeline: t.leads.updatePipeline.bind(t.leads),
    } as unknown as LeadRepository;
    const deps = { leads, onEventsWritten: () => {}, now: () => new Date() };
    const principal = { sub: 'b', role: 'analyst', parkId: BIO_CITY } as const;
    await expect(claimLead(deps, principal, id, {})).rejects.toMatchObject({
      status: 409,
      extensions: { owner: { parkId: DADUKOU } },
    });
    expect((await t.leadDocs().findOne({ _id: id }))?.owner?.parkId).toBe(DADUKOU);
  });

  it('names the owner park in the language asked for when a second claim comes later', async () => {
    const id = await t.ratedLead(bothRateIt);
    await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst(DADUKOU));
    const res = await t.app.request(`/v1/leads/${id}/claim`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
        authorization: `Bearer ${await t.manager(BIO_CITY)}`,
      },
      body: '{}',
    });
    expect(res.status).toBe(409);
    expect((await body(res)).detail).toContain('大渡口体外诊断产业集聚区');
  });

  it('keeps the claimed lead in the other park’s list, marked with its owner, but not workable by it', async () => {
    const id = await t.ratedLead(bothRateIt);
    await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst(DADUKOU));
    const bioCity = await t.analyst(BIO_CITY);
    expect(await listIds(t, '', bioCity)).toEqual([id]);
    const lead = await readLead(t, id, bioCity);
    expect(lead.owner?.parkId).toBe(DADUKOU);
    expect(lead.legalMoves).toEqual([]);
  });

  it('lets city-wide staff claim on behalf of a park that rated the lead A to C, and only then', async () => {
    const id = await t.ratedLead({ ...bothRateIt, fuling: { tier: 'D', score: 12 } });
    const city = await t.manager();
    const noPark = await t.send('POST', `/v1/leads/${id}/claim`, {}, city);
    expect(noPark.status).toBe(400);
    expect((await body(noPark)).errors).toMatchObject([{ path: 'parkId', code: 'required' }]);
    expect((await t.send('POST', `/v1/leads/${id}/claim`, { parkId: 'fuling' }, city)).status).toBe(403);
    expect((await t.send('POST', `/v1/leads/${id}/claim`, { parkId: 'nowhere' }, city)).status).toBe(400);
    const res = await t.send('POST', `/v1/leads/${id}/claim`, { parkId: BIO_CITY }, await t.admin());
    expect(res.status).toBe(201);
    expect((await body<TeamLeadView>(res)).owner).toMatchObject({ parkId: BIO_CITY, by: 'admin' });
  });

  it('refuses a team claiming for another park, and a lead its park did not rate A to C', async () => {
    const id = await t.ratedLead({ [DADUKOU]: { tier: 'B', score: 60 }, fuling: { tier: 'D', score: 10 } });
    const dadukou = await t.analyst(DADUKOU);
    expect((await t.send('POST', `/v1/leads/${id}/claim`, { parkId: BIO_CITY }, dadukou)).status).toBe(403);
    expect((await t.send('POST', `/v1/leads/${id}/claim`, {}, await t.analyst('fuling'))).status).toBe(404);
    expect((await t.leadDocs().findOne({ _id: id }))?.owner).toBeUndefined();
  });
});
