import { describe, expect, it } from 'vitest';
import { FINANCE_SCENARIO, needAnswered, needPushed, voucherMoved } from '../../test/finance.ts';
import { SCENARIO, SCENARIO_NOW } from '../../test/scenario.ts';
import { type Period, resolvePeriod } from '../calendar/period.ts';
import { metricQuery } from '../metrics/query.ts';
import type { ReadModelEvent } from '../read-model/events.ts';
import { factsOf } from '../read-model/facts.ts';
import { fold, foldAll } from '../read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../read-model/lead-state.ts';
import { LeadTable } from '../read-model/lead-table.ts';
import { financing } from './metric.ts';

// The financing fold and metric over the quarter of test/finance.ts (on the leads of
// test/scenario.ts), counted by hand there.

const ALL = [...SCENARIO, ...FINANCE_SCENARIO];

const foldEvents = (events: readonly ReadModelEvent[]) => {
  const states = new Map<string, LeadState>();
  foldAll(states, events, emptyLeadState);
  return states;
};
const comparable = (states: Map<string, LeadState>) =>
  Object.fromEntries([...states].map(([id, s]) => [id, { ...s, applied: [...s.applied].sort() }]));

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function view(
  events: readonly ReadModelEvent[],
  parkId: string | undefined,
  range = { from: '2026-01-01', to: '2026-03-31' },
) {
  const table = LeadTable.of([...foldEvents(events).values()].map(factsOf));
  const { period } = resolvePeriod(range, SCENARIO_NOW) as { period: Period };
  return financing(table, metricQuery(parkId, period, SCENARIO_NOW));
}

const t = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('the financing fold', () => {
  it('changes nothing on a redelivered event', () => {
    const [event] = FINANCE_SCENARIO as [ReadModelEvent];
    const once = fold(emptyLeadState('L1'), event);
    expect(fold(once, event)).toBe(once);
    expect(once.finance?.needs.N1).toMatchObject({ amountCny: 5_000_000, parkId: 'dadukou-ivd' });
  });

  it('gives the same states for every order of the events, and for every event twice', () => {
    const inOrder = comparable(foldEvents(ALL));
    for (const seed of [1, 2, 3, 42, 2026])
      expect(comparable(foldEvents(shuffled(ALL, seed)))).toEqual(inOrder);
    expect(comparable(foldEvents([...ALL, ...shuffled(FINANCE_SCENARIO, 7)]))).toEqual(inOrder);
  });

  it('keeps an answer that came before its push, and the push event’s park', () => {
    const product = { bankId: 'bank-a', productId: 'p1', type: 'bridge-loan' } as const;
    const push = needPushed('L9', 'N9', product, 1_000_000, t('2026-01-02T10:00:00'), 'gaoxin');
    const offer = needAnswered(
      'L9',
      'N9',
      product,
      { status: 'offered', amountCny: 800_000, ratePct: 4 },
      t('2026-01-05T10:00:00'),
    );
    const a = foldEvents([offer, push]).get('L9');
    const b = foldEvents([push, offer]).get('L9');
    expect(a?.finance).toEqual(b?.finance);
    expect(a?.finance?.pushes['N9 p1']).toMatchObject({
      parkId: 'gaoxin',
      pushed: { productType: 'bridge-loan' },
      outcome: { status: 'offered', amountCny: 800_000 },
    });
  });

  it('keeps the later of two answers (by time), whatever order they came in', () => {
    const product = { bankId: 'bank-a', productId: 'p1' };
    const offer = needAnswered(
      'L9',
      'N9',
      product,
      { status: 'offered', amountCny: 1, ratePct: 4 },
      t('2026-01-05T10:00:00'),
    );
    const decline = needAnswered(
      'L9',
      'N9',
      product,
      { status: 'declined', reason: 'x' },
      t('2026-01-06T10:00:00'),
    );
    for (const events of [
      [offer, decline],
      [decline, offer],
    ])
      expect(foldEvents(events).get('L9')?.finance?.pushes['N9 p1']?.outcome?.status).toBe('declined');
  });

  it('takes a ledger entry once by its id, its amount unsigned', () => {
    const spend = voucherMoved('L9', 'E9', 'spend', 500, 0, t('2026-01-05T10:00:00'), 'gaoxin');
    const state = foldEvents([spend, spend]).get('L9') as LeadState;
    expect(Object.keys(state.finance?.moves ?? {})).toEqual(['E9']);
    expect(factsOf(state).finance?.moves[0]).toMatchObject({ kind: 'spend', amountCny: 500, delta: -500 });
  });

  it('leaves a lead without financing events without finance facts', () => {
    expect(factsOf(foldEvents(SCENARIO).get('L2') as LeadState).finance).toBeUndefined();
  });
});

describe('the financing metric', () => {
  it('counts the city’s quarter', () => {
    const v = view(ALL, undefined);
    expect(v.scope.parkId).toBeNull();
    expect(v.financing).toEqual({
      needs: 2,
      needsAmountCny: 7_000_000,
      pushes: 3,
      needsPushed: 2,
      pushedAmountCny: 12_000_000,
      reviewing: 1,
      offers: 1,
      offeredAmountCny: 4_000_000,
      needsWithOffer: 1,
      declined: 2,
      offerRate: 0.3333,
      daysToAnswer: { median: 7, p90: 13 },
      awaitingAtEnd: 0,
    });
    expect(v.declineReasons).toEqual([
      { reason: '企业成立年限不足', count: 1 },
      { reason: '抵押物不足', count: 1 },
    ]);
    expect(v.byProductType.filter((r) => r.pushes > 0)).toMatchObject([
      { type: 'bridge-loan', pushes: 1, offers: 1, offeredAmountCny: 4_000_000, declined: 0 },
      { type: 'commercial-value-loan', pushes: 1, offers: 0, declined: 1 },
      { type: 'sci-tech-relending', pushes: 1, offers: 0, declined: 1 },
    ]);
    expect(v.vouchers).toEqual({
      applications: 2,
      requestedCny: 250_000,
      approved: 1,
      grantedCny: 150_000,
      rejected: 1,
      spentCny: 10_000,
      refundedCny: 0,
      expiredCny: 0,
      balanceAtEndCny: 140_000,
      firmsWithBalance: 1,
    });
    expect(v.orders).toEqual({
      placed: 2,
      totalCny: 28_000,
      voucherCny: 10_000,
      firmPaysCny: 18_000,
      accepted: 1,
      completed: 1,
      declined: 0,
      cancelled: 0,
      openAtEnd: 1,
    });
    expect(
      v.bySubPlatform.map((r) => [r.subPlatform, r.placed, r.totalCny, r.voucherCny, r.completed]),
    ).toEqual([
      ['rnd', 1, 8_000, 0, 0],
      ['clinical', 0, 0, 0, 0],
      ['testing', 1, 20_000, 10_000, 1],
    ]);
  });

  it('splits the quarter by month', () => {
    const months = view(ALL, undefined).byMonth;
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(months[0]).toMatchObject({
      needs: 1,
      needsAmountCny: 5_000_000,
      pushes: 2,
      offers: 1,
      declined: 0,
    });
    expect(months[0]).toMatchObject({ vouchersGrantedCny: 150_000, vouchersSpentCny: 0, ordersPlaced: 0 });
    expect(months[1]).toMatchObject({
      needs: 0,
      pushes: 0,
      declined: 1,
      vouchersSpentCny: 10_000,
      ordersPlaced: 1,
    });
    expect(months[2]).toMatchObject({
      needs: 1,
      pushes: 1,
      declined: 1,
      ordersPlaced: 1,
      ordersCompleted: 1,
    });
  });

  it('counts a park’s own: the park the event named, else the lead’s owner then', () => {
    const city = view(ALL, undefined).byPark;
    expect(city.find((p) => p.parkId === 'dadukou-ivd')).toMatchObject({
      needs: 1,
      pushes: 2,
      offers: 1,
      declined: 1,
      vouchersGrantedCny: 150_000,
      vouchersSpentCny: 10_000,
      ordersPlaced: 1,
      ordersCompleted: 1,
      voucherBalanceAtEndCny: 140_000,
    });
    expect(city.find((p) => p.parkId === 'bio-city')).toMatchObject({
      needs: 1,
      pushes: 1,
      declined: 1,
      ordersPlaced: 1,
    });
    expect(city.find((p) => p.parkId === 'gaoxin')).toMatchObject({ needs: 0, pushes: 0, ordersPlaced: 0 });

    const dadukou = view(ALL, 'dadukou-ivd');
    expect(dadukou.byPark.map((p) => p.parkId)).toEqual(['dadukou-ivd']);
    expect(dadukou.financing).toMatchObject({ needs: 1, pushes: 2, offers: 1, declined: 1, offerRate: 0.5 });
    // L3's rejected application names no park and L3 has no owner: the city's only.
    expect(dadukou.vouchers).toMatchObject({ applications: 1, rejected: 0, balanceAtEndCny: 140_000 });
    expect(view(ALL, 'bio-city').financing).toMatchObject({
      needs: 1,
      needsAmountCny: 2_000_000,
      declined: 1,
    });
  });

  it('takes "at the end" figures at the end of the period', () => {
    // January: the offer is in, bank B has not answered yet; the balance is the grant.
    const jan = view(ALL, undefined, { from: '2026-01-01', to: '2026-01-31' });
    expect(jan.financing).toMatchObject({ pushes: 2, offers: 1, declined: 0, awaitingAtEnd: 1 });
    expect(jan.vouchers.balanceAtEndCny).toBe(150_000);
    expect(jan.orders.openAtEnd).toBe(0);
    // April: N3 registered, nothing else.
    const apr = view(ALL, undefined, { from: '2026-04-01', to: '2026-04-30' });
    expect(apr.financing).toMatchObject({ needs: 1, needsAmountCny: 1_000_000, pushes: 0 });
  });

  it('gives the same numbers whatever order the events came in', () => {
    expect(view(shuffled([...ALL, ...ALL], 11), undefined)).toEqual(view(ALL, undefined));
  });
});
