import { createRoute, z } from '@hono/zod-openapi';
import { LeadView, ProfileInput, SubmittedProfile } from '@parkmatch/contracts';
import {
  bearer,
  canSeeLead,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  noToken,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { leadView } from '../lead/lead.ts';
import { type ProfileDeps, submitProfile, updateProfile } from './profiles.ts';

const FIRM_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

const LeadIdParam = z.object({
  leadId: z.uuid().openapi({
    param: { name: 'leadId', in: 'path' },
    description: 'The lead’s id, as `POST /v1/profiles` returned it',
    example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  }),
});

const PROFILES = tag(
  'profiles',
  'Firms’ relocation profiles: submitted in public, read and revised with a token.',
);

const submit = createRoute({
  method: 'post',
  path: '/v1/profiles',
  operationId: 'submitProfile',
  tags: [PROFILES],
  summary: 'Submit a relocation profile (public)',
  security: noToken,
  request: { body: jsonBody(ProfileInput) },
  responses: {
    201: json(SubmittedProfile, 'Stored; matching starts at once'),
    400: problem('Invalid profile, with a list of fields'),
    409: problem('This firm (credit code) already submitted a profile'),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/profiles/{leadId}',
  operationId: 'getProfile',
  tags: [PROFILES],
  summary: "Read a profile: the firm its own, a team member its park's leads",
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(LeadView, 'The lead'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('Not yours to see'),
    404: problem('No such lead'),
  },
});

const update = createRoute({
  method: 'put',
  path: '/v1/profiles/{leadId}',
  operationId: 'updateProfile',
  tags: [PROFILES],
  summary: 'Replace a profile with a new revision (the firm itself, or an admin)',
  security: bearer,
  request: { params: LeadIdParam, body: jsonBody(ProfileInput) },
  responses: {
    200: json(LeadView, 'The new revision; it is matched again'),
    400: problem('Invalid profile'),
    401: problem('No or bad token'),
    403: problem('Not yours to change'),
    404: problem('No such lead'),
    409: problem('The credit code belongs to another profile'),
  },
});

function mayWrite(principal: Principal, leadId: string): boolean {
  return principal.role === 'admin' || (principal.role === 'firm' && principal.leadId === leadId);
}

export function profileRoutes(deps: ProfileDeps & { tokens: TokenService }) {
  const app = createRouter();

  app.openapi(submit, async (c) => {
    const lead = await submitProfile(deps, c.req.valid('json'));
    const accessToken = await deps.tokens.sign(
      { sub: `firm:${lead._id}`, role: 'firm', leadId: lead._id },
      FIRM_TOKEN_TTL_SECONDS,
    );
    c.header('location', `/v1/profiles/${lead._id}`);
    return c.json({ id: lead._id, revision: lead.revision, stage: lead.stage, accessToken }, 201);
  });

  app.use('/v1/profiles/:leadId', requireAuth(deps.tokens));

  app.openapi(read, async (c) => {
    const { leadId } = c.req.valid('param');
    const lead = await deps.leads.get(leadId);
    if (!lead) throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
    if (!canSeeLead(c.var.principal, { id: lead._id, parks: lead.parks }))
      throw new HttpProblem(403, { zh: '您无权查看该线索', en: 'this lead is not visible to you' });
    return c.json(leadView(lead), 200);
  });

  app.openapi(update, async (c) => {
    const { leadId } = c.req.valid('param');
    if (!mayWrite(c.var.principal, leadId))
      throw new HttpProblem(403, {
        zh: '只有企业本身或管理员可以修改',
        en: 'only the firm itself or an admin may change it',
      });
    return c.json(leadView(await updateProfile(deps, leadId, c.req.valid('json'))), 200);
  });

  return app;
}
