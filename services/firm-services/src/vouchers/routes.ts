import { createRoute, z } from '@hono/zod-openapi';
import {
  VOUCHER_CAP_CNY,
  VoucherAccount,
  VoucherAccountList,
  VoucherApplicationInput,
  VoucherDecisionInput,
} from '@parkmatch/contracts';
import type { TokenService } from '@parkmatch/service-kit';
import { bearer, createRouter, json, jsonBody, problem, requireAuth, tag } from '@parkmatch/service-kit';
import { yuan } from '../money.ts';
import { Id, LeadId, pathParam, queryParam } from '../params.ts';
import {
  applyForVouchers,
  decideApplication,
  listAccounts,
  readAccount,
  type VoucherDeps,
} from './vouchers.ts';

export const VOUCHERS = tag(
  'vouchers',
  'Service vouchers (服务券): a firm applies, its park approves up to 300,000 CNY in all, orders spend ' +
    'the balance (never below zero, never twice), balances expire; every movement is in the ledger.',
);

/** An amount in 元 within the cap, its bound worded in 元 with separators (not “不能大于 300000”). */
const capped = (zh: string, en: string) => {
  const cap = yuan(VOUCHER_CAP_CNY);
  return z
    .number()
    .int()
    .min(1, `${zh}至少 1 元 / ${en} must be at least CNY 1`)
    .max(
      VOUCHER_CAP_CNY,
      `${zh}不能超过每家企业 ${cap.zh}的服务券上限 / ${en} can be at most the ${cap.en} cap per firm`,
    );
};
const ApplicationBody = VoucherApplicationInput.extend({
  requestedCny: capped('申请金额', 'the amount'),
}).meta({ id: 'VoucherApplicationInput' });
const [approve, reject] = VoucherDecisionInput.options;
const DecisionBody = z
  .discriminatedUnion('decision', [approve.extend({ grantedCny: capped('批准金额', 'the grant') }), reject])
  .meta({ id: 'VoucherDecisionInput' });

const LeadParam = z.object({ leadId: pathParam(LeadId, 'leadId', 'The firm’s lead id') });
const DecisionParams = LeadParam.extend({
  applicationId: pathParam(Id, 'applicationId', 'The application’s id'),
});
const ListQuery = z.object({
  pending: queryParam(
    z.enum(['true', 'false']).optional(),
    'pending',
    'Only accounts with an application waiting for a decision',
  ),
});

const applyRoute = createRoute({
  method: 'post',
  path: '/v1/vouchers/applications',
  operationId: 'applyForVouchers',
  tags: [VOUCHERS],
  summary: 'Apply for service vouchers (the firm, or its park’s team on its behalf)',
  security: bearer,
  request: { body: jsonBody(ApplicationBody) },
  responses: {
    201: json(VoucherAccount, 'Applied (vouchers.application.submitted.v1); the firm’s account'),
    400: problem('Invalid application'),
    401: problem('No or bad token'),
    403: problem('The role may not do this'),
    404: problem('No such firm, or not one the caller acts for'),
    409: problem('The firm withdrew its profile, or its account changed meanwhile'),
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/v1/vouchers/{leadId}/applications/{applicationId}/decision',
  operationId: 'decideVoucherApplication',
  tags: [VOUCHERS],
  summary:
    'Approve an amount (within the cap) with its expiry day, or reject with a reason (the firm’s park)',
  security: bearer,
  request: { params: DecisionParams, body: jsonBody(DecisionBody) },
  responses: {
    200: json(
      VoucherAccount,
      'Decided (vouchers.application.decided.v1, and vouchers.balance.moved.v1 for a grant)',
    ),
    400: problem('Invalid decision'),
    401: problem('No or bad token'),
    403: problem('Only the firm’s park decides'),
    404: problem('No such firm or application'),
    409: problem('Decided already, the firm has no park yet, or it withdrew its profile'),
    422: problem('More than the firm applied for, over the cap, or an expiry day in the past'),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/v1/vouchers/{leadId}',
  operationId: 'getVoucherAccount',
  tags: [VOUCHERS],
  summary: 'A firm’s voucher account: applications, granted, balance, expiry and the ledger',
  security: bearer,
  request: { params: LeadParam },
  responses: {
    200: json(VoucherAccount, 'The account (empty when the firm never applied)'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('The role may not do this'),
    404: problem('No such firm, or not one the caller acts for'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/vouchers',
  operationId: 'listVoucherAccounts',
  tags: [VOUCHERS],
  summary: 'The voucher accounts of the caller’s park (every park for city-wide staff)',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: json(VoucherAccountList, 'By lead id (at most 500)'),
    400: problem('Malformed query'),
    401: problem('No or bad token'),
    403: problem('Park teams and admins only'),
  },
});

export function voucherRoutes(deps: VoucherDeps & { tokens: TokenService }) {
  const app = createRouter();
  const firmSide = requireAuth(deps.tokens, 'firm', 'analyst', 'manager', 'admin');
  app.on('POST', '/v1/vouchers/applications', firmSide);
  app.on(
    'POST',
    '/v1/vouchers/:leadId/applications/:applicationId/decision',
    requireAuth(deps.tokens, 'analyst', 'manager', 'admin'),
  );
  app.on('GET', '/v1/vouchers/:leadId', firmSide);
  app.on('GET', '/v1/vouchers', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));

  app.openapi(applyRoute, async (c) =>
    c.json(await applyForVouchers(deps, c.var.principal, c.req.valid('json')), 201),
  );
  app.openapi(decideRoute, async (c) => {
    const { leadId, applicationId } = c.req.valid('param');
    return c.json(
      await decideApplication(deps, c.var.principal, leadId, applicationId, c.req.valid('json')),
      200,
    );
  });
  app.openapi(readRoute, async (c) =>
    c.json(await readAccount(deps, c.var.principal, c.req.valid('param').leadId), 200),
  );
  app.openapi(listRoute, async (c) =>
    c.json(
      { items: await listAccounts(deps, c.var.principal, c.req.valid('query').pending === 'true') },
      200,
    ),
  );
  return app;
}
