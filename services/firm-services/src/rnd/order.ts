import type { Order, OrderStatus } from '@parkmatch/contracts';

// An order of a platform service. `payment-pending` is the moment between storing the order
// and spending its vouchers: such an order is nobody's to see; the settle sweep finishes it
// (placed, when the voucher ledger holds its spend) or removes it (when not).

export type StoredStatus = OrderStatus | 'payment-pending';

export interface OrderDoc extends Omit<Order, 'id' | 'status' | 'history'> {
  _id: string;
  status: StoredStatus;
  history: { status: OrderStatus; by: string; at: string }[];
  /** For declined and cancelled orders paid by voucher: the voucher was given back. */
  refunded?: boolean;
}

/** The moves each party may make. */
export const OPERATOR_MOVES: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  placed: ['accepted', 'declined'],
  accepted: ['completed', 'declined'],
};
export const FIRM_MOVES: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  placed: ['cancelled'],
};

export function orderView(doc: OrderDoc): Order {
  const { _id, status, refunded: _refunded, ...rest } = doc;
  return { id: _id, ...rest, status: status === 'payment-pending' ? 'placed' : status };
}
