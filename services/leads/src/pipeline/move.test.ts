import { creditCodeCheckChar, type TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads } from '../../test/open-leads.ts';
import { BIO_CITY, body, claimedLead, DADUKOU, moveTo, readLead } from '../../test/pipeline-steps.ts';

let t: OpenLeads;
let analyst: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(DADUKOU);
});
afterEach(() => t.close());

const registeredCode = `91500104MA${'6000001'}${creditCodeCheckChar('91500104MA6000001')}`;
const FACTS = {
  signed: { agreedInvestmentCny: 300_000_000, signedOn: '2026-11-20' },
  registered: {
    entityName: '重庆测试生物科技有限公司',
    creditCode: registeredCode,
    registeredCapitalCny: 50_000_000,
    registeredOn: '2026-12-15',
  },
  construction: { startedOn: '2027-03-01', expectedAnnualOutputCny: 800_000_000 },
  operating: { startedOn: '2027-12-01', expectedAnnualOutputCny: 900_000_000 },
};

const stagesOf = (lead: TeamLeadView) => lead.history.filter((h) => h.kind === 'stage').map((h) => h.to);

describe('moving a lead through the pipeline', () => {
  it('walks 线索 to 投产 one stage at a time, recording who, when and the facts of each stage', async () => {
    const id = await claimedLead(t, DADUKOU);
    const steps: [string, string, Record<string, unknown>?][] = [
      ['contacted', '2026-11-03T02:00:00Z'],
      ['site-visit', '2026-11-10T02:00:00Z'],
      ['negotiating', '2026-11-12T02:00:00Z'],
      ['signed', '2026-11-20T02:00:00Z', FACTS.signed],
      ['registered', '2026-12-15T02:00:00Z', FACTS.registered],
      ['construction', '2027-03-01T02:00:00Z', FACTS.construction],
      ['operating', '2027-12-01T02:00:00Z', FACTS.operating],
    ];
    for (const [to, at, facts] of steps) {
      t.setNow(at);
      const res = await moveTo(t, id, to, analyst, facts ? { facts } : {});
      expect(res.status, `${to}: ${await res.clone().text()}`).toBe(200);
      expect(await body<TeamLeadView>(res)).toMatchObject({
        stage: to,
        stageEnteredAt: new Date(at).toISOString(),
      });
    }
    const lead = await readLead(t, id, analyst);
    expect(lead.pipelineRevision).toBe(9);
    expect(stagesOf(lead)).toEqual(steps.map(([to]) => to));
    expect(lead.facts).toEqual({ ...FACTS, registered: { ...FACTS.registered } });
    expect(lead.history.at(-1)).toEqual({
      kind: 'stage',
      at: '2027-12-01T02:00:00.000Z',
      by: `${DADUKOU}-analyst`,
      parkId: DADUKOU,
      from: 'construction',
      to: 'operating',
      facts: FACTS.operating,
    });
    expect(lead.legalMoves.every((m) => m.kind === 'back')).toBe(true);
    const outbox = await t.waitingEvents(id);
    const moves = outbox.filter((e) => e.topic === 'leads.lead.stage-changed.v1');
    expect(moves).toHaveLength(7);
    expect(JSON.parse(moves[3]?.value ?? '{}').payload).toEqual({
      leadId: id,
      parkId: DADUKOU,
      from: 'negotiating',
      to: 'signed',
      facts: FACTS.signed,
      enteredFromAt: '2026-11-12T02:00:00.000Z',
      by: `${DADUKOU}-analyst`,
      at: '2026-11-20T02:00:00.000Z',
    });
  });

  it('skips forward only with a note, and keeps the note in history and the event', async () => {
    const id = await claimedLead(t, DADUKOU);
    const bare = await moveTo(t, id, 'negotiating', analyst);
    expect(bare.status).toBe(400);
    expect(await body(bare)).toMatchObject({ errors: [{ path: 'note', code: 'required' }] });
    const res = await moveTo(t, id, 'negotiating', analyst, { note: '企业已完成考察，直接进入谈判' });
    expect(res.status).toBe(200);
    expect((await body<TeamLeadView>(res)).history.at(-1)).toMatchObject({
      from: 'lead',
      to: 'negotiating',
      note: '企业已完成考察，直接进入谈判',
    });
  });

  it('moves back only for a manager, with a note', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'contacted', analyst);
    await moveTo(t, id, 'site-visit', analyst);
    const byAnalyst = await moveTo(t, id, 'contacted', analyst, { note: '考察推迟' });
    expect(byAnalyst.status).toBe(403);
    expect((await body(byAnalyst)).detail).toContain('a manager');
    const manager = await t.manager(DADUKOU);
    const noNote = await moveTo(t, id, 'contacted', manager);
    expect(noNote.status).toBe(400);
    const res = await moveTo(t, id, 'contacted', manager, { note: '考察推迟，退回接洽' });
    expect(res.status).toBe(200);
    const lead = await body<TeamLeadView>(res);
    expect(lead.stage).toBe('contacted');
    expect(lead.legalMoves.find((m) => m.to === 'lead')).toEqual({
      to: 'lead',
      kind: 'back',
      needs: ['note'],
    });
  });

  it('puts a lead on hold until a future date and resumes it where it was', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'contacted', analyst);
    const past = await moveTo(t, id, 'on-hold', analyst, { facts: { resumeOn: '2026-11-01' } });
    expect(past.status).toBe(400);
    expect((await body(past)).errors).toMatchObject([{ path: 'facts.resumeOn', code: 'past_date' }]);
    const held = await moveTo(t, id, 'on-hold', analyst, { facts: { resumeOn: '2027-02-01' } });
    expect(await body<TeamLeadView>(held)).toMatchObject({
      stage: 'on-hold',
      heldFrom: 'contacted',
      facts: { 'on-hold': { resumeOn: '2027-02-01' } },
    });
    t.setNow('2027-02-01T01:00:00Z');
    const resumed = await body<TeamLeadView>(await moveTo(t, id, 'contacted', analyst));
    expect(resumed.stage).toBe('contacted');
    expect(resumed.heldFrom).toBeUndefined();
    expect(resumed.history.at(-1)).toMatchObject({ from: 'on-hold', to: 'contacted' });
  });

  it('loses a lead with a reason from the list, and lets only a manager reopen it', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'contacted', analyst);
    const noReason = await moveTo(t, id, 'lost', analyst);
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors).toMatchObject([{ path: 'facts.reason' }]);
    const other = await moveTo(t, id, 'lost', analyst, { facts: { reason: 'other' } });
    expect((await body(other)).errors).toMatchObject([{ path: 'facts.detail' }]);
    const lost = await moveTo(t, id, 'lost', analyst, {
      facts: { reason: 'other-region', detail: '选择成都' },
    });
    expect(await body<TeamLeadView>(lost)).toMatchObject({ stage: 'lost', heldFrom: 'contacted' });
    expect((await moveTo(t, id, 'contacted', analyst, { note: '企业回心转意' })).status).toBe(403);
    const reopened = await moveTo(t, id, 'contacted', await t.manager(), { note: '企业回心转意' });
    expect(reopened.status).toBe(200);
    expect((await body<TeamLeadView>(reopened)).stage).toBe('contacted');
  });

  it('refuses a move made on a stale revision with the current stage and revision, storing nothing', async () => {
    const id = await claimedLead(t, DADUKOU);
    const { pipelineRevision } = await readLead(t, id, analyst);
    const first = { to: 'contacted', pipelineRevision };
    expect((await t.send('POST', `/v1/leads/${id}/stage`, first, analyst)).status).toBe(200);
    const stale = await t.send(
      'POST',
      `/v1/leads/${id}/stage`,
      { to: 'site-visit', pipelineRevision },
      analyst,
    );
    expect(stale.status).toBe(409);
    expect(await body(stale)).toMatchObject({ stage: 'contacted', pipelineRevision: pipelineRevision + 1 });
    expect((await readLead(t, id, analyst)).stage).toBe('contacted');
  });

  it('refuses an illegal move, listing the legal stages', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'contacted', analyst);
    await moveTo(t, id, 'on-hold', analyst, { facts: { resumeOn: '2027-01-10' } });
    const res = await moveTo(t, id, 'signed', analyst, { facts: FACTS.signed });
    expect(res.status).toBe(409);
    expect(await body(res)).toMatchObject({ stage: 'on-hold', legal: ['contacted', 'lost'] });
    expect((await moveTo(t, id, 'withdrawn', analyst)).status).toBe(409);
    expect((await moveTo(t, id, 'nowhere', analyst)).status).toBe(400);
  });

  it('asks for each missing or wrong fact under facts.*, and for dates that have happened', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'negotiating', analyst, { note: '快速推进' });
    const none = await moveTo(t, id, 'signed', analyst);
    expect(none.status).toBe(400);
    expect((await body(none)).errors).toMatchObject([
      { path: 'facts.agreedInvestmentCny' },
      { path: 'facts.signedOn' },
    ]);
    const future = await moveTo(t, id, 'signed', analyst, {
      facts: { ...FACTS.signed, signedOn: '2026-11-03' },
    });
    expect((await body(future)).errors).toMatchObject([{ path: 'facts.signedOn', code: 'future_date' }]);
    const negative = await moveTo(t, id, 'signed', analyst, {
      facts: { agreedInvestmentCny: -5, signedOn: '2026-11-02' },
    });
    expect((await body(negative)).errors).toMatchObject([{ path: 'facts.agreedInvestmentCny' }]);
    expect(
      (await moveTo(t, id, 'contacted', await t.manager(DADUKOU), { note: 'x', facts: {} })).status,
    ).toBe(400);
    expect((await readLead(t, id, analyst)).stage).toBe('negotiating');
  });

  it('refuses dates of what happened before the lead was received, in both languages', async () => {
    // The lead was received today (2026-11-02): a signing in 1901 did not happen to it.
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'negotiating', analyst, { note: '快速推进' });
    const ancient = await moveTo(t, id, 'signed', analyst, {
      facts: { ...FACTS.signed, signedOn: '1901-01-01' },
    });
    expect(ancient.status).toBe(400);
    expect(ancient.headers.get('content-type')).toContain('application/problem+json');
    expect((await body(ancient)).errors).toEqual([
      {
        path: 'facts.signedOn',
        message: '不能早于线索接收日期（2026-11-02）',
        messageEn: 'must not be before the day the lead was received (2026-11-02)',
        code: 'before_received',
      },
    ]);
    const dayBefore = await moveTo(t, id, 'signed', analyst, {
      facts: { ...FACTS.signed, signedOn: '2026-11-01' },
    });
    expect(dayBefore.status).toBe(400);
    // Skipping 签约 straight to 注册: its date too is bounded by the day received.
    const registered = await moveTo(t, id, 'registered', analyst, {
      note: '企业已先行注册',
      facts: { ...FACTS.registered, registeredOn: '2026-10-30' },
    });
    expect(registered.status).toBe(400);
    expect((await body(registered)).errors).toMatchObject([
      { path: 'facts.registeredOn', code: 'before_received' },
    ]);
    const lead = await readLead(t, id, analyst);
    expect(lead.stage).toBe('negotiating');
    expect(lead.facts).toEqual({});
  });

  it('refuses a stage’s date before the date of the stage it follows: 注册 ≥ 签约, 开工 ≥ 注册, 投产 ≥ 开工', async () => {
    const id = await claimedLead(t, DADUKOU);
    await moveTo(t, id, 'negotiating', analyst, { note: '快速推进' });
    t.setNow('2026-11-20T02:00:00Z');
    expect((await moveTo(t, id, 'signed', analyst, { facts: FACTS.signed })).status).toBe(200);
    t.setNow('2028-01-01T02:00:00Z');
    const steps: [string, Record<string, unknown>, string, string][] = [
      ['registered', FACTS.registered, 'registeredOn', '2026-11-20'],
      ['construction', FACTS.construction, 'startedOn', '2026-12-15'],
      ['operating', FACTS.operating, 'startedOn', '2027-03-01'],
    ];
    for (const [to, facts, field, previous] of steps) {
      const dayBefore = new Date(Date.parse(previous) - 86_400_000).toISOString().slice(0, 10);
      const early = await moveTo(t, id, to, analyst, { facts: { ...facts, [field]: dayBefore } });
      expect(early.status, to).toBe(400);
      const errors = (await body<{ errors: Record<string, string>[] }>(early)).errors;
      expect(errors).toMatchObject([{ path: `facts.${field}`, code: 'before_previous_stage' }]);
      expect(errors[0]?.message).toContain(`（${previous}）`);
      expect(errors[0]?.messageEn).toContain(`(${previous})`);
      // The same day as the stage before is fine, and so are the planned facts.
      expect((await moveTo(t, id, to, analyst, { facts })).status, to).toBe(200);
    }
    expect((await readLead(t, id, analyst)).stage).toBe('operating');
  });

  it('moves nothing nobody owns, and nothing another park owns', async () => {
    const id = await t.ratedLead({
      [DADUKOU]: { tier: 'A', score: 80 },
      [BIO_CITY]: { tier: 'B', score: 60 },
    });
    const unclaimed = await moveTo(t, id, 'contacted', analyst);
    expect(unclaimed.status).toBe(409);
    expect((await body(unclaimed)).detail).toContain('claim it first');
    await t.send('POST', `/v1/leads/${id}/claim`, {}, analyst);
    expect((await moveTo(t, id, 'contacted', await t.analyst(BIO_CITY))).status).toBe(403);
    expect((await moveTo(t, id, 'contacted', await t.manager())).status).toBe(200);
  });
});
