import type { OrderStatus, ProductType } from '@parkmatch/contracts';
import { dayOf, partsOfDay } from '../calendar/days.ts';
import type { FinanceState, SubPlatform } from './state.ts';

// A firm's finance state as the financing metric reads it: instants in ms, months as one
// number, parks as indexes into PARK_IDS (-1: none known). Derived with the rest of the lead's
// facts whenever its state changes. Pure.

/** A month as one number (year × 12 + month − 1) of an instant, in Shanghai. */
export const monthIndexOf = (ms: number): number => {
  const { year, month } = partsOfDay(dayOf(ms));
  return year * 12 + month - 1;
};

export interface NeedFact {
  park: number;
  ms: number;
  monthIndex: number;
  amountCny: number;
}

export interface AnswerFact {
  status: 'offered' | 'declined';
  ms: number;
  monthIndex: number;
  /** The amount offered (0 for a decline). */
  amountCny: number;
  ratePct: number | undefined;
  reason: string | undefined;
}

export interface PushFact {
  needId: string;
  bankId: string;
  park: number;
  /** Undefined while only an answer is known (the push event not folded yet). */
  productType: ProductType | undefined;
  pushedMs: number | undefined;
  monthIndex: number;
  amountCny: number;
  reviewingMs: number | undefined;
  outcome: AnswerFact | undefined;
}

export interface OrderFact {
  park: number;
  placedMs: number | undefined;
  monthIndex: number;
  subPlatform: SubPlatform | undefined;
  totalCny: number;
  voucherCny: number;
  /** The first instant it reached each status. */
  reached: Partial<Record<OrderStatus, number>>;
}

export interface ApplicationFact {
  park: number;
  appliedMs: number | undefined;
  requestedCny: number;
  decision:
    | { decision: 'approved' | 'rejected'; ms: number; monthIndex: number; grantedCny: number }
    | undefined;
}

export interface VoucherMoveFact {
  park: number;
  kind: 'grant' | 'spend' | 'refund' | 'expire';
  ms: number;
  monthIndex: number;
  /** Unsigned amount. */
  amountCny: number;
  /** What it does to the balance: + for a grant or refund, − for a spend or expiry. */
  delta: number;
}

export interface FinanceFacts {
  needs: readonly NeedFact[];
  pushes: readonly PushFact[];
  orders: readonly OrderFact[];
  applications: readonly ApplicationFact[];
  /** In time order. */
  moves: readonly VoucherMoveFact[];
}

/**
 * The park a fact counts for: the park the event named (the park owning the firm's lead then),
 * else the park owning the lead at that instant by the closed loop's events; -1 when neither.
 */
export type ParkOf = (parkId: string | undefined, ms: number) => number;

const ms = (at: string): number => Date.parse(at);
const optionalMs = (at: string | undefined): number | undefined => (at === undefined ? undefined : ms(at));

export function financeFactsOf(state: FinanceState | undefined, parkOf: ParkOf): FinanceFacts | undefined {
  if (!state) return undefined;
  const needs = Object.values(state.needs).map((n) => {
    const at = ms(n.at);
    return { park: parkOf(n.parkId, at), ms: at, monthIndex: monthIndexOf(at), amountCny: n.amountCny };
  });
  const pushes = Object.values(state.pushes).map((p): PushFact => {
    const pushedMs = optionalMs(p.pushed?.at);
    const o = p.outcome;
    const answeredMs = optionalMs(o?.at);
    const reviewingMs = optionalMs(p.reviewingAt);
    const when = pushedMs ?? answeredMs ?? reviewingMs ?? 0;
    return {
      needId: p.needId,
      bankId: p.bankId,
      park: parkOf(p.parkId, when),
      productType: p.pushed?.productType,
      pushedMs,
      monthIndex: monthIndexOf(when),
      amountCny: p.pushed?.amountCny ?? 0,
      reviewingMs,
      outcome:
        o && answeredMs !== undefined
          ? {
              status: o.status,
              ms: answeredMs,
              monthIndex: monthIndexOf(answeredMs),
              amountCny: o.status === 'offered' ? (o.amountCny ?? 0) : 0,
              ratePct: o.ratePct,
              reason: o.reason,
            }
          : undefined,
    };
  });
  const orders = Object.values(state.orders).map((o): OrderFact => {
    const placedMs = optionalMs(o.placed?.at);
    const reached: Partial<Record<OrderStatus, number>> = {};
    for (const [status, at] of Object.entries(o.reached)) reached[status as OrderStatus] = ms(at);
    const when = placedMs ?? Math.min(...Object.values(reached));
    return {
      park: parkOf(o.parkId, when),
      placedMs,
      monthIndex: monthIndexOf(when),
      subPlatform: o.placed?.subPlatform,
      totalCny: o.placed?.totalCny ?? 0,
      voucherCny: o.placed?.voucherCny ?? 0,
      reached,
    };
  });
  const applications = Object.values(state.applications).map((a): ApplicationFact => {
    const appliedMs = optionalMs(a.applied?.at);
    const decidedMs = optionalMs(a.decided?.at);
    return {
      park: parkOf(a.parkId, appliedMs ?? decidedMs ?? 0),
      appliedMs,
      requestedCny: a.applied?.requestedCny ?? 0,
      decision:
        a.decided && decidedMs !== undefined
          ? {
              decision: a.decided.decision,
              ms: decidedMs,
              monthIndex: monthIndexOf(decidedMs),
              grantedCny: a.decided.grantedCny,
            }
          : undefined,
    };
  });
  const moves = Object.values(state.moves)
    .map((m): VoucherMoveFact => {
      const at = ms(m.at);
      const sign = m.kind === 'grant' || m.kind === 'refund' ? 1 : -1;
      return {
        park: parkOf(m.parkId, at),
        kind: m.kind,
        ms: at,
        monthIndex: monthIndexOf(at),
        amountCny: m.amountCny,
        delta: sign * m.amountCny,
      };
    })
    .sort((a, b) => a.ms - b.ms);
  return { needs, pushes, orders, applications, moves };
}
