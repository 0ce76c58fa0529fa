import type { FinancingPurpose, OrderStatus, ProductType, SUB_PLATFORMS } from '@parkmatch/contracts';

export type SubPlatform = (typeof SUB_PLATFORMS)[number];

// What the financing and voucher events said about one firm (a lead), kept on its read-model
// state. Like the rest of the state it depends on the set of events applied, not their order:
// every record is keyed by what it is about (a need, a push, an order, an application, a ledger
// entry), a field two events could both set keeps the later by (time, event id), and the first
// time an order reached a status is the earliest of the events saying so.

/** When an event said it, and which event: the order of two events about one thing. */
export interface Stamp {
  at: string;
  eventId: string;
}

/** A financing need registered (financing demanded). */
export interface NeedRecord extends Stamp {
  parkId?: string;
  amountCny: number;
  purpose: FinancingPurpose;
}

/** A bank's answer to a push: an offer (financing granted) or declined; the later stands. */
export interface Outcome extends Stamp {
  status: 'offered' | 'declined';
  amountCny?: number;
  ratePct?: number;
  termMonths?: number;
  reason?: string;
}

/** A need pushed to one bank's product, and the bank's answers (the answer may come first). */
export interface PushRecord {
  needId: string;
  productId: string;
  bankId: string;
  parkId?: string;
  /** Set by the push event. */
  pushed?: Stamp & { productType: ProductType; amountCny: number };
  /** The first `reviewing` answer. */
  reviewingAt?: string;
  outcome?: Outcome;
}

/** An R&D service order. */
export interface OrderRecord {
  parkId?: string;
  placed?: Stamp & { subPlatform: SubPlatform; totalCny: number; voucherCny: number };
  /** The first time it reached each status after `placed`. */
  reached: Partial<Record<OrderStatus, string>>;
}

/** A voucher application and the park's decision. */
export interface ApplicationRecord {
  parkId?: string;
  applied?: Stamp & { requestedCny: number };
  decided?: Stamp & { decision: 'approved' | 'rejected'; grantedCny: number };
}

/** One movement of the firm's voucher balance (its ledger entry). */
export interface MoveRecord extends Stamp {
  parkId?: string;
  kind: 'grant' | 'spend' | 'refund' | 'expire';
  /** Unsigned; the kind says which way it moves the balance. */
  amountCny: number;
}

export interface FinanceState {
  needs: Record<string, NeedRecord>;
  /** By `<needId> <productId>`. */
  pushes: Record<string, PushRecord>;
  orders: Record<string, OrderRecord>;
  applications: Record<string, ApplicationRecord>;
  /** By ledger entry id. */
  moves: Record<string, MoveRecord>;
}

export const emptyFinanceState = (): FinanceState => ({
  needs: {},
  pushes: {},
  orders: {},
  applications: {},
  moves: {},
});
