import type { NeedRepository } from '../finance/repository.ts';
import type { OrderRepository } from '../rnd/repository.ts';
import type { VoucherRepository } from '../vouchers/repository.ts';
import type { MoveToPark } from './consumers.ts';

/** A firm's needs, orders and voucher account, moved to the park that owns the firm now. */
export const firmDocsMover =
  (repos: { needs: NeedRepository; orders: OrderRepository; vouchers: VoucherRepository }): MoveToPark =>
  async (leadId, parkId) => {
    await Promise.all([
      repos.needs.moveToPark(leadId, parkId),
      repos.orders.moveToPark(leadId, parkId),
      repos.vouchers.moveToPark(leadId, parkId),
    ]);
  };
