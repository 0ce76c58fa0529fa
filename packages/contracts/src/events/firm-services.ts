import { z } from 'zod';
import {
  FINANCING_PURPOSES,
  ORDER_STATUSES,
  PRODUCT_TYPES,
  PUSH_STATUSES,
  SUB_PLATFORMS,
  URGENCIES,
  VOUCHER_MOVES,
} from '../firm-services.ts';
import { CalendarDate } from '../pipeline.ts';
import { defineEvent } from './envelope.ts';

// The firm-services service announces financing needs, their pushes to banks and the banks'
// answers, R&D service orders and service-voucher movements. All keyed by the lead id (the
// firm), so one firm's events keep their order; `parkId` is the park that owns the lead, when
// one does (insights counts per park, notifications tells the park's team).

const Who = { by: z.string(), at: z.iso.datetime() };
const Firm = { leadId: z.string(), parkId: z.string().optional(), firmName: z.string() };

/** A firm (or its liaison) registered a financing need (financing demanded). */
export const financeNeedRegistered = defineEvent(
  'finance.need.registered.v1',
  z.object({
    ...Firm,
    needId: z.string(),
    amountCny: z.number(),
    purpose: z.enum(FINANCING_PURPOSES),
    termMonths: z.number().int(),
    urgency: z.enum(URGENCIES),
    ...Who,
  }),
);

/** A need was pushed to one bank's product: the bank's officers are to answer it. */
export const financeNeedPushed = defineEvent(
  'finance.need.pushed.v1',
  z.object({
    ...Firm,
    needId: z.string(),
    bankId: z.string(),
    productId: z.string(),
    productName: z.string(),
    productType: z.enum(PRODUCT_TYPES),
    amountCny: z.number(),
    termMonths: z.number().int(),
    urgency: z.enum(URGENCIES),
    score: z.number(),
    /** The bank's officers (accounts) when it was pushed: who is to be told. */
    officers: z.array(z.string()),
    ...Who,
  }),
);

/** A bank answered a pushed need: reviewing, an offer (financing granted) or declined. */
export const financeNeedAnswered = defineEvent(
  'finance.need.answered.v1',
  z.object({
    ...Firm,
    needId: z.string(),
    bankId: z.string(),
    productId: z.string(),
    status: z.enum(PUSH_STATUSES).exclude(['pushed']),
    offer: z
      .object({ amountCny: z.number(), ratePct: z.number().optional(), termMonths: z.number().int() })
      .optional(),
    reason: z.string().optional(),
    /** The firm's liaison (联络员), to be told, when it has one. */
    liaison: z.string().optional(),
    ...Who,
  }),
);

/** A firm ordered a service on the R&D platform (paid `voucherCny` by voucher, the rest itself). */
export const rndOrderPlaced = defineEvent(
  'rnd.order.placed.v1',
  z.object({
    ...Firm,
    orderId: z.string(),
    serviceId: z.string(),
    operatorId: z.string(),
    subPlatform: z.enum(SUB_PLATFORMS),
    totalCny: z.number(),
    voucherCny: z.number(),
    ...Who,
  }),
);

/** An order moved: accepted or declined by the operator, completed with a report, cancelled. */
export const rndOrderChanged = defineEvent(
  'rnd.order.status-changed.v1',
  z.object({
    ...Firm,
    orderId: z.string(),
    operatorId: z.string(),
    from: z.enum(ORDER_STATUSES),
    to: z.enum(ORDER_STATUSES),
    reason: z.string().optional(),
    ...Who,
  }),
);

/** A firm applied for service vouchers. */
export const voucherApplied = defineEvent(
  'vouchers.application.submitted.v1',
  z.object({ ...Firm, applicationId: z.string(), requestedCny: z.number(), ...Who }),
);

/** The park decided a voucher application. */
export const voucherDecided = defineEvent(
  'vouchers.application.decided.v1',
  z.object({
    ...Firm,
    applicationId: z.string(),
    decision: z.enum(['approved', 'rejected']),
    grantedCny: z.number().optional(),
    expiresOn: CalendarDate.optional(),
    reason: z.string().optional(),
    ...Who,
  }),
);

/** One movement of a firm's voucher balance (its ledger entry). */
export const voucherMoved = defineEvent(
  'vouchers.balance.moved.v1',
  z.object({
    ...Firm,
    entryId: z.string(),
    kind: z.enum(VOUCHER_MOVES),
    amountCny: z.number(),
    balanceAfterCny: z.number(),
    orderId: z.string().optional(),
    ...Who,
  }),
);
