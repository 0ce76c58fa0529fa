import { createRoute } from '@hono/zod-openapi';
import { ExpectationsInput, LeadLedger, LiaisonInput } from '@parkmatch/contracts';
import { bearer, createRouter, json, jsonBody, problem } from '@parkmatch/service-kit';
import { ledgerLead } from '../access.ts';
import type { LedgerDeps } from '../deps.ts';
import { LEDGER, LeadIdParam, ledgerConflict, ledgerProblems, noOwnerYet, teamOnly } from '../openapi.ts';
import { setExpectations } from './expectations.ts';
import { assignLiaison } from './liaison.ts';
import { leadLedgerView } from './view.ts';

const read = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/ledger',
  operationId: 'getLeadLedger',
  tags: [LEDGER],
  summary: 'The head of a lead’s 一企一策 ledger: owner, liaison, expectations, key-firm mark',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(LeadLedger, 'The ledger’s head'),
    400: problem('Malformed lead id'),
    ...ledgerProblems,
    409: noOwnerYet,
  },
});

const liaison = createRoute({
  method: 'put',
  path: '/v1/leads/{leadId}/liaison',
  operationId: 'assignLiaison',
  tags: [LEDGER],
  summary: 'Name (or rename) the lead’s liaison (联络员): an analyst or manager of the owner park',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(LiaisonInput) },
  responses: {
    200: json(LeadLedger, 'Named (announced with leads.lead.liaison-assigned.v1), or already so'),
    400: problem('Invalid request, or the account is not an analyst or manager of the owner park'),
    ...ledgerProblems,
    409: ledgerConflict('No owner yet, or the lead changed meanwhile (stale pipelineRevision)'),
  },
});

const expectations = createRoute({
  method: 'put',
  path: '/v1/leads/{leadId}/expectations',
  operationId: 'setExpectations',
  tags: [LEDGER],
  summary: 'Replace the annual output and sales the park expects of the firm (CNY)',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(ExpectationsInput) },
  responses: {
    200: json(LeadLedger, 'Stored'),
    400: problem('Invalid amounts (never negative) or unknown fields'),
    ...ledgerProblems,
    409: problem('No owner yet, or the owner changed meanwhile'),
  },
});

export function leadLedgerRoutes(deps: LedgerDeps) {
  const app = createRouter();
  for (const path of ['ledger', 'liaison', 'expectations'])
    app.use(`/v1/leads/:leadId/${path}`, teamOnly(deps.tokens));

  app.openapi(read, async (c) => {
    const lead = await ledgerLead(deps.leads, c.var.principal, c.req.valid('param').leadId);
    return c.json(leadLedgerView(lead), 200);
  });

  app.openapi(liaison, async (c) => {
    const lead = await assignLiaison(deps, c.var.principal, c.req.valid('param').leadId, c.req.valid('json'));
    return c.json(leadLedgerView(lead), 200);
  });

  app.openapi(expectations, async (c) => {
    const lead = await setExpectations(
      deps,
      c.var.principal,
      c.req.valid('param').leadId,
      c.req.valid('json'),
    );
    return c.json(leadLedgerView(lead), 200);
  });

  return app;
}
