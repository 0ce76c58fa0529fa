import { createRoute } from '@hono/zod-openapi';
import { Visit, VisitInput, VisitList } from '@parkmatch/contracts';
import { bearer, createRouter, json, jsonBody, problem } from '@parkmatch/service-kit';
import type { LedgerDeps } from '../deps.ts';
import { LEDGER, LeadIdParam, ledgerProblems, noOwnerYet, teamOnly } from '../openapi.ts';
import { visitView } from './visit.ts';
import { listVisits, logVisit } from './visits.ts';

const log = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/visits',
  operationId: 'logVisit',
  tags: [LEDGER],
  summary: 'Log a visit or talk: when, who took part, what was said, the next step and its due date',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(VisitInput) },
  responses: {
    201: json(Visit, 'Logged (announced with leads.visit.logged.v1)'),
    400: problem(
      'Invalid visit: a date in the future or before the lead was received, a next step due before the ' +
        'visit, unknown fields …',
    ),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/visits',
  operationId: 'listVisits',
  tags: [LEDGER],
  summary: 'The lead’s visits and talks, newest first',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(VisitList, 'Newest first'),
    400: problem('Malformed lead id'),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

export function visitRoutes(deps: LedgerDeps) {
  const app = createRouter();
  app.use('/v1/leads/:leadId/visits', teamOnly(deps.tokens));

  app.openapi(log, async (c) => {
    const { leadId } = c.req.valid('param');
    const visit = await logVisit(deps, c.var.principal, leadId, c.req.valid('json'));
    c.header('location', `/v1/leads/${leadId}/visits`);
    return c.json(visitView(visit), 201);
  });

  app.openapi(list, async (c) => {
    const visits = await listVisits(deps, c.var.principal, c.req.valid('param').leadId);
    return c.json({ items: visits.map(visitView) }, 200);
  });

  return app;
}
