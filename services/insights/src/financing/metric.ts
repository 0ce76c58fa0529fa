import { PARKS, PRODUCT_TYPES, type ProductType, SUB_PLATFORMS } from '@parkmatch/contracts';
import { dayOf } from '../calendar/days.ts';
import { monthsOf } from '../calendar/period.ts';
import { head, type MetricQuery } from '../metrics/query.ts';
import { summarize } from '../metrics/stats.ts';
import type { LeadFacts } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { monthIndexOf } from './facts.ts';
import type { FinancingView } from './view.ts';

// Financing demanded, pushed, offered and declined; vouchers granted, spent and left; R&D
// orders placed and completed: per park or for the city over a period (definitions in
// view.ts). A fact counts for a park when it is that park's (facts.ts, ParkOf); the city
// counts every fact. Pure.

export const PRODUCT_TYPE_LABELS: Record<ProductType, { zh: string; en: string }> = {
  'bridge-loan': { zh: '应急转贷', en: 'Emergency bridge loan' },
  'commercial-value-loan': { zh: '商业价值贷', en: 'Commercial-value loan' },
  'collateral-uplift-loan': { zh: '抵押增值贷', en: 'Collateral-uplift loan' },
  'renewal-without-repayment': { zh: '无还本续贷', en: 'Renewal without repayment' },
  'sci-tech-relending': { zh: '科技再贷款（专精特新）', en: 'Sci-tech relending' },
  equity: { zh: '股权投资', en: 'Equity' },
};
export const SUB_PLATFORM_LABELS: Record<(typeof SUB_PLATFORMS)[number], { zh: string; en: string }> = {
  rnd: { zh: '基础与应用研发', en: 'Basic and applied R&D' },
  clinical: { zh: '临床评价', en: 'Clinical evaluation' },
  testing: { zh: '基础检测', en: 'Basic testing' },
};

const REASON_LIST = 50;

interface Row {
  needs: number;
  needsAmountCny: number;
  pushes: number;
  offers: number;
  offeredAmountCny: number;
  declined: number;
  vouchersGrantedCny: number;
  vouchersSpentCny: number;
  ordersPlaced: number;
  ordersCompleted: number;
}
const zero = (): Row => ({
  needs: 0,
  needsAmountCny: 0,
  pushes: 0,
  offers: 0,
  offeredAmountCny: 0,
  declined: 0,
  vouchersGrantedCny: 0,
  vouchersSpentCny: 0,
  ordersPlaced: 0,
  ordersCompleted: 0,
});

/** Sums of money, kept to the fen (no float drift in a sum of many amounts). */
const cny = (value: number): number => Math.round(value * 100) / 100;

export function financing(t: LeadTable, q: MetricQuery): FinancingView {
  const { startMs, endMs } = q.period;
  const months = monthsOf(q.period);
  const firstMonth = monthIndexOf(startMs);
  const inPeriod = (ms: number | undefined): ms is number => ms !== undefined && ms >= startMs && ms < endMs;
  const mine = (park: number): boolean => q.park === -1 || park === q.park;

  const total = zero();
  const byMonth = months.map(zero);
  const byPark = PARKS.map(zero);
  const balanceByPark = PARKS.map(() => 0);
  /** Adds to the period's row, its month's and its park's. */
  const count = (park: number, monthIndex: number, add: (row: Row) => void) => {
    add(total);
    const month = byMonth[monthIndex - firstMonth];
    if (month) add(month);
    const row = byPark[park];
    if (row) add(row);
  };

  const f = {
    needsPushed: 0,
    pushedAmountCny: 0,
    reviewing: 0,
    needsWithOffer: 0,
    awaitingAtEnd: 0,
  };
  const answerDays: number[] = [];
  const reasons = new Map<string, number>();
  const byType = new Map<
    ProductType,
    { pushes: number; offers: number; offeredAmountCny: number; declined: number }
  >(PRODUCT_TYPES.map((type) => [type, { pushes: 0, offers: 0, offeredAmountCny: 0, declined: 0 }]));
  const vouchers = {
    applications: 0,
    requestedCny: 0,
    approved: 0,
    grantedCny: 0,
    rejected: 0,
    spentCny: 0,
    refundedCny: 0,
    expiredCny: 0,
    balanceAtEndCny: 0,
    firmsWithBalance: 0,
  };
  const orders = {
    placed: 0,
    totalCny: 0,
    voucherCny: 0,
    firmPaysCny: 0,
    accepted: 0,
    completed: 0,
    declined: 0,
    cancelled: 0,
    openAtEnd: 0,
  };
  const bySub = new Map(
    SUB_PLATFORMS.map((s) => [s, { placed: 0, totalCny: 0, voucherCny: 0, completed: 0 }]),
  );

  for (let i = 0; i < t.size; i++) {
    const finance = (t.facts[i] as LeadFacts).finance;
    if (!finance) continue;

    for (const need of finance.needs) {
      if (!mine(need.park) || !inPeriod(need.ms)) continue;
      count(need.park, need.monthIndex, (r) => {
        r.needs++;
        r.needsAmountCny += need.amountCny;
      });
    }

    const pushedNeeds = new Set<string>();
    const firstOffer = new Map<string, number>();
    for (const push of finance.pushes) {
      if (!mine(push.park)) continue;
      const type = push.productType === undefined ? undefined : byType.get(push.productType);
      const outcome = push.outcome;
      if (outcome?.status === 'offered') {
        const held = firstOffer.get(push.needId);
        if (held === undefined || outcome.ms < held) firstOffer.set(push.needId, outcome.ms);
      }
      if (inPeriod(push.pushedMs)) {
        count(push.park, push.monthIndex, (r) => r.pushes++);
        pushedNeeds.add(push.needId);
        f.pushedAmountCny += push.amountCny;
        if (type) type.pushes++;
      }
      if (inPeriod(push.reviewingMs)) f.reviewing++;
      if (outcome && inPeriod(outcome.ms)) {
        if (outcome.status === 'offered') {
          count(push.park, outcome.monthIndex, (r) => {
            r.offers++;
            r.offeredAmountCny += outcome.amountCny;
          });
          if (type) {
            type.offers++;
            type.offeredAmountCny += outcome.amountCny;
          }
        } else {
          count(push.park, outcome.monthIndex, (r) => r.declined++);
          if (type) type.declined++;
          const reason = outcome.reason || '（未说明）';
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
        if (push.pushedMs !== undefined) answerDays.push(dayOf(outcome.ms) - dayOf(push.pushedMs));
      }
      const answeredByEnd = outcome !== undefined && outcome.ms <= q.asOfMs;
      if (push.pushedMs !== undefined && push.pushedMs <= q.asOfMs && !answeredByEnd) f.awaitingAtEnd++;
    }
    f.needsPushed += pushedNeeds.size;
    for (const ms of firstOffer.values()) if (inPeriod(ms)) f.needsWithOffer++;

    for (const order of finance.orders) {
      if (!mine(order.park)) continue;
      const sub = order.subPlatform === undefined ? undefined : bySub.get(order.subPlatform);
      if (inPeriod(order.placedMs)) {
        count(order.park, order.monthIndex, (r) => r.ordersPlaced++);
        orders.placed++;
        orders.totalCny += order.totalCny;
        orders.voucherCny += order.voucherCny;
        orders.firmPaysCny += Math.max(order.totalCny - order.voucherCny, 0);
        if (sub) {
          sub.placed++;
          sub.totalCny += order.totalCny;
          sub.voucherCny += order.voucherCny;
        }
      }
      const { accepted, completed, declined, cancelled } = order.reached;
      if (inPeriod(accepted)) orders.accepted++;
      if (inPeriod(completed)) {
        count(order.park, monthIndexOf(completed), (r) => r.ordersCompleted++);
        orders.completed++;
        if (sub) sub.completed++;
      }
      if (inPeriod(declined)) orders.declined++;
      if (inPeriod(cancelled)) orders.cancelled++;
      const closedBy = Math.min(completed ?? Infinity, declined ?? Infinity, cancelled ?? Infinity);
      if (order.placedMs !== undefined && order.placedMs <= q.asOfMs && closedBy > q.asOfMs)
        orders.openAtEnd++;
    }

    for (const application of finance.applications) {
      if (!mine(application.park)) continue;
      if (inPeriod(application.appliedMs)) {
        vouchers.applications++;
        vouchers.requestedCny += application.requestedCny;
      }
      const decision = application.decision;
      if (!decision || !inPeriod(decision.ms)) continue;
      if (decision.decision === 'rejected') {
        vouchers.rejected++;
        continue;
      }
      vouchers.approved++;
      vouchers.grantedCny += decision.grantedCny;
      count(application.park, decision.monthIndex, (r) => {
        r.vouchersGrantedCny += decision.grantedCny;
      });
    }

    let balance = 0;
    for (const move of finance.moves) {
      if (!mine(move.park)) continue;
      if (move.ms <= q.asOfMs) {
        balance += move.delta;
        const parkBalance = balanceByPark[move.park];
        if (parkBalance !== undefined) balanceByPark[move.park] = parkBalance + move.delta;
      }
      if (!inPeriod(move.ms)) continue;
      if (move.kind === 'spend') {
        vouchers.spentCny += move.amountCny;
        count(move.park, move.monthIndex, (r) => {
          r.vouchersSpentCny += move.amountCny;
        });
      } else if (move.kind === 'refund') vouchers.refundedCny += move.amountCny;
      else if (move.kind === 'expire') vouchers.expiredCny += move.amountCny;
    }
    vouchers.balanceAtEndCny += balance;
    if (balance > 0.005) vouchers.firmsWithBalance++;
  }

  const money = (row: Row): Row => ({
    ...row,
    needsAmountCny: cny(row.needsAmountCny),
    offeredAmountCny: cny(row.offeredAmountCny),
    vouchersGrantedCny: cny(row.vouchersGrantedCny),
    vouchersSpentCny: cny(row.vouchersSpentCny),
  });
  const answers = total.offers + total.declined;
  return {
    ...head(q),
    financing: {
      needs: total.needs,
      needsAmountCny: cny(total.needsAmountCny),
      pushes: total.pushes,
      needsPushed: f.needsPushed,
      pushedAmountCny: cny(f.pushedAmountCny),
      reviewing: f.reviewing,
      offers: total.offers,
      offeredAmountCny: cny(total.offeredAmountCny),
      needsWithOffer: f.needsWithOffer,
      declined: total.declined,
      offerRate: answers === 0 ? null : Math.round((total.offers / answers) * 10_000) / 10_000,
      daysToAnswer: summarize(answerDays),
      awaitingAtEnd: f.awaitingAtEnd,
    },
    declineReasons: [...reasons]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
      .slice(0, REASON_LIST),
    byProductType: PRODUCT_TYPES.map((type) => {
      const row = byType.get(type) as {
        pushes: number;
        offers: number;
        offeredAmountCny: number;
        declined: number;
      };
      return { type, label: PRODUCT_TYPE_LABELS[type], ...row, offeredAmountCny: cny(row.offeredAmountCny) };
    }),
    vouchers: {
      ...vouchers,
      requestedCny: cny(vouchers.requestedCny),
      grantedCny: cny(vouchers.grantedCny),
      spentCny: cny(vouchers.spentCny),
      refundedCny: cny(vouchers.refundedCny),
      expiredCny: cny(vouchers.expiredCny),
      balanceAtEndCny: cny(vouchers.balanceAtEndCny),
    },
    orders: {
      ...orders,
      totalCny: cny(orders.totalCny),
      voucherCny: cny(orders.voucherCny),
      firmPaysCny: cny(orders.firmPaysCny),
    },
    bySubPlatform: SUB_PLATFORMS.map((subPlatform) => {
      const row = bySub.get(subPlatform) as {
        placed: number;
        totalCny: number;
        voucherCny: number;
        completed: number;
      };
      return {
        subPlatform,
        label: SUB_PLATFORM_LABELS[subPlatform],
        ...row,
        totalCny: cny(row.totalCny),
        voucherCny: cny(row.voucherCny),
      };
    }),
    byMonth: months.map((month, i) => ({ month, ...money(byMonth[i] as Row) })),
    byPark: PARKS.flatMap((park, i) =>
      mine(i)
        ? [
            {
              parkId: park.id,
              name: { ...park.name },
              ...money(byPark[i] as Row),
              voucherBalanceAtEndCny: cny(balanceByPark[i] as number),
            },
          ]
        : [],
    ),
  };
}
