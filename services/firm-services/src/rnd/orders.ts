import {
  createEvent,
  Events,
  type FirmFacts,
  type Order,
  type OrderStatus,
  REPORT_MAX_BYTES,
  type ReportInput,
} from '@parkmatch/contracts';
import {
  type FieldError,
  HttpProblem,
  type OutboxEntry,
  outboxEntry,
  type Principal,
  parkScope,
} from '@parkmatch/service-kit';
import type { Filter } from '@parkmatch/store';
import { v7 as uuidv7 } from 'uuid';
import { activeFirmFor, canActForFirm, firmFor } from '../firms/access.ts';
import { firmFacts } from '../firms/facts.ts';
import type { FirmRepository } from '../firms/repository.ts';
import { yuan } from '../money.ts';
import { actsFor } from '../orgs/org.ts';
import type { OrgRepository } from '../orgs/repository.ts';
import { refund, spend } from '../vouchers/account.ts';
import type { VoucherRepository } from '../vouchers/repository.ts';
import { changeAccount, movedEvent, refusalProblem } from '../vouchers/vouchers.ts';
import { FIRM_MOVES, OPERATOR_MOVES, type OrderDoc, orderView, type StoredStatus } from './order.ts';
import type { OrderRepository, ServiceRepository } from './repository.ts';

export interface OrderDeps {
  services: ServiceRepository;
  orders: OrderRepository;
  vouchers: VoucherRepository;
  firms: FirmRepository;
  orgs: OrgRepository;
  now: () => Date;
  onEventsWritten: () => void;
}

const SOURCE = 'firm-services';
/** An order waiting on its payment longer than this is settled by the sweep. */
export const SETTLE_AFTER_MS = 60_000;

const invalid = (errors: FieldError[]) =>
  new HttpProblem(
    422,
    { zh: '订单不能受理，见 errors', en: 'the order cannot be taken; see errors' },
    { errors },
  );

const firmOf = (order: OrderDoc) => ({
  leadId: order.leadId,
  firmName: order.firmName,
  ...(order.parkId ? { parkId: order.parkId } : {}),
});

function placedEvent(order: OrderDoc, now: Date): OutboxEntry {
  return outboxEntry(
    Events.rndOrderPlaced,
    createEvent(Events.rndOrderPlaced, {
      key: order.leadId,
      source: SOURCE,
      occurredAt: now,
      payload: {
        ...firmOf(order),
        orderId: order._id,
        serviceId: order.serviceId,
        operatorId: order.operatorId,
        subPlatform: order.subPlatform,
        totalCny: order.totalCny,
        voucherCny: order.voucherCny,
        by: order.by,
        at: order.at,
      },
    }),
  );
}

/**
 * Places an order. With a voucher part, the order is stored first as `payment-pending`, then the
 * voucher is spent (compare-and-set on the firm's account, the spend naming the order), then the
 * order is placed with its event. A refused spend (no voucher, expired, too little left, spent
 * already) removes the order: nothing is stored and the balance is untouched. A crash between
 * the steps is finished by settleOrders.
 */
export async function placeOrder(
  deps: OrderDeps,
  principal: Principal,
  input: {
    leadId: string;
    serviceId: string;
    quantity: number;
    voucherCny: number;
    note?: string | undefined;
  },
): Promise<Order> {
  const firm = await activeFirmFor(deps.firms, principal, input.leadId);
  const service = await deps.services.get(input.serviceId);
  if (!service?.active)
    throw invalid([
      {
        path: 'serviceId',
        message: service ? '该服务已下架' : `没有这项服务：${input.serviceId}`,
        messageEn: service ? 'the service is withdrawn' : `no such service: ${input.serviceId}`,
        code: 'unknown',
      },
    ]);
  const totalCny = service.priceCny * input.quantity;
  if (input.voucherCny > totalCny)
    throw invalid([
      {
        path: 'voucherCny',
        message: `服务券支付额不能超过订单总额 ${yuan(totalCny).zh}`,
        messageEn: `the voucher part cannot exceed the order’s ${yuan(totalCny).en}`,
        code: 'too_big',
      },
    ]);
  const now = deps.now();
  const at = now.toISOString();
  const order: OrderDoc = {
    _id: uuidv7(),
    leadId: firm.leadId,
    firmName: firm.name,
    ...(firm.parkId ? { parkId: firm.parkId } : {}),
    serviceId: service._id,
    serviceName: service.name,
    operatorId: service.operatorId,
    subPlatform: service.subPlatform,
    quantity: input.quantity,
    unitPriceCny: service.priceCny,
    totalCny,
    voucherCny: input.voucherCny,
    firmPaysCny: totalCny - input.voucherCny,
    status: 'placed',
    ...(input.note ? { note: input.note } : {}),
    history: [{ status: 'placed', by: principal.sub, at }],
    by: principal.sub,
    at,
  };
  if (input.voucherCny === 0) {
    await deps.orders.insert(order, [placedEvent(order, now)]);
    deps.onEventsWritten();
    return orderView(order);
  }
  // Refused before anything is stored when the account already says no.
  const before = await deps.vouchers.get(firm.leadId);
  const check = spend(before, order._id, input.voucherCny, principal.sub, now, 'check');
  if (!check.ok) throw refusalProblem(check.refusal);
  await deps.orders.insert({ ...order, status: 'payment-pending' }, []);
  try {
    await changeAccount(deps, firm.leadId, (account) => {
      const outcome = spend(account, order._id, input.voucherCny, principal.sub, now, uuidv7());
      return {
        outcome,
        events: (written) => (outcome.ok && outcome.entry ? [movedEvent(written, outcome.entry, now)] : []),
      };
    });
  } catch (error) {
    await deps.orders.remove(order._id, 'payment-pending');
    throw error;
  }
  const placed = await deps.orders.move(order._id, 'payment-pending', { $set: { status: 'placed' } }, [
    placedEvent(order, now),
  ]);
  deps.onEventsWritten();
  return orderView(placed ?? order);
}

async function visibleOrder(
  deps: OrderDeps,
  principal: Principal,
  id: string,
): Promise<{ order: OrderDoc; operator: boolean; firm: boolean }> {
  const order = await deps.orders.get(id);
  const missing = new HttpProblem(404, { zh: `没有这个订单：${id}`, en: `no such order: ${id}` });
  if (!order || order.status === 'payment-pending') throw missing;
  const operatorOrg = await deps.orgs.get(order.operatorId);
  const operator = operatorOrg !== null && actsFor(principal, operatorOrg);
  const firmDoc = await deps.firms.get(order.leadId);
  const firm = firmDoc !== null && canActForFirm(principal, firmFacts(firmDoc));
  if (!operator && !firm) throw missing;
  return { order, operator, firm };
}

export async function readOrder(deps: OrderDeps, principal: Principal, id: string): Promise<Order> {
  return orderView((await visibleOrder(deps, principal, id)).order);
}

export async function listOrders(
  deps: OrderDeps,
  principal: Principal,
  leadId: string | undefined,
): Promise<Order[]> {
  if (principal.role === 'service-operator') {
    const mine = (await deps.orgs.list('operator')).filter((o) => actsFor(principal, o)).map((o) => o._id);
    return (await deps.orders.list({ operatorId: { $in: mine }, ...(leadId ? { leadId } : {}) })).map(
      orderView,
    );
  }
  if (principal.role === 'firm' || leadId) {
    const firm: FirmFacts = await firmFor(deps.firms, principal, leadId ?? principal.leadId ?? '');
    return (await deps.orders.list({ leadId: firm.leadId })).map(orderView);
  }
  const scope = parkScope(principal);
  const filter: Filter = scope === 'all' ? {} : { parkId: { $in: [...scope] } };
  return (await deps.orders.list(filter)).map(orderView);
}

/** Accept, decline or cancel; a declined or cancelled order gets its voucher part back. */
export async function moveOrder(
  deps: OrderDeps,
  principal: Principal,
  id: string,
  to: Exclude<OrderStatus, 'placed' | 'completed'>,
  reason?: string,
  report?: OrderDoc['report'],
): Promise<Order> {
  return changeOrder(deps, principal, id, to, reason, report);
}

async function changeOrder(
  deps: OrderDeps,
  principal: Principal,
  id: string,
  to: OrderStatus,
  reason?: string,
  report?: OrderDoc['report'],
): Promise<Order> {
  const { order, operator, firm } = await visibleOrder(deps, principal, id);
  const allowed = [
    ...(operator ? (OPERATOR_MOVES[order.status as OrderStatus] ?? []) : []),
    ...(firm ? (FIRM_MOVES[order.status as OrderStatus] ?? []) : []),
  ];
  // A move the caller's party makes from some status, but not from this one: 409. A move that
  // is never theirs (an operator cancelling, a firm accepting): 403.
  const ever = (moves: typeof OPERATOR_MOVES) => Object.values(moves).some((next) => next?.includes(to));
  const theirs = (operator && ever(OPERATOR_MOVES)) || (firm && ever(FIRM_MOVES));
  if (!allowed.includes(to))
    throw new HttpProblem(
      theirs ? 409 : 403,
      {
        zh: `订单当前为“${order.status}”，不能改为“${to}”`,
        en: `the order is ${order.status}; you cannot make it ${to}`,
      },
      { extensions: { status: order.status } },
    );
  const moved = await applyMove(deps, order, to, { by: principal.sub, now: deps.now(), reason, report });
  if (!moved)
    throw new HttpProblem(409, {
      zh: '订单刚被他人修改，请刷新后重试',
      en: 'the order was just changed by someone else; reload and retry',
    });
  return orderView(moved);
}

/**
 * Moves an order on from the status it was read in, announced (rnd.order.status-changed.v1)
 * in the same write; a declined or cancelled order gets its voucher part back. Null when the
 * order changed meanwhile.
 */
async function applyMove(
  deps: Pick<OrderDeps, 'orders' | 'vouchers' | 'onEventsWritten'>,
  order: OrderDoc,
  to: OrderStatus,
  {
    by,
    now,
    reason,
    report,
  }: { by: string; now: Date; reason?: string | undefined; report?: OrderDoc['report'] },
): Promise<OrderDoc | null> {
  const at = now.toISOString();
  const event = createEvent(Events.rndOrderChanged, {
    key: order.leadId,
    source: SOURCE,
    occurredAt: now,
    payload: {
      ...firmOf(order),
      orderId: order._id,
      operatorId: order.operatorId,
      from: order.status as OrderStatus,
      to,
      ...(reason ? { reason } : {}),
      by,
      at,
    },
  });
  const moved = await deps.orders.move(
    order._id,
    order.status,
    {
      $set: { status: to, ...(reason ? { reason } : {}), ...(report ? { report } : {}) },
      $push: { history: { status: to, by, at } },
    },
    [outboxEntry(Events.rndOrderChanged, event)],
  );
  if (!moved) return null;
  deps.onEventsWritten();
  if ((to === 'declined' || to === 'cancelled') && moved.voucherCny > 0) return refundOrder(deps, moved, now);
  return moved;
}

async function refundOrder(
  deps: Pick<OrderDeps, 'orders' | 'vouchers' | 'onEventsWritten'>,
  order: OrderDoc,
  now: Date,
): Promise<OrderDoc> {
  try {
    await changeAccount(deps, order.leadId, (account) => {
      const outcome = account
        ? refund(account, order._id, 'system', now, uuidv7())
        : ({ ok: false, refusal: { code: 'nothing-to-refund' } } as const);
      return {
        outcome,
        events: (written) => (outcome.ok && outcome.entry ? [movedEvent(written, outcome.entry, now)] : []),
      };
    });
  } catch (error) {
    // Refunded before (a sweep, a retry): nothing more to give back.
    if (!(error instanceof HttpProblem && error.status === 409)) throw error;
  }
  return (await deps.orders.move(order._id, order.status, { $set: { refunded: true } }, [])) ?? order;
}

export async function completeOrder(
  deps: OrderDeps,
  principal: Principal,
  id: string,
  input: ReportInput,
): Promise<Order> {
  const now = deps.now();
  let report: NonNullable<OrderDoc['report']>;
  if (input.kind === 'link') {
    report = {
      kind: 'link',
      url: input.url,
      ...(input.name ? { name: input.name } : {}),
      attachedAt: now.toISOString(),
    };
  } else {
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0 || bytes.length > REPORT_MAX_BYTES)
      throw invalid([
        {
          path: 'contentBase64',
          message: `报告文件须为 1 字节到 ${REPORT_MAX_BYTES} 字节`,
          messageEn: `the report file must be 1 to ${REPORT_MAX_BYTES} bytes`,
          code: 'size',
        },
      ]);
    const { order, operator } = await visibleOrder(deps, principal, id);
    if (!operator || order.status !== 'accepted') return changeOrder(deps, principal, id, 'completed'); // answers the refusal
    await deps.orders.putReport({
      _id: id,
      name: input.name,
      contentType: input.contentType,
      contentBase64: input.contentBase64,
      sizeBytes: bytes.length,
    });
    report = {
      kind: 'file',
      name: input.name,
      contentType: input.contentType,
      sizeBytes: bytes.length,
      attachedAt: now.toISOString(),
    };
  }
  return changeOrder(deps, principal, id, 'completed', undefined, report);
}

export async function readReport(deps: OrderDeps, principal: Principal, id: string) {
  const { order } = await visibleOrder(deps, principal, id);
  const report = order.report?.kind === 'file' ? await deps.orders.getReport(id) : null;
  if (!report) throw new HttpProblem(404, { zh: '该订单没有报告文件', en: 'the order has no report file' });
  return report;
}

/**
 * Finishes what a crash interrupted: an order waiting on its payment is placed when the
 * voucher ledger holds its spend and removed when not; a declined or cancelled order gets its
 * voucher part back. Idempotent; main.ts runs it now and then.
 */
export async function settleOrders(deps: OrderDeps): Promise<number> {
  const now = deps.now();
  let settled = 0;
  for (const order of await deps.orders.unsettled(new Date(now.getTime() - SETTLE_AFTER_MS).toISOString())) {
    if (order.status === 'payment-pending') {
      const account = await deps.vouchers.get(order.leadId);
      const paid = account?.ledger.some((e) => e.kind === 'spend' && e.orderId === order._id) ?? false;
      if (paid) {
        const placed = await deps.orders.move(order._id, 'payment-pending', { $set: { status: 'placed' } }, [
          placedEvent(order, now),
        ]);
        if (placed) deps.onEventsWritten();
      } else await deps.orders.remove(order._id, 'payment-pending');
    } else await refundOrder(deps, order, now);
    settled++;
  }
  return settled;
}

export type { StoredStatus };

/** Why a withdrawn firm's orders not yet accepted are cancelled, as the operator reads it. */
export const WITHDRAWN_REASON =
  '企业已撤回项目信息，订单随之取消（the firm withdrew its profile; the order was cancelled）';

/**
 * Cancels the orders of a firm that withdrew its profile that no operator has accepted yet
 * (announced with rnd.order.status-changed.v1, their voucher part given back). Orders an operator
 * accepted are left to it: the work may be under way, and the operator completes or declines
 * them as with any order — the firm can no longer place, cancel or start anything. Idempotent.
 */
export async function cancelOrdersOf(
  deps: Pick<OrderDeps, 'orders' | 'vouchers' | 'onEventsWritten'>,
  leadId: string,
  now: Date,
): Promise<number> {
  let cancelled = 0;
  const open = (await deps.orders.list({ leadId }, 1000)).filter((o) => o.status === 'placed');
  for (const order of open) {
    const moved = await applyMove(deps, order, 'cancelled', { by: 'system', now, reason: WITHDRAWN_REASON });
    if (moved) cancelled++; // else accepted or cancelled meanwhile
  }
  return cancelled;
}
