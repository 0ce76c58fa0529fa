import { closeNeedsOf } from '../finance/needs.ts';
import type { NeedRepository } from '../finance/repository.ts';
import { cancelOrdersOf } from '../rnd/orders.ts';
import type { OrderRepository } from '../rnd/repository.ts';
import type { VoucherRepository } from '../vouchers/repository.ts';
import { closeApplicationsOf } from '../vouchers/vouchers.ts';
import type { CloseFirm } from './consumers.ts';

/**
 * What a firm that withdrew its profile leaves open, closed (the firm was told the teams no
 * longer follow it): its financing needs (no bank answers them any more), its pending voucher
 * applications (nobody decides them; rejected with the reason) and its orders no operator has
 * accepted (cancelled, the voucher part given back). Orders already accepted stay with their
 * operator. Each step is idempotent, so the withdrawal event may come again.
 */
export const firmDocsCloser =
  (deps: {
    needs: NeedRepository;
    orders: OrderRepository;
    vouchers: VoucherRepository;
    onEventsWritten: () => void;
  }): CloseFirm =>
  async (leadId, at) => {
    await closeNeedsOf(deps, leadId, at.toISOString());
    await closeApplicationsOf(deps, leadId, at);
    await cancelOrdersOf(deps, leadId, at);
  };
