import type { Appeal, AppealPage } from '@parkmatch/contracts';
import type { OutboxFields } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appeal,
  body,
  OTHER,
  OWNER,
  outboxPayload,
  outboxTopics,
  ownedLead,
} from '../../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../../test/open-leads.ts';
import type { AppealDoc } from './appeal.ts';
import { AppealRepository } from './repository.ts';

let t: OpenLeads;
let analyst: string;
let id: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
  id = await ownedLead(t);
});
afterEach(() => t.close());

const appealDocs = () => t.store.collection<AppealDoc & OutboxFields>(AppealRepository.COLLECTION);
const open = async (overrides: Parameters<typeof appeal>[0] = {}, leadId = id, token = analyst) => {
  const res = await t.send('POST', `/v1/leads/${leadId}/appeals`, appeal(overrides), token);
  if (res.status !== 201) throw new Error(`open answered ${res.status}: ${await res.text()}`);
  return body<Appeal>(res);
};
const change = (appealId: string, input: Record<string, unknown>, token = analyst) =>
  t.send('PATCH', `/v1/appeals/${appealId}`, input, token);
const list = async (query: string, token = analyst) => {
  const res = await t.send('GET', `/v1/appeals${query}`, undefined, token);
  expect(res.status).toBe(200);
  return body<AppealPage>(res);
};

describe('appeals (诉求)', () => {
  it('opens an appeal (201, open) with an appealOpened event in the same document', async () => {
    const opened = await open();
    expect(opened).toMatchObject({
      ...appeal(),
      leadId: id,
      parkId: OWNER,
      status: 'open',
      overdue: false,
      revision: 1,
      openedBy: `${OWNER}-analyst`,
      history: [{ to: 'open', by: `${OWNER}-analyst`, at: '2026-11-02T02:00:00.000Z' }],
    });
    const events = await t.waitingEvents(opened.id, AppealRepository.COLLECTION);
    expect(outboxTopics(events)).toEqual(['leads.appeal.opened.v1']);
    expect(outboxPayload(events, 0)).toMatchObject({
      appealId: opened.id,
      category: 'registration',
      dueOn: '2026-11-30',
    });
  });

  it('goes open → in progress → resolved with how, keeping every status in its history, and announces the close', async () => {
    const opened = await open();
    const started = await change(opened.id, { status: 'in-progress', note: '已转区市场监管局', revision: 1 });
    expect(started.status).toBe(200);
    t.setNow('2026-11-20T03:00:00.000Z');
    const resolved = await change(opened.id, {
      status: 'resolved',
      resolution: '市药监局已安排提前介入审评',
      revision: 2,
    });
    expect(resolved.status).toBe(200);
    expect(await body(resolved)).toMatchObject({
      status: 'resolved',
      resolution: '市药监局已安排提前介入审评',
      closedAt: '2026-11-20T03:00:00.000Z',
      revision: 3,
      history: [
        { to: 'open' },
        { from: 'open', to: 'in-progress', note: '已转区市场监管局' },
        { from: 'in-progress', to: 'resolved', at: '2026-11-20T03:00:00.000Z' },
      ],
    });
    const events = await t.waitingEvents(opened.id, AppealRepository.COLLECTION);
    expect(outboxTopics(events)).toEqual(['leads.appeal.opened.v1', 'leads.appeal.closed.v1']);
    expect(outboxPayload(events, 1)).toMatchObject({
      outcome: 'resolved',
      openedAt: opened.openedAt,
      dueOn: '2026-11-30',
    });
  });

  it('rejects straight from open with why, and lets nothing leave a closed appeal (409 listing the legal statuses)', async () => {
    const opened = await open();
    const rejected = await change(opened.id, {
      status: 'rejected',
      rejectionReason: '属企业自身经营事项',
      revision: 1,
    });
    expect(rejected.status).toBe(200);
    const reopened = await change(opened.id, { status: 'in-progress', revision: 2 });
    expect(reopened.status).toBe(409);
    expect(await body(reopened)).toMatchObject({ legal: [], errors: [{ path: 'status', code: 'illegal' }] });
    const other = await open();
    await change(other.id, { status: 'in-progress', revision: 1 });
    const back = await change(other.id, { status: 'open', revision: 2 });
    expect(back.status).toBe(409);
    expect(await body(back)).toMatchObject({ legal: ['resolved', 'rejected'] });
  });

  it('refuses a stale revision (409 with the current one) and a close without how or why (400), changing nothing', async () => {
    const opened = await open();
    await change(opened.id, { status: 'in-progress', revision: 1 });
    const stale = await change(opened.id, { status: 'resolved', resolution: '已解决', revision: 1 });
    expect(stale.status).toBe(409);
    expect(await body(stale)).toMatchObject({
      revision: 2,
      appealStatus: 'in-progress',
      errors: [{ path: 'revision' }],
    });
    const noHow = await change(opened.id, { status: 'resolved', revision: 2 });
    expect(noHow.status).toBe(400);
    expect((await body(noHow)).errors).toEqual([
      expect.objectContaining({ path: 'resolution', code: 'required' }),
    ]);
    expect((await change(opened.id, { status: 'rejected', revision: 2 })).status).toBe(400);
    expect((await change(opened.id, { status: 'closed', revision: 2 })).status).toBe(400);
    const doc = await appealDocs().findOne({ _id: opened.id });
    expect(doc).toMatchObject({ status: 'in-progress', revision: 2 });
    expect(outboxTopics(await t.waitingEvents(opened.id, AppealRepository.COLLECTION))).toEqual([
      'leads.appeal.opened.v1',
    ]);
  });

  it('refuses an unknown category, a due date in the past, a missing department and unknown fields, storing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...appeal(), category: 'tax' }, 'category'],
      [appeal({ dueOn: '2026-11-01' }), 'dueOn'],
      [{ ...appeal(), department: undefined }, 'department'],
      [{ ...appeal(), priority: 'high' }, '(body)'],
    ];
    for (const [input, path] of cases) {
      const res = await t.send('POST', `/v1/leads/${id}/appeals`, input, analyst);
      expect(res.status, JSON.stringify(input)).toBe(400);
      const problem = await body<{ errors: { path: string; message: string; messageEn?: string }[] }>(res);
      expect(problem.errors.map((e) => e.path)).toEqual([path]);
      expect(problem.errors[0]?.messageEn).toBeTruthy();
    }
    // due today is fine
    await open({ dueOn: '2026-11-02' });
    expect(await appealDocs().countDocuments()).toBe(1);
  });

  it('lists the park’s appeals by status, category, lead and overdue, newest first, page by page', async () => {
    const second = await ownedLead(t, 2);
    const a = await open({ category: 'talent', dueOn: '2026-11-05' });
    t.setNow('2026-11-03T02:00:00.000Z');
    const b = await open({ category: 'land', dueOn: '2026-11-10' }, second);
    t.setNow('2026-11-04T02:00:00.000Z');
    const c = await open({ category: 'talent', dueOn: '2026-11-06' });
    await change(c.id, { status: 'in-progress', revision: 1 });
    const all = await list('');
    expect(all.items.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(all.nextCursor).toBeNull();
    expect((await list('?category=talent')).items.map((x) => x.id)).toEqual([c.id, a.id]);
    expect((await list('?status=in-progress')).items.map((x) => x.id)).toEqual([c.id]);
    expect((await list(`?leadId=${second}`)).items.map((x) => x.id)).toEqual([b.id]);
    // On 11-07 (Shanghai) a (due 11-05) and c (due 11-06) are overdue; once c is resolved, only a.
    t.setNow('2026-11-07T02:00:00.000Z');
    expect((await list('?overdue=true')).items.map((x) => [x.id, x.overdue])).toEqual([
      [c.id, true],
      [a.id, true],
    ]);
    await change(c.id, { status: 'resolved', resolution: '已对接人才公寓', revision: 2 });
    expect((await list('?overdue=true')).items.map((x) => x.id)).toEqual([a.id]);
    expect((await list('?overdue=false')).items.map((x) => x.id)).toEqual([c.id, b.id]);
    const first = await list('?limit=2');
    expect(first.items.map((x) => x.id)).toEqual([c.id, b.id]);
    const next = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(next.items.map((x) => x.id)).toEqual([a.id]);
    expect((await t.send('GET', '/v1/appeals?cursor=nonsense', undefined, analyst)).status).toBe(400);
    const forLead = await t.send('GET', `/v1/leads/${id}/appeals?status=resolved`, undefined, analyst);
    expect((await body<AppealPage>(forLead)).items.map((x) => x.id)).toEqual([c.id]);
  });

  it('keeps another park’s team out: an empty list, and 404 on the appeal', async () => {
    const opened = await open();
    const other = await t.analyst(OTHER);
    expect((await list('', other)).items).toEqual([]);
    expect((await t.send('GET', `/v1/appeals/${opened.id}`, undefined, other)).status).toBe(404);
    expect((await change(opened.id, { status: 'in-progress', revision: 1 }, other)).status).toBe(404);
    expect((await list('', await t.manager())).items.map((x) => x.id)).toEqual([opened.id]);
  });
});
