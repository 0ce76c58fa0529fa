import {
  type AnswerInput,
  BilingualText,
  FinancingNeed,
  type FinancingNeedInput,
  Order,
  type OrderInput,
  OrderList,
  OrgList,
  ProductMatch,
  type ReportInput,
  RndServiceList,
  ServiceSuggestions,
  VoucherAccount,
  VoucherAccountList,
} from '@parkmatch/contracts';
import { z } from 'zod';
import type { CallContext, Upstream } from '../api/http.ts';

// The firm-services service (issue 14) as the portal uses it: financing needs matched to banks'
// credit products and pushed to the banks, their answers; the R&D platform's catalogue and
// orders; service vouchers. Every call carries the visitor's token (the firm's own, a team
// member's, a bank officer's or a service operator's): the service decides what each may do.

/**
 * What the managers' page reads of insights' financing metric (GET /v1/metrics/financing, folded
 * from firm-services' events): a tolerant reader of the few figures it shows.
 */
export const FinancingFigures = z.object({
  financing: z.object({
    needs: z.number(),
    needsAmountCny: z.number(),
    pushes: z.number(),
    offers: z.number(),
    offeredAmountCny: z.number(),
    declined: z.number(),
  }),
  vouchers: z.object({ grantedCny: z.number(), spentCny: z.number(), balanceAtEndCny: z.number() }),
  orders: z.object({ placed: z.number(), totalCny: z.number(), voucherCny: z.number() }),
});
export type FinancingFigures = z.infer<typeof FinancingFigures>;

/**
 * A need as firm-services serves it: the contract's, and why it is closed when it is (its firm
 * withdrew its profile: no bank answers it any more).
 */
export const NeedView = FinancingNeed.extend({
  closed: z.object({ because: z.string(), reason: BilingualText, at: z.string() }).optional(),
});
export type NeedView = z.infer<typeof NeedView>;
const NeedViewList = z.object({ items: z.array(NeedView) });

/** The optional profile facts a product's gate may need (firm-services' OPTIONAL_FACTS). */
export const OPTIONAL_FACTS = ['revenueCny', 'foundedYear', 'growthStage'] as const;
export type OptionalFact = (typeof OPTIONAL_FACTS)[number];
const isFact = (f: string): f is OptionalFact => (OPTIONAL_FACTS as readonly string[]).includes(f);

/**
 * A product's match, with the gates left to confirm because the firm has not given the fact they
 * need; and the list's missing facts. Tolerant: a service that does not send them sends none.
 */
export const MatchView = ProductMatch.extend({
  toConfirm: z.array(z.object({ gate: z.string(), reason: BilingualText })).default([]),
});
export type MatchView = z.infer<typeof MatchView>;
export const MatchList = z.object({
  needId: z.string(),
  items: z.array(MatchView),
  missingFacts: z
    .array(z.string())
    .default([])
    .transform((facts) => facts.filter(isFact)),
});
export type MatchList = z.infer<typeof MatchList>;

/** The decision on a voucher application, as the service takes it. */
export type VoucherDecision =
  | { decision: 'approved'; grantedCny: number; expiresOn?: string }
  | { decision: 'rejected'; reason: string };

/** What the operator or the firm's side may do to an order before it is completed. */
export type OrderMove =
  | { status: 'accepted' }
  | { status: 'declined'; reason: string }
  | { status: 'cancelled'; reason: string };

const seg = encodeURIComponent;

/** `insights`: where the financing figures are, when the portal knows the insights service. */
export function firmServicesClient(fs: Upstream, insights?: Upstream) {
  return {
    /** The financing and voucher figures of a park (or the city) over a period, from insights. */
    financingFigures: (
      q: { parkId?: string | undefined; period: 'month' | 'quarter' | 'year'; date?: string | undefined },
      ctx: CallContext,
    ) =>
      insights
        ? insights.call(FinancingFigures, 'GET', '/v1/metrics/financing', ctx, { query: { ...q } })
        : Promise.resolve(undefined),

    // ── financing (渝企金服) ───────────────────────────────────────────────────
    registerNeed: (input: FinancingNeedInput | Record<string, unknown>, ctx: CallContext) =>
      fs.call(NeedView, 'POST', '/v1/finance/needs', ctx, { body: input }),
    /** A firm's needs (leadId), or what the caller may read: its park's, or those pushed to its bank. */
    needs: (leadId: string | undefined, ctx: CallContext) =>
      fs.call(NeedViewList, 'GET', '/v1/finance/needs', ctx, { query: { leadId } }),
    need: (needId: string, ctx: CallContext) =>
      fs.call(NeedView, 'GET', `/v1/finance/needs/${seg(needId)}`, ctx),
    matches: (needId: string, ctx: CallContext) =>
      fs.call(MatchList, 'GET', `/v1/finance/needs/${seg(needId)}/matches`, ctx),
    push: (needId: string, productIds: string[], ctx: CallContext) =>
      fs.call(NeedView, 'POST', `/v1/finance/needs/${seg(needId)}/pushes`, ctx, {
        body: { productIds },
      }),
    answer: (needId: string, productId: string, answer: AnswerInput, ctx: CallContext) =>
      fs.call(NeedView, 'POST', `/v1/finance/needs/${seg(needId)}/pushes/${seg(productId)}/answer`, ctx, {
        body: answer,
      }),
    orgs: (kind: 'bank' | 'operator' | undefined, ctx: CallContext) =>
      fs.call(OrgList, 'GET', '/v1/orgs', ctx, { query: { kind } }),

    // ── the R&D service platform ─────────────────────────────────────────────
    services: (ctx: CallContext) => fs.call(RndServiceList, 'GET', '/v1/rnd/services', ctx),
    suggestions: (leadId: string, ctx: CallContext) =>
      fs.call(ServiceSuggestions, 'GET', '/v1/rnd/suggestions', ctx, { query: { leadId } }),
    placeOrder: (input: OrderInput | Record<string, unknown>, ctx: CallContext) =>
      fs.call(Order, 'POST', '/v1/rnd/orders', ctx, { body: input }),
    /** A firm's orders (leadId), or what the caller may read: its park's, or its operator's. */
    orders: (leadId: string | undefined, ctx: CallContext) =>
      fs.call(OrderList, 'GET', '/v1/rnd/orders', ctx, { query: { leadId } }),
    moveOrder: (orderId: string, move: OrderMove, ctx: CallContext) =>
      fs.call(Order, 'POST', `/v1/rnd/orders/${seg(orderId)}/status`, ctx, { body: move }),
    completeOrder: (orderId: string, report: ReportInput, ctx: CallContext) =>
      fs.call(Order, 'POST', `/v1/rnd/orders/${seg(orderId)}/report`, ctx, { body: report }),
    /** The report file of a completed order, as the service streams it. */
    report: (orderId: string, ctx: CallContext) =>
      fs.stream('GET', `/v1/rnd/orders/${seg(orderId)}/report`, ctx),

    // ── service vouchers (服务券) ──────────────────────────────────────────────
    voucherAccount: (leadId: string, ctx: CallContext) =>
      fs.call(VoucherAccount, 'GET', `/v1/vouchers/${seg(leadId)}`, ctx),
    applyForVouchers: (input: { leadId: string; requestedCny: unknown; purpose: string }, ctx: CallContext) =>
      fs.call(VoucherAccount, 'POST', '/v1/vouchers/applications', ctx, { body: input }),
    voucherAccounts: (pendingOnly: boolean, ctx: CallContext) =>
      fs.call(VoucherAccountList, 'GET', '/v1/vouchers', ctx, {
        query: { pending: pendingOnly ? 'true' : undefined },
      }),
    decide: (leadId: string, applicationId: string, decision: VoucherDecision, ctx: CallContext) =>
      fs.call(
        VoucherAccount,
        'POST',
        `/v1/vouchers/${seg(leadId)}/applications/${seg(applicationId)}/decision`,
        ctx,
        { body: decision },
      ),
  };
}

export type FirmServicesClient = ReturnType<typeof firmServicesClient>;
