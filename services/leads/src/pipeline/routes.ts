import { createRoute, z } from '@hono/zod-openapi';
import {
  ClaimRequest,
  LeadListPage,
  MoveRequest,
  ParkId,
  PipelineProblem,
  Stage,
  TeamLeadView,
  Tier,
  TransferRequest,
} from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  json,
  jsonBody,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { claimLead } from './claim.ts';
import type { PipelineDeps } from './deps.ts';
import { listLeads } from './list.ts';
import { moveStage } from './move.ts';
import { transferLead } from './transfer.ts';
import { teamLeadView } from './view.ts';
import { visibleLead } from './visible-lead.ts';

const PIPELINE = tag(
  'pipeline',
  'The closed loop for the teams: the lead list, claiming a lead (首报首谈), transfers and stage moves.',
);

const LeadIdParam = z.object({
  leadId: z.uuid().openapi({
    param: { name: 'leadId', in: 'path' },
    description: 'The lead’s id',
    example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  }),
});

const LeadListQuery = z.object({
  stage: Stage.optional().openapi({ description: 'Only leads at this stage' }),
  owner: z
    .union([ParkId, z.literal('none')])
    .optional()
    .openapi({ description: 'Only leads this park owns; `none`: leads nobody has claimed' }),
  liaison: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Only leads of this liaison' }),
  tier: Tier.optional().openapi({
    description: 'Only leads your park rated this tier (city-wide staff: any park)',
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Firm name or credit code contains this text (e.g. 生物)', example: '生物' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Leads on the page, 1 to 200' }),
  cursor: z
    .string()
    .max(300)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; absent for the first page' }),
});

/** A 409 of the pipeline: the lead as it stands (stage, revision, owner, legal moves). */
const conflict = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PipelineProblem } },
});

const list = createRoute({
  method: 'get',
  path: '/v1/leads',
  operationId: 'listLeads',
  tags: [PIPELINE],
  summary: 'The leads your team may see, newest activity first, with time in stage',
  description:
    'A park’s team sees the leads its park rated A–C and the leads it owns; city managers and admins see all.',
  security: bearer,
  request: { query: LeadListQuery },
  responses: {
    200: json(LeadListPage, 'A page of leads'),
    400: problem('Bad query or cursor'),
    401: problem('No or bad token'),
    403: problem('Firms have no lead list'),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}',
  operationId: 'getLead',
  tags: [PIPELINE],
  summary: 'One lead as your team works it, with the moves you may make',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(TeamLeadView, 'The lead'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('Firms read their own lead at /v1/profiles/{leadId}'),
    404: problem('No such lead, or not one you may see'),
  },
});

const claim = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/claim',
  operationId: 'claimLead',
  tags: [PIPELINE],
  summary: 'Claim a lead for your park (首报首谈): the first claim wins',
  description:
    'A park’s analysts and managers claim for their park; city managers and admins name the park. ' +
    'The park must have rated the lead A–C.',
  security: bearer,
  request: {
    params: LeadIdParam,
    body: { required: false, content: { 'application/json': { schema: ClaimRequest } } },
  },
  responses: {
    201: json(TeamLeadView, 'Claimed: the park owns the lead'),
    400: problem('Invalid body, or no park named by city-wide staff'),
    401: problem('No or bad token'),
    403: problem('Not your park, or the park did not rate the lead A–C'),
    404: problem('No such lead, or not one you may see'),
    409: conflict('Another park claimed it first (`owner`), or the firm withdrew it'),
  },
});

const transfer = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/transfer',
  operationId: 'transferLead',
  tags: [PIPELINE],
  summary: 'Hand a claimed lead to another park, with a reason (city managers, admins)',
  description:
    'Made on the `pipelineRevision` the caller read, as a stage move: of two transfers sent at once, ' +
    'one wins and the other gets 409 with where the lead is now (`owner`, `stage`, `pipelineRevision`).',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(TransferRequest) },
  responses: {
    200: json(TeamLeadView, 'Transferred: the lead with its new owner and `pipelineRevision`'),
    400: problem('Invalid body (a missing `pipelineRevision` or reason, an unknown park)'),
    401: problem('No or bad token'),
    403: problem('Only city managers and admins transfer leads'),
    404: problem('No such lead'),
    409: conflict(
      'Stale `pipelineRevision` (current `owner`, `stage` and revision), not claimed yet, already that park’s, or withdrawn',
    ),
  },
});

const move = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/stage',
  operationId: 'moveLeadStage',
  tags: [PIPELINE],
  summary: 'Move a lead in the pipeline (its owner park’s team, city managers, admins)',
  description:
    'Forward one stage is the normal move; skipping forward needs a `note`; going back or reopening a ' +
    'lost lead needs a manager and a `note`; 签约, 注册落地, 开工建设, 投产, 搁置 and 流失 need their `facts`. ' +
    'The dates of what happened (`signedOn`, `registeredOn`, `startedOn`) lie between the day the lead was ' +
    'received and the day of the move, and not before the date of the stage they follow (注册 not before ' +
    '签约, 开工 not before 注册, 投产 not before 开工); otherwise 400 with a field error under `facts.*`.',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(MoveRequest) },
  responses: {
    200: json(TeamLeadView, 'Moved: the lead with its new `pipelineRevision`'),
    400: problem('Invalid body, a missing note, or missing or invalid facts (under `facts.*`)'),
    401: problem('No or bad token'),
    403: problem('Not your park’s lead, or the move needs a manager'),
    404: problem('No such lead, or not one you may see'),
    409: conflict(
      'Stale `pipelineRevision` (current `stage` and revision), an illegal move (`legal`), or unclaimed',
    ),
  },
});

/** Team members only. Each path on its own: other features mount routes under /v1/leads/{leadId}/. */
const TEAM_PATHS = [
  '/v1/leads',
  '/v1/leads/:leadId',
  '/v1/leads/:leadId/claim',
  '/v1/leads/:leadId/transfer',
  '/v1/leads/:leadId/stage',
];

export function pipelineRoutes(deps: PipelineDeps & { tokens: TokenService }) {
  const app = createRouter();
  for (const path of TEAM_PATHS) app.use(path, requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));

  app.openapi(list, async (c) => c.json(await listLeads(deps, c.var.principal, c.req.valid('query')), 200));

  app.openapi(read, async (c) => {
    const principal = c.var.principal;
    const lead = await visibleLead(deps.leads, principal, c.req.valid('param').leadId);
    return c.json(teamLeadView(principal, lead), 200);
  });

  app.openapi(claim, async (c) => {
    const principal = c.var.principal;
    const { leadId } = c.req.valid('param');
    const lead = await claimLead(deps, principal, leadId, c.req.valid('json') ?? {});
    return c.json(teamLeadView(principal, lead), 201);
  });

  app.openapi(transfer, async (c) => {
    const principal = c.var.principal;
    const lead = await transferLead(deps, principal, c.req.valid('param').leadId, c.req.valid('json'));
    return c.json(teamLeadView(principal, lead), 200);
  });

  app.openapi(move, async (c) => {
    const principal = c.var.principal;
    const lead = await moveStage(deps, principal, c.req.valid('param').leadId, c.req.valid('json'));
    return c.json(teamLeadView(principal, lead), 200);
  });

  return app;
}
