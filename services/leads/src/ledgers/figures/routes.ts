import { createRoute, z } from '@hono/zod-openapi';
import {
  FiguresInput,
  FiguresList,
  KeyFirmInput,
  KeyFirmLedger,
  LeadLedger,
  MonthlyFigures,
  ParkId,
  YearMonth,
} from '@parkmatch/contracts';
import { assertPark, bearer, createRouter, json, jsonBody, problem } from '@parkmatch/service-kit';
import { shanghaiMonth } from '../../calendar.ts';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import { leadLedgerView } from '../lead-ledger/view.ts';
import { KEY_FIRMS, LeadIdParam, ledgerProblems, noOwnerYet, teamOnly } from '../openapi.ts';
import { figuresView } from './figures.ts';
import { keyFirmLedger, markKeyFirm } from './key-firms.ts';
import { reportFigures } from './report.ts';

const MonthParam = LeadIdParam.extend({
  // A schema made before @hono/zod-openapi was loaded has no .openapi(): a clone made now has.
  month: YearMonth.clone().openapi({
    param: { name: 'month', in: 'path' },
    description:
      'The month, `YYYY-MM` (Asia/Shanghai); not in the future and not before 2000-01 (months before ' +
      'the lead was received may be the firm’s earlier operating history)',
    example: '2026-10',
  }),
});

const LedgerQuery = z.object({
  month: YearMonth.optional().openapi({
    description: 'The month whose figures to show, `YYYY-MM`; this month (Asia/Shanghai) when absent',
    example: '2026-10',
  }),
  parkId: ParkId.optional().openapi({
    description: 'Only this park’s key firms; a park’s team may name only its own',
  }),
});

const report = createRoute({
  method: 'put',
  path: '/v1/leads/{leadId}/figures/{month}',
  operationId: 'reportFigures',
  tags: [KEY_FIRMS],
  summary: 'Report a key firm’s figures for a month (again: idempotent; different figures: a correction)',
  security: bearer,
  request: { params: MonthParam, body: jsonBody(FiguresInput) },
  responses: {
    200: json(
      MonthlyFigures,
      'The same figures again (nothing new), or a correction (earlier ones in history)',
    ),
    201: json(MonthlyFigures, 'The month’s first report (announced with leads.figures.reported.v1)'),
    400: problem(
      'Invalid figures (money never negative), a month in the future or before 2000-01, unknown fields …',
    ),
    ...ledgerProblems,
    409: problem('No owner yet, or the month is being changed by others at the same time'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/figures',
  operationId: 'listFigures',
  tags: [KEY_FIRMS],
  summary: 'A lead’s monthly figures, newest month first, each with its corrections',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(FiguresList, 'Newest month first'),
    400: problem('Malformed lead id'),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

const mark = createRoute({
  method: 'put',
  path: '/v1/leads/{leadId}/key-firm',
  operationId: 'markKeyFirm',
  tags: [KEY_FIRMS],
  summary: 'Put a lead on the 重点培育 ledger by hand, or take it off',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(KeyFirmInput) },
  responses: {
    200: json(LeadLedger, 'Marked'),
    400: problem('Invalid request'),
    ...ledgerProblems,
    409: problem('No owner yet, or the owner changed meanwhile'),
  },
});

const ledger = createRoute({
  method: 'get',
  path: '/v1/ledgers/key-firms',
  operationId: 'listKeyFirms',
  tags: [KEY_FIRMS],
  summary: 'The 重点培育 ledger for a month: key firms with their figures, or "not reported"',
  description: 'The caller’s park’s key firms; every park’s for admins and city managers.',
  security: bearer,
  request: { query: LedgerQuery },
  responses: {
    200: json(KeyFirmLedger, 'By park, then firm'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Firms never see a ledger; a park’s team sees only its own park'),
  },
});

export function figuresRoutes(deps: LedgerDeps) {
  const app = createRouter();
  for (const path of [
    '/v1/leads/:leadId/figures',
    '/v1/leads/:leadId/figures/:month',
    '/v1/leads/:leadId/key-firm',
    '/v1/ledgers/key-firms',
  ])
    app.use(path, teamOnly(deps.tokens));

  app.openapi(report, async (c) => {
    const { leadId, month } = c.req.valid('param');
    const outcome = await reportFigures(deps, c.var.principal, leadId, month, c.req.valid('json'));
    return outcome.kind === 'first'
      ? c.json(figuresView(outcome.figures), 201)
      : c.json(figuresView(outcome.figures), 200);
  });

  app.openapi(list, async (c) => {
    const { leadId } = c.req.valid('param');
    await ledgerLead(deps.leads, c.var.principal, leadId);
    const months = await deps.ledgers.figures.forLead(c.var.principal, leadId);
    return c.json({ items: months.map(figuresView) }, 200);
  });

  app.openapi(mark, async (c) => {
    const lead = await markKeyFirm(deps, c.var.principal, c.req.valid('param').leadId, c.req.valid('json'));
    return c.json(leadLedgerView(lead), 200);
  });

  app.openapi(ledger, async (c) => {
    const { month = shanghaiMonth(deps.now()), parkId } = c.req.valid('query');
    if (parkId) assertPark(c.var.principal, parkId);
    return c.json({ month, items: await keyFirmLedger(deps, c.var.principal, month, parkId) }, 200);
  });

  return app;
}
