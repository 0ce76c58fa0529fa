import { describe, expect, it } from 'vitest';
import { claimed, moved, scored, signedFacts, submitted } from '../../test/events.ts';
import { SCENARIO, SCENARIO_NOW } from '../../test/scenario.ts';
import { type Period, resolvePeriod } from '../calendar/period.ts';
import { factsOf } from '../read-model/facts.ts';
import { foldAll } from '../read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../read-model/lead-state.ts';
import { LeadTable } from '../read-model/lead-table.ts';
import { activity } from './activity.ts';
import { appeals } from './appeals.ts';
import { conversion } from './conversion.ts';
import { funnel } from './funnel.ts';
import { investment } from './investment.ts';
import { lost } from './lost.ts';
import { quality } from './quality.ts';
import { metricQuery } from './query.ts';
import { timeInStage } from './time-in-stage.ts';

// Every expected number below is counted by hand from test/scenario.ts (Q1 2026).

const states = new Map<string, LeadState>();
foldAll(states, SCENARIO, emptyLeadState);
const leads = LeadTable.of([...states.values()].map(factsOf));
const q1 = (resolvePeriod({ period: 'quarter', date: '2026-02-15' }, SCENARIO_NOW) as { period: Period })
  .period;
const city = metricQuery(undefined, q1, SCENARIO_NOW);
const dadukou = metricQuery('dadukou-ivd', q1, SCENARIO_NOW);

const byStage = <T extends { stage: string }>(rows: T[], pick: (r: T) => unknown) =>
  Object.fromEntries(rows.map((r) => [r.stage, pick(r)]).filter(([, v]) => v !== 0));

describe('funnel', () => {
  it('counts leads entering each stage in the period and in each stage at its end (city)', () => {
    const view = funnel(leads, city);
    expect(view.period).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(byStage(view.stages, (r) => r.entered)).toEqual({
      lead: 5,
      contacted: 3,
      'site-visit': 1,
      negotiating: 1,
      signed: 2,
      registered: 1,
      lost: 1,
      withdrawn: 1,
    });
    expect(byStage(view.stages, (r) => r.atEnd)).toEqual({
      lead: 1,
      signed: 1,
      registered: 1,
      lost: 1,
      withdrawn: 1,
    });
  });

  it('keeps to the park: its leads (A–C or owned) and the moves it made', () => {
    const view = funnel(leads, dadukou);
    expect(byStage(view.stages, (r) => r.entered)).toEqual({
      lead: 3,
      contacted: 2,
      'site-visit': 1,
      negotiating: 1,
      signed: 1,
      registered: 1,
      lost: 1,
    });
    expect(byStage(view.stages, (r) => r.atEnd)).toEqual({ lead: 1, registered: 1, lost: 1 });
  });
});

describe('conversion', () => {
  it('follows each cohort to the next stage, with the counts behind each rate', () => {
    const view = conversion(leads, city);
    expect(view.steps.map((s) => [s.from, s.cohort, s.reached, s.rate])).toEqual([
      ['lead', 5, 3, 0.6],
      ['contacted', 3, 2, 0.6667], // L4 skipped to 签约
      ['site-visit', 1, 1, 1],
      ['negotiating', 1, 1, 1],
      ['signed', 2, 1, 0.5],
      ['registered', 1, 0, 0],
      ['construction', 0, 0, null],
    ]);
    expect(view.overall.map((s) => [s.to, s.cohort, s.reached])).toEqual([
      ['signed', 5, 2],
      ['operating', 5, 0],
    ]);
  });
});

describe('time in stage', () => {
  it('summarises stays that ended in the period, in calendar and working days', () => {
    const view = timeInStage(leads, city, { afterDays: 30, unit: 'calendar' });
    const row = (stage: string) => view.stages.find((s) => s.stage === stage);
    // 线索: L1 5→6 Jan (1 day, 1 working), L2 7→12 Jan (5, 3), L4 3→4 Feb (1, 1), L5 10→12 Feb (2, 2)
    expect(row('lead')).toMatchObject({
      left: 4,
      calendarDays: { median: 1.5, p90: 5 },
      workingDays: { median: 1.5, p90: 3 },
      current: 1,
      stuck: 1,
    });
    // 接洽: L1 6→12 Jan (6), L2 12 Jan→10 Feb (29), L4 4 Feb→10 Mar (34)
    expect(row('contacted')).toMatchObject({ left: 3, calendarDays: { median: 29, p90: 34 } });
    expect(row('signed')).toMatchObject({
      left: 1,
      calendarDays: { median: 28, p90: 28 },
      current: 1,
      stuck: 0,
    });
    // L3 has waited at 线索 since 8 Jan: 82 days on 31 Mar; L1 at 注册 since 2 Mar: 29, not over 30
    expect(view.stuck.map((s) => [s.leadId, s.stage, s.calendarDays])).toEqual([['L3', 'lead', 82]]);
  });

  it('takes a threshold in working days', () => {
    const view = timeInStage(leads, city, { afterDays: 15, unit: 'working' });
    expect(view.stuck.map((s) => s.leadId).sort()).toEqual(['L1', 'L3']);
  });
});

describe('investment', () => {
  it('sums signed investment in the period, by month and by stage held at the end', () => {
    const view = investment(leads, city);
    expect(view.signed).toEqual({ leads: 2, agreedInvestmentCny: 230_000_000 });
    expect(view.byMonth.map((m) => [m.month, m.signedLeads, m.agreedInvestmentCny])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 1, 150_000_000],
      ['2026-03', 1, 80_000_000],
    ]);
    expect(byStage(view.byStage, (r) => r.agreedInvestmentCny)).toEqual({
      signed: 80_000_000,
      registered: 150_000_000,
    });
    expect(investment(leads, dadukou).signed).toEqual({ leads: 1, agreedInvestmentCny: 150_000_000 });
  });

  it('counts a lead signed again once, in the month of its latest signing, so the months add up', () => {
    // L6: signed in March (100 M), moved back to 在谈 in April, signed again in May (150 M).
    const t = (local: string) => new Date(`${local}+08:00`).toISOString();
    const resigned = new Map(states);
    foldAll(
      resigned,
      [
        submitted('L6', t('2026-01-20T09:00:00')),
        scored('L6', 'dadukou-ivd', 'A', t('2026-01-20T09:00:01')),
        claimed('L6', 'dadukou-ivd', t('2026-01-20T10:00:00')),
        moved('L6', 'dadukou-ivd', 'lead', 'negotiating', t('2026-02-02T10:00:00'), t('2026-01-20T09:00:00')),
        moved(
          'L6',
          'dadukou-ivd',
          'negotiating',
          'signed',
          t('2026-03-05T10:00:00'),
          t('2026-02-02T10:00:00'),
          signedFacts(100_000_000, '2026-03-05'),
        ),
        moved(
          'L6',
          'dadukou-ivd',
          'signed',
          'negotiating',
          t('2026-04-07T10:00:00'),
          t('2026-03-05T10:00:00'),
        ),
        moved(
          'L6',
          'dadukou-ivd',
          'negotiating',
          'signed',
          t('2026-05-12T10:00:00'),
          t('2026-04-07T10:00:00'),
          signedFacts(150_000_000, '2026-05-12'),
        ),
      ],
      emptyLeadState,
    );
    const table = LeadTable.of([...resigned.values()].map(factsOf));
    const now = Date.parse('2026-12-20T12:00:00+08:00');
    const of = (period: 'quarter' | 'year', date: string) =>
      investment(
        table,
        metricQuery('dadukou-ivd', (resolvePeriod({ period, date }, now) as { period: Period }).period, now),
      );
    const sum = (view: ReturnType<typeof investment>) =>
      view.byMonth.reduce(
        (acc, m) => ({
          leads: acc.leads + m.signedLeads,
          agreedInvestmentCny: acc.agreedInvestmentCny + m.agreedInvestmentCny,
        }),
        { leads: 0, agreedInvestmentCny: 0 },
      );
    const year = of('year', '2026-06-01');
    // L1 (February, 150 M) and L6 once, at its May signing
    expect(year.signed).toEqual({ leads: 2, agreedInvestmentCny: 300_000_000 });
    expect(sum(year)).toEqual(year.signed);
    expect(year.byMonth.find((m) => m.month === '2026-03')?.signedLeads).toBe(0);
    expect(year.byMonth.find((m) => m.month === '2026-05')).toMatchObject({
      signedLeads: 1,
      agreedInvestmentCny: 150_000_000,
    });
    // Each quarter on its own: its months add up to its total; L6 counts in Q1 (March) and Q2 (May)
    for (const date of ['2026-02-15', '2026-05-15'])
      expect(sum(of('quarter', date))).toEqual(of('quarter', date).signed);
    expect(of('quarter', '2026-02-15').signed).toEqual({ leads: 2, agreedInvestmentCny: 250_000_000 });
    expect(of('quarter', '2026-05-15').signed).toEqual({ leads: 1, agreedInvestmentCny: 150_000_000 });
  });
});

describe('lost', () => {
  it('counts moves to 流失 by reason and by the stage left', () => {
    const view = lost(leads, city);
    expect(view.total).toBe(1);
    expect(view.byReason.find((r) => r.reason === 'other-region')?.count).toBe(1);
    expect(view.byStage).toEqual([
      { stage: 'contacted', label: { zh: '初步接洽', en: 'Contacted' }, count: 1 },
    ]);
  });
});

describe('appeals', () => {
  it('counts opened, resolved, open and overdue appeals and the time to resolve', () => {
    const view = appeals(leads, city);
    expect(view.total).toMatchObject({
      opened: 2,
      resolved: 1,
      rejected: 0,
      closedLate: 0,
      openAtEnd: 1,
      overdueAtEnd: 1,
      resolveCalendarDays: { median: 5, p90: 5 },
      resolveWorkingDays: { median: 3, p90: 3 }, // 12, 13, 16 Mar
    });
    expect(view.byCategory.find((c) => c.category === 'market')).toMatchObject({ opened: 1, resolved: 1 });
    expect(appeals(leads, dadukou).total).toMatchObject({ opened: 1, resolved: 0, overdueAtEnd: 1 });
  });
});

describe('lead quality', () => {
  it('relates the tier at intake to claiming and signing, and checks the claim SLA (city)', () => {
    const view = quality(leads, city, 1);
    const tier = (t: string) => view.byTier.find((r) => r.tier === t);
    expect(tier('A')).toEqual({ tier: 'A', leads: 3, claimed: 2, signed: 2, signedRate: 0.6667 });
    expect(tier('B')).toEqual({ tier: 'B', leads: 1, claimed: 1, signed: 0, signedRate: 0 });
    expect(tier('D')).toMatchObject({ leads: 1, claimed: 0 });
    // L1 and L4 claimed the day they came; L2 two working days later; L3 never
    expect(view.sla).toEqual({
      eligible: 4,
      withinSla: 2,
      later: 1,
      byOtherPark: 0,
      unclaimed: 1,
      share: 0.5,
    });
    expect(view.byDirection.find((d) => d.direction === 'ivd.poct')).toEqual({
      direction: 'ivd.poct',
      leads: 2,
      claimed: 1,
      signed: 1,
    });
  });

  it('uses the park’s own first score for a park', () => {
    const view = quality(leads, dadukou, 1);
    expect(view.byTier.find((r) => r.tier === 'A')).toMatchObject({ leads: 2, claimed: 1, signed: 1 });
    expect(view.sla).toMatchObject({ eligible: 3, withinSla: 1, later: 1, unclaimed: 1 });
  });
});

describe('一企一策 activity', () => {
  it('counts visits by the day visited, liaisons named, coverage and each liaison’s leads (city)', () => {
    const view = activity(leads, city);
    // Q1 visits: L1 12 Jan, 6 Feb, 3 Mar; L2 15 Jan; L4 12 Mar (L1's 2 Apr is after the quarter)
    expect([view.visits, view.leadsVisited, view.liaisonsAssigned]).toEqual([5, 3, 4]);
    expect(view.byMonth).toEqual([
      { month: '2026-01', visits: 2, leadsVisited: 2, liaisonsAssigned: 2 },
      { month: '2026-02', visits: 1, leadsVisited: 1, liaisonsAssigned: 1 },
      { month: '2026-03', visits: 2, leadsVisited: 2, liaisonsAssigned: 1 },
    ]);
    const parks = Object.fromEntries(
      view.byPark.map((p) => [p.parkId, [p.visits, p.leadsVisited, p.liaisonsAssigned]]),
    );
    expect(parks['dadukou-ivd']).toEqual([4, 2, 3]);
    expect(parks['bio-city']).toEqual([1, 1, 1]);
    expect(parks.gaoxin).toEqual([0, 0, 0]);
    // Worked on 31 Mar: L1 (注册, 刘洋) and L4 (签约, 王芳); L2 is lost, L3 unclaimed, L5 withdrawn
    expect(view.coverage).toEqual({ worked: 2, withLiaison: 2, visitedInPeriod: 2, liaisonShare: 1 });
    // A visit counts for the liaison named when it was logged: 张伟 for L1's first two, 刘洋 after 1 Mar
    expect(view.byLiaison.map((r) => [r.liaison, r.parkId, r.leads, r.visits])).toEqual([
      ['张伟', 'dadukou-ivd', 0, 2],
      ['刘洋', 'dadukou-ivd', 1, 1],
      ['王芳', 'bio-city', 1, 1],
      ['李娜', 'dadukou-ivd', 0, 1],
    ]);
  });

  it('keeps to the park: its visits, its liaisons, the leads it owns', () => {
    const view = activity(leads, dadukou);
    expect([view.visits, view.leadsVisited, view.liaisonsAssigned]).toEqual([4, 2, 3]);
    expect(view.byPark.map((p) => p.parkId)).toEqual(['dadukou-ivd']);
    expect(view.coverage).toEqual({ worked: 1, withLiaison: 1, visitedInPeriod: 1, liaisonShare: 1 });
    expect(view.byLiaison.map((r) => r.liaison)).toEqual(['张伟', '刘洋', '李娜']);
  });
});
