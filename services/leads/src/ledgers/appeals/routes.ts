import { createRoute, z } from '@hono/zod-openapi';
import {
  APPEAL_CATEGORIES,
  APPEAL_STATUSES,
  Appeal,
  AppealChange,
  AppealInput,
  AppealPage,
} from '@parkmatch/contracts';
import { bearer, createRouter, json, jsonBody, problem } from '@parkmatch/service-kit';
import { shanghaiDate } from '../../calendar.ts';
import type { LedgerDeps } from '../deps.ts';
import { APPEALS, LeadIdParam, ledgerConflict, ledgerProblems, noOwnerYet, teamOnly } from '../openapi.ts';
import { type AppealDoc, appealView } from './appeal.ts';
import { changeAppeal } from './change-appeal.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { openAppeal } from './open-appeal.ts';
import { getAppeal, listLeadAppeals } from './read-appeals.ts';

const AppealIdParam = z.object({
  appealId: z.uuid().openapi({
    param: { name: 'appealId', in: 'path' },
    description: 'The appeal’s id, as opening it returned it',
    example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  }),
});

const PageQuery = z.object({
  status: z.enum(APPEAL_STATUSES).optional().openapi({ description: 'Only appeals of this status' }),
  category: z.enum(APPEAL_CATEGORIES).optional().openapi({ description: 'Only appeals of this category' }),
  overdue: z.enum(['true', 'false']).optional().openapi({
    description:
      '`true`: only appeals not closed and due before today (Asia/Shanghai); `false`: only the others',
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Appeals on the page, 1 to 200' }),
  cursor: z
    .string()
    .max(300)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; absent for the first page' }),
});

const ListQuery = PageQuery.extend({
  leadId: z.uuid().optional().openapi({ description: 'Only this lead’s appeals' }),
});

const open = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/appeals',
  operationId: 'openAppeal',
  tags: [APPEALS],
  summary: 'Open a firm’s problem (诉求): category, responsible department, due date',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(AppealInput) },
  responses: {
    201: json(Appeal, 'Opened (announced with leads.appeal.opened.v1)'),
    400: problem('Invalid appeal: unknown category, due date in the past, unknown fields …'),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

const listForLead = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/appeals',
  operationId: 'listLeadAppeals',
  tags: [APPEALS],
  summary: 'The lead’s appeals, newest first',
  security: bearer,
  request: { params: LeadIdParam, query: PageQuery },
  responses: {
    200: json(AppealPage, 'A page, newest first'),
    400: problem('Bad query or cursor'),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/appeals',
  operationId: 'listAppeals',
  tags: [APPEALS],
  summary: 'Appeals of the caller’s park (every park for city-wide staff), newest first',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: json(AppealPage, 'A page, newest first'),
    400: problem('Bad query or cursor'),
    401: problem('No or bad token'),
    403: problem('Firms never see a ledger'),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/appeals/{appealId}',
  operationId: 'getAppeal',
  tags: [APPEALS],
  summary: 'One appeal, with the history of its status',
  security: bearer,
  request: { params: AppealIdParam },
  responses: {
    200: json(Appeal, 'The appeal'),
    400: problem('Malformed appeal id'),
    401: problem('No or bad token'),
    403: problem('Firms never see a ledger'),
    404: problem('No such appeal, or another park’s'),
  },
});

const change = createRoute({
  method: 'patch',
  path: '/v1/appeals/{appealId}',
  operationId: 'changeAppealStatus',
  tags: [APPEALS],
  summary: 'Move an appeal: open → in-progress → resolved (with how) or rejected (with why)',
  security: bearer,
  request: { params: AppealIdParam, body: jsonBody(AppealChange) },
  responses: {
    200: json(Appeal, 'Changed; closing it is announced with leads.appeal.closed.v1'),
    400: problem(
      'Invalid change: a resolution or rejection reason missing or out of place, unknown fields …',
    ),
    401: problem('No or bad token'),
    403: problem('Firms never see a ledger'),
    404: problem('No such appeal, or another park’s'),
    409: ledgerConflict('An illegal change (`legal` lists the legal ones), or a stale revision'),
  },
});

const overdueOf = (overdue: 'true' | 'false' | undefined) =>
  overdue === undefined ? undefined : overdue === 'true';

export function appealRoutes(deps: LedgerDeps) {
  const app = createRouter();
  for (const path of ['/v1/leads/:leadId/appeals', '/v1/appeals', '/v1/appeals/:appealId'])
    app.use(path, teamOnly(deps.tokens));

  const today = () => shanghaiDate(deps.now());
  const page = (appeals: AppealDoc[], limit: number) => {
    const last = appeals.at(-1);
    const at = today();
    return {
      items: appeals.map((appeal) => appealView(appeal, at)),
      nextCursor:
        last && appeals.length === limit ? encodeCursor({ openedAt: last.openedAt, id: last._id }) : null,
    };
  };

  app.openapi(open, async (c) => {
    const appeal = await openAppeal(deps, c.var.principal, c.req.valid('param').leadId, c.req.valid('json'));
    c.header('location', `/v1/appeals/${appeal._id}`);
    return c.json(appealView(appeal, today()), 201);
  });

  app.openapi(listForLead, async (c) => {
    const { status, category, overdue, limit, cursor } = c.req.valid('query');
    const appeals = await listLeadAppeals(deps, c.var.principal, c.req.valid('param').leadId, {
      status,
      category,
      overdue: overdueOf(overdue),
      after: cursor ? decodeCursor(cursor) : undefined,
      limit,
    });
    return c.json(page(appeals, limit), 200);
  });

  app.openapi(list, async (c) => {
    const { status, category, overdue, leadId, limit, cursor } = c.req.valid('query');
    const appeals = await deps.ledgers.appeals.list(c.var.principal, {
      status,
      category,
      leadId,
      overdue: overdueOf(overdue),
      today: today(),
      after: cursor ? decodeCursor(cursor) : undefined,
      limit,
    });
    return c.json(page(appeals, limit), 200);
  });

  app.openapi(read, async (c) => {
    const appeal = await getAppeal(deps, c.var.principal, c.req.valid('param').appealId);
    return c.json(appealView(appeal, today()), 200);
  });

  app.openapi(change, async (c) => {
    const appeal = await changeAppeal(
      deps,
      c.var.principal,
      c.req.valid('param').appealId,
      c.req.valid('json'),
    );
    return c.json(appealView(appeal, today()), 200);
  });

  return app;
}
