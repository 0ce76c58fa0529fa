import type { FiguresList, MonthlyFigures } from '@parkmatch/contracts';
import type { OutboxFields } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { body, figures, OWNER, outboxPayload, outboxTopics, ownedLead } from '../../../test/ledger-steps.ts';
import { type OpenLeads, openLeads } from '../../../test/open-leads.ts';
import type { FiguresDoc } from './figures.ts';
import { FiguresRepository } from './repository.ts';

let t: OpenLeads;
let analyst: string;
let id: string;
beforeEach(async () => {
  t = await openLeads();
  analyst = await t.analyst(OWNER);
  id = await ownedLead(t, 1, { stage: 'operating' });
});
afterEach(() => t.close());

const figuresDocs = () => t.store.collection<FiguresDoc & OutboxFields>(FiguresRepository.COLLECTION);
const report = (month: string, input: Record<string, unknown>, token = analyst) =>
  t.send('PUT', `/v1/leads/${id}/figures/${month}`, input, token);

describe('monthly figures (重点培育)', () => {
  it('stores one entry per lead and month with a figuresReported event; the same figures again change nothing', async () => {
    const first = await report('2026-10', figures());
    expect(first.status).toBe(201);
    expect(await body<MonthlyFigures>(first)).toEqual({
      ...figures(),
      leadId: id,
      parkId: OWNER,
      month: '2026-10',
      reportedBy: `${OWNER}-analyst`,
      reportedAt: '2026-11-02T02:00:00.000Z',
      history: [],
    });
    const events = await t.waitingEvents(`${id}:2026-10`, FiguresRepository.COLLECTION);
    expect(outboxTopics(events)).toEqual(['leads.figures.reported.v1']);
    expect(outboxPayload(events, 0)).toMatchObject({
      month: '2026-10',
      revenueCny: 12_500_000,
      correction: false,
    });

    t.setNow('2026-11-03T02:00:00.000Z');
    const again = await report('2026-10', figures());
    expect(again.status).toBe(200);
    expect((await body<MonthlyFigures>(again)).reportedAt).toBe('2026-11-02T02:00:00.000Z');
    expect(await t.waitingEvents(`${id}:2026-10`, FiguresRepository.COLLECTION)).toHaveLength(1);
    expect(t.written()).toBe(1);
  });

  it('takes different figures as a correction that keeps the earlier ones in history', async () => {
    await report('2026-10', figures());
    t.setNow('2026-11-05T02:00:00.000Z');
    const corrected = await report('2026-10', figures({ revenueCny: 12_900_000, taxCny: 860_000 }));
    expect(corrected.status).toBe(200);
    expect(await body<MonthlyFigures>(corrected)).toMatchObject({
      revenueCny: 12_900_000,
      taxCny: 860_000,
      reportedAt: '2026-11-05T02:00:00.000Z',
      history: [{ ...figures(), reportedBy: `${OWNER}-analyst`, reportedAt: '2026-11-02T02:00:00.000Z' }],
    });
    const events = await t.waitingEvents(`${id}:2026-10`, FiguresRepository.COLLECTION);
    expect(outboxTopics(events)).toEqual(['leads.figures.reported.v1', 'leads.figures.reported.v1']);
    expect(outboxPayload(events, 1)).toMatchObject({ revenueCny: 12_900_000, correction: true });
    expect(await figuresDocs().countDocuments()).toBe(1);
  });

  it('lists a lead’s months newest first, each with its corrections', async () => {
    await report('2026-08', figures());
    await report('2026-10', figures());
    await report('2026-09', figures());
    await report('2026-09', figures({ employees: 150 }));
    const res = await t.send('GET', `/v1/leads/${id}/figures`, undefined, analyst);
    expect(res.status).toBe(200);
    const { items } = await body<FiguresList>(res);
    expect(items.map((m) => [m.month, m.history.length])).toEqual([
      ['2026-10', 0],
      ['2026-09', 1],
      ['2026-08', 0],
    ]);
  });

  it('counts months as Shanghai does: December begins at 16:00 UTC on 30 November', async () => {
    t.setNow('2026-11-30T15:59:00.000Z');
    expect((await report('2026-12', figures())).status).toBe(400);
    t.setNow('2026-11-30T16:00:00.000Z');
    expect((await report('2026-12', figures())).status).toBe(201);
  });

  it('refuses a month in the future, a malformed month, negative money, a fractional headcount and unknown fields, storing nothing', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['2026-12', figures(), 'month'],
      ['2026-13', figures(), 'month'],
      ['2026-1', figures(), 'month'],
      ['2026-10', figures({ revenueCny: -5 }), 'revenueCny'],
      ['2026-10', figures({ taxCny: -0.01 }), 'taxCny'],
      ['2026-10', figures({ employees: 12.5 }), 'employees'],
      ['2026-10', { ...figures(), profitCny: 1 }, '(body)'],
      ['2026-10', { ...figures(), mainBusiness: undefined }, 'mainBusiness'],
    ];
    for (const [month, input, path] of cases) {
      const res = await report(month, input);
      expect(res.status, `${month} ${JSON.stringify(input)}`).toBe(400);
      const problem = await body<{ errors: { path: string; message: string; messageEn?: string }[] }>(res);
      expect(problem.errors.map((e) => e.path)).toEqual([path]);
      expect(problem.errors[0]?.message).toBeTruthy();
      expect(problem.errors[0]?.messageEn).toBeTruthy();
    }
    expect(await figuresDocs().countDocuments()).toBe(0);
    expect(t.written()).toBe(0);
  });

  it('takes months before the lead was received (an operating firm’s history), but none before 2000-01', async () => {
    // Received 2026-09: earlier months are the firm's own history, which the office may record.
    expect((await report('2025-03', figures())).status).toBe(201);
    expect((await report('2000-01', figures())).status).toBe(201);
    for (const month of ['1999-12', '1900-01']) {
      const res = await report(month, figures());
      expect(res.status, month).toBe(400);
      const problem = await body<{
        errors: { path: string; code: string; message: string; messageEn: string }[];
      }>(res);
      expect(problem.errors).toMatchObject([{ path: 'month', code: 'too_early' }]);
      expect(problem.errors[0]?.message).toContain('不能早于 2000-01');
      expect(problem.errors[0]?.message).toContain('线索接收之前的月份可以补录');
      expect(problem.errors[0]?.messageEn).toContain('must not be before 2000-01');
    }
    expect(await figuresDocs().countDocuments()).toBe(2);
  });
});
