import type { Appeal, LeadLedger, TeamLeadView } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, appeal, outboxPayload } from '../test/ledger-steps.ts';
import { type OpenLeads, openLeads, profileInput } from '../test/open-leads.ts';
import { BIO_CITY, body, DADUKOU, readLead } from '../test/pipeline-steps.ts';
import { AppealRepository } from './ledgers/appeals/repository.ts';

// Import of history: an admin may say when a past step happened (claim, move, transfer,
// liaison, an appeal's opening and closing, a profile's receipt); nobody else may, and the
// history stays in order. The app clock stands at 2026-11-02T02:00Z.

const NOW = '2026-11-02T02:00:00.000Z';
const CREATED = '2026-03-02T02:00:00.000Z';

let t: OpenLeads;
let admin: string;
let id: string;
beforeEach(async () => {
  t = await openLeads();
  admin = await t.admin();
  // A lead the office received in March, rated by both parks.
  t.setNow(CREATED);
  id = await t.ratedLead({ [DADUKOU]: { tier: 'A', score: 82 }, [BIO_CITY]: { tier: 'B', score: 60 } });
  t.setNow(NOW);
});
afterEach(() => t.close());

const claim = (at: string | undefined, token = admin) =>
  t.send('POST', `/v1/leads/${id}/claim`, { parkId: DADUKOU, ...(at ? { at } : {}) }, token);
const move = async (to: string, extra: Record<string, unknown>, token = admin) => {
  const { pipelineRevision } = await readLead(t, id, admin);
  return t.send('POST', `/v1/leads/${id}/stage`, { to, pipelineRevision, ...extra }, token);
};
const problemOf = async (res: Response) =>
  body<{ status: number; errors?: { path: string; code?: string; message: string; messageEn?: string }[] }>(
    res,
  );
const lastOutboxPayload = async () => outboxPayload(await t.waitingEvents(id), -1);

describe('import of history: pipeline steps in the past', () => {
  it('lets an admin claim at a past time: owner, history and event carry it', async () => {
    const res = await claim('2026-03-05T09:30:00+08:00');
    expect(res.status).toBe(201);
    const lead = await body<TeamLeadView>(res);
    expect(lead.owner).toEqual({ parkId: DADUKOU, by: 'admin', since: '2026-03-05T01:30:00.000Z' });
    expect(lead.history).toEqual([
      { kind: 'claimed', at: '2026-03-05T01:30:00.000Z', by: 'admin', parkId: DADUKOU },
    ]);
    const event = JSON.parse((await t.waitingEvents(id))[0]?.value ?? '{}');
    expect(event.occurredAt).toBe('2026-03-05T01:30:00.000Z');
    expect(event.payload.at).toBe('2026-03-05T01:30:00.000Z');
  });

  it('refuses a time from anyone but an admin: 400 naming the field, in both languages', async () => {
    for (const token of [await t.analyst(DADUKOU), await t.manager(DADUKOU), await t.manager()]) {
      const res = await t.send('POST', `/v1/leads/${id}/claim`, { at: '2026-03-05T01:30:00Z' }, token);
      expect(res.status).toBe(400);
      const problem = await problemOf(res);
      expect(problem.errors).toEqual([
        expect.objectContaining({
          path: 'at',
          code: 'admin-only',
          message: expect.stringContaining('管理员'),
        }),
      ]);
      expect(problem.errors?.[0]?.messageEn).toContain('only an admin');
    }
    expect((await readLead(t, id, admin)).owner).toBeUndefined();
  });

  it('refuses a time in the future, and one before the lead was created', async () => {
    const future = await claim('2026-11-03T00:00:00Z');
    expect(future.status).toBe(400);
    expect((await problemOf(future)).errors?.[0]).toMatchObject({ path: 'at', code: 'future' });
    const early = await claim('2026-03-01T00:00:00Z');
    expect(early.status).toBe(400);
    expect((await problemOf(early)).errors?.[0]).toMatchObject({ path: 'at', code: 'out-of-order' });
    expect((await readLead(t, id, admin)).owner).toBeUndefined();
  });

  it('moves at past times in order; the stage is entered then and the event says so', async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    expect((await move('contacted', { at: '2026-03-10T02:00:00Z' })).status).toBe(200);
    const res = await move('site-visit', { at: '2026-04-02T06:00:00Z' });
    expect(res.status).toBe(200);
    const lead = await body<TeamLeadView>(res);
    expect(lead.stageEnteredAt).toBe('2026-04-02T06:00:00.000Z');
    expect(lead.history.map((h) => h.at)).toEqual([
      '2026-03-05T01:30:00.000Z',
      '2026-03-10T02:00:00.000Z',
      '2026-04-02T06:00:00.000Z',
    ]);
    expect(await lastOutboxPayload()).toMatchObject({
      from: 'contacted',
      to: 'site-visit',
      enteredFromAt: '2026-03-10T02:00:00.000Z',
      at: '2026-04-02T06:00:00.000Z',
    });
  });

  it('refuses a move before the lead entered its stage, or before its latest history entry', async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    expect((await move('contacted', { at: '2026-03-10T02:00:00Z' })).status).toBe(200);
    const res = await move('site-visit', { at: '2026-03-09T02:00:00Z' });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ path: 'at', code: 'out-of-order' });
    expect((await readLead(t, id, admin)).stage).toBe('contacted');
  });

  it('refuses a move at a past time by the owner park’s manager', async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    const res = await move('contacted', { at: '2026-03-10T02:00:00Z' }, await t.manager(DADUKOU));
    expect(res.status).toBe(400);
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ path: 'at', code: 'admin-only' });
  });

  it('checks a past move’s facts against the day of the move', async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    // Signed on a day after the move was made: refused, though it is before today.
    const late = await move('signed', {
      at: '2026-05-10T02:00:00Z',
      note: '历史台账导入',
      facts: { agreedInvestmentCny: 80_000_000, signedOn: '2026-05-20' },
    });
    expect(late.status).toBe(400);
    expect((await problemOf(late)).errors?.[0]).toMatchObject({ path: 'facts.signedOn' });
    const signed = await move('signed', {
      at: '2026-05-10T02:00:00Z',
      note: '历史台账导入',
      facts: { agreedInvestmentCny: 80_000_000, signedOn: '2026-05-09' },
    });
    expect(signed.status).toBe(200);
    // A hold in June, to resume in August: the resume date is after the move, though not after today.
    const held = await move('on-hold', { at: '2026-06-01T02:00:00Z', facts: { resumeOn: '2026-08-01' } });
    expect(held.status).toBe(200);
  });

  it('checks an imported move’s dates against the day the lead was received, and the visits too', async () => {
    // The office received the lead on 2026-03-02 (CREATED); it signed in May.
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    const before = await move('signed', {
      at: '2026-05-10T02:00:00Z',
      note: '历史台账导入',
      facts: { agreedInvestmentCny: 80_000_000, signedOn: '2026-03-01' },
    });
    expect(before.status).toBe(400);
    expect((await problemOf(before)).errors?.[0]).toMatchObject({
      path: 'facts.signedOn',
      code: 'before_received',
      message: '不能早于线索接收日期（2026-03-02）',
    });
    const onTheDay = await move('signed', {
      at: '2026-05-10T02:00:00Z',
      note: '历史台账导入',
      facts: { agreedInvestmentCny: 80_000_000, signedOn: '2026-03-02' },
    });
    expect(onTheDay.status).toBe(200);
    const visit = { participants: ['王主任'], summary: '首次走访' };
    const send = (date: string) => t.send('POST', `/v1/leads/${id}/visits`, { date, ...visit }, admin);
    const early = await send('2026-03-01');
    expect(early.status).toBe(400);
    expect((await problemOf(early)).errors?.[0]).toMatchObject({ path: 'date', code: 'before_received' });
    expect((await send('2026-03-02')).status).toBe(201);
  });

  it('transfers at a past time for an admin; a city manager may not give one', async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    const refused = await t.send(
      'POST',
      `/v1/leads/${id}/transfer`,
      { toParkId: BIO_CITY, reason: '企业主营为抗体原料', pipelineRevision: 2, at: '2026-04-01T00:00:00Z' },
      await t.manager(),
    );
    expect(refused.status).toBe(400);
    expect((await problemOf(refused)).errors?.[0]).toMatchObject({ path: 'at', code: 'admin-only' });
    const early = await t.send(
      'POST',
      `/v1/leads/${id}/transfer`,
      { toParkId: BIO_CITY, reason: '企业主营为抗体原料', pipelineRevision: 2, at: '2026-03-04T00:00:00Z' },
      admin,
    );
    expect(early.status).toBe(400);
    const res = await t.send(
      'POST',
      `/v1/leads/${id}/transfer`,
      { toParkId: BIO_CITY, reason: '企业主营为抗体原料', pipelineRevision: 2, at: '2026-04-01T00:00:00Z' },
      admin,
    );
    expect(res.status).toBe(200);
    expect((await body<TeamLeadView>(res)).owner?.since).toBe('2026-04-01T00:00:00.000Z');
    expect(await lastOutboxPayload()).toMatchObject({ toParkId: BIO_CITY, at: '2026-04-01T00:00:00.000Z' });
  });

  it('names a liaison at a past time for an admin only, in order', async () => {
    await account(t, 'dadukou', 'analyst', DADUKOU);
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
    const put = (at: string, token: string) =>
      t.send('PUT', `/v1/leads/${id}/liaison`, { username: 'dadukou', pipelineRevision: 2, at }, token);
    const byAnalyst = await put('2026-03-06T01:00:00Z', await t.analyst(DADUKOU));
    expect(byAnalyst.status).toBe(400);
    expect((await problemOf(byAnalyst)).errors?.[0]).toMatchObject({ path: 'at', code: 'admin-only' });
    expect((await put('2026-03-04T01:00:00Z', admin)).status).toBe(400);
    const res = await put('2026-03-06T01:00:00Z', admin);
    expect(res.status).toBe(200);
    expect((await body<LeadLedger>(res)).liaison?.since).toBe('2026-03-06T01:00:00.000Z');
    expect(await lastOutboxPayload()).toMatchObject({ liaison: 'dadukou', at: '2026-03-06T01:00:00.000Z' });
  });
});

describe('import of history: appeals opened and closed in the past', () => {
  const openAppeal = (input: Record<string, unknown>, token = admin) =>
    t.send('POST', `/v1/leads/${id}/appeals`, appeal(input), token);
  const close = (appealId: string, input: Record<string, unknown>, token = admin) =>
    t.send('PATCH', `/v1/appeals/${appealId}`, { revision: 1, ...input }, token);

  beforeEach(async () => {
    expect((await claim('2026-03-05T01:30:00Z')).status).toBe(201);
  });

  it('opens an appeal in the past with a due date in the past (then overdue), and closes it later', async () => {
    const res = await openAppeal({ openedAt: '2026-04-01T02:00:00Z', dueOn: '2026-04-30' });
    expect(res.status).toBe(201);
    const opened = await body<Appeal>(res);
    expect(opened).toMatchObject({
      openedAt: '2026-04-01T02:00:00.000Z',
      dueOn: '2026-04-30',
      overdue: true,
    });
    expect(opened.history).toEqual([{ to: 'open', by: 'admin', at: '2026-04-01T02:00:00.000Z' }]);
    const appealEvents = () => t.waitingEvents(opened.id, AppealRepository.COLLECTION);
    expect(JSON.parse((await appealEvents())[0]?.value ?? '{}').occurredAt).toBe('2026-04-01T02:00:00.000Z');

    const early = await close(opened.id, {
      status: 'resolved',
      resolution: '区市场监管局协调提前检验',
      closedAt: '2026-03-31T00:00:00Z',
    });
    expect(early.status).toBe(400);
    expect((await problemOf(early)).errors?.[0]).toMatchObject({ path: 'closedAt', code: 'out-of-order' });
    const closed = await close(opened.id, {
      status: 'resolved',
      resolution: '区市场监管局协调提前检验',
      closedAt: '2026-04-20T08:00:00Z',
    });
    expect(closed.status).toBe(200);
    expect(await body<Appeal>(closed)).toMatchObject({
      status: 'resolved',
      closedAt: '2026-04-20T08:00:00.000Z',
      overdue: false,
    });
    const event = JSON.parse((await appealEvents()).at(-1)?.value ?? '{}');
    expect(event.occurredAt).toBe('2026-04-20T08:00:00.000Z');
    expect(event.payload).toMatchObject({ outcome: 'resolved', openedAt: '2026-04-01T02:00:00.000Z' });
  });

  it('refuses a due date before the day of opening, and an opening before the park took the lead', async () => {
    const due = await openAppeal({ openedAt: '2026-04-01T02:00:00Z', dueOn: '2026-03-31' });
    expect(due.status).toBe(400);
    expect((await problemOf(due)).errors?.[0]).toMatchObject({ path: 'dueOn' });
    const early = await openAppeal({ openedAt: '2026-03-04T02:00:00Z', dueOn: '2026-04-30' });
    expect(early.status).toBe(400);
    expect((await problemOf(early)).errors?.[0]).toMatchObject({ path: 'openedAt', code: 'out-of-order' });
  });

  it('refuses openedAt and closedAt from an analyst, and closedAt on a change that does not close', async () => {
    const analyst = await t.analyst(DADUKOU);
    const byAnalyst = await openAppeal({ openedAt: '2026-04-01T02:00:00Z', dueOn: '2026-04-30' }, analyst);
    expect(byAnalyst.status).toBe(400);
    expect((await problemOf(byAnalyst)).errors?.[0]).toMatchObject({ path: 'openedAt', code: 'admin-only' });

    const opened = await body<Appeal>(await openAppeal({ dueOn: '2026-11-30' }, analyst));
    const closedByAnalyst = await close(
      opened.id,
      { status: 'rejected', rejectionReason: '不属于园区职能', closedAt: '2026-11-02T01:00:00Z' },
      analyst,
    );
    expect(closedByAnalyst.status).toBe(400);
    expect((await problemOf(closedByAnalyst)).errors?.[0]).toMatchObject({
      path: 'closedAt',
      code: 'admin-only',
    });
    const notClosing = await close(opened.id, { status: 'in-progress', closedAt: '2026-11-02T01:30:00Z' });
    expect(notClosing.status).toBe(400);
    expect((await problemOf(notClosing)).errors?.[0]).toMatchObject({ path: 'closedAt', code: 'unexpected' });
  });
});

describe('import of history: a profile received in the past', () => {
  it('creates the lead at the time an admin gives; the submitted event carries it', async () => {
    const res = await fetchSubmit('?at=2026-01-12T10:00:00%2B08:00', admin, 7);
    expect(res.status).toBe(201);
    const { id: leadId } = await body<{ id: string }>(res);
    const lead = await readLead(t, leadId, admin);
    expect(lead).toMatchObject({
      createdAt: '2026-01-12T02:00:00.000Z',
      stageEnteredAt: '2026-01-12T02:00:00.000Z',
    });
    expect(JSON.parse((await t.waitingEvents(leadId))[0]?.value ?? '{}').occurredAt).toBe(
      '2026-01-12T02:00:00.000Z',
    );
  });

  it('refuses `at` without an admin token (400), with a bad token (401) and in the future (400)', async () => {
    const anonymous = await fetchSubmit('?at=2026-01-12T02:00:00Z', undefined, 8);
    expect(anonymous.status).toBe(400);
    expect((await problemOf(anonymous)).errors?.[0]).toMatchObject({ path: 'at', code: 'admin-only' });
    expect((await fetchSubmit('?at=2026-01-12T02:00:00Z', await t.analyst(DADUKOU), 8)).status).toBe(400);
    expect((await fetchSubmit('?at=2026-01-12T02:00:00Z', 'not-a-token', 8)).status).toBe(401);
    expect((await fetchSubmit('?at=2026-12-12T02:00:00Z', admin, 8)).status).toBe(400);
    // Without `at` a token changes nothing: the lead is received now.
    const plain = await fetchSubmit('', undefined, 8);
    expect(plain.status).toBe(201);
  });

  const fetchSubmit = (query: string, token: string | undefined, seed: number) =>
    t.send('POST', `/v1/profiles${query}`, profileInput(seed), token);
});
