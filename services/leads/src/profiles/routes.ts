import { createRoute, z } from '@hono/zod-openapi';
import { FirmLeadView, LeadView, ProfileInput, SubmittedProfile } from '@parkmatch/contracts';
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
import { issueFirmToken } from '../firm/token.ts';
import { firmLeadView } from '../firm/view.ts';
import { withdrawProfile } from '../firm/withdraw.ts';
import { leadViewFor } from '../lead/claimed-elsewhere.ts';
import type { Lead } from '../lead/lead.ts';
import { type ProfileDeps, submitProfile, updateProfile } from './profiles.ts';

export const LeadIdParam = z.object({
  leadId: z.uuid().openapi({
    param: { name: 'leadId', in: 'path' },
    description: 'The lead’s id, as `POST /v1/profiles` returned it',
    example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  }),
});

/** GET and PUT answer the firm with its own view and a team member with the whole lead. */
const LeadOrFirmView = z.union([LeadView, FirmLeadView]);

export const PROFILES = tag(
  'profiles',
  'Firms’ relocation profiles: submitted in public, read and revised with a token.',
);

const SubmitQuery = z.object({
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      description:
        'Admins only (with their token), to import history: when the office received the profile (ISO ' +
        'datetime, not in the future). The lead is created then. Others get 400. Default: now',
      example: '2026-01-12T10:00:00+08:00',
    }),
});

const submit = createRoute({
  method: 'post',
  path: '/v1/profiles',
  operationId: 'submitProfile',
  tags: [PROFILES],
  summary: 'Submit a relocation profile (public)',
  description:
    'Public: no token needed. An admin importing an office’s history (its Excel ledgers) may send its ' +
    'token with `at`, the time the office received the profile, so that the steps imported after it ' +
    '(claim, stage moves …) can lie in the past too.',
  // Public: the token an admin sends with `at` is optional in general, so none is declared.
  security: noToken,
  request: { query: SubmitQuery, body: jsonBody(ProfileInput) },
  responses: {
    201: json(SubmittedProfile, 'Stored; matching starts at once'),
    400: problem('Invalid profile, with a list of fields; or `at` from someone other than an admin'),
    401: problem('A token was sent with `at`, and it is not valid'),
    409: problem(
      'This firm (credit code) has a live profile already; a withdrawn one does not count (submit again: a new lead)',
    ),
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
    200: json(LeadOrFirmView, 'The lead: a FirmLead to the firm itself, a Lead to a team member'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    404: problem('No such lead, or not yours to see (the same answer, so existence does not leak)'),
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
    200: json(LeadOrFirmView, 'The new revision (a FirmLead to the firm); it is matched again'),
    400: problem('Invalid profile'),
    401: problem('No or bad token'),
    403: problem('Not yours to change'),
    404: problem('No such lead'),
    409: problem('The profile was withdrawn, or the credit code belongs to another profile'),
  },
});

const withdraw = createRoute({
  method: 'delete',
  path: '/v1/profiles/{leadId}',
  operationId: 'withdrawProfile',
  tags: [PROFILES],
  summary: 'Withdraw a profile (the firm itself, or an admin)',
  description:
    'The contact person and the consent are erased from the stored profile (PIPL), the lead is ' +
    'closed as withdrawn and `leads.profile.withdrawn.v1` announces it; the firm’s access link ' +
    'is revoked with it (`leads.access.revoked.v1`), so its token no longer works anywhere. The closed ' +
    'lead keeps the firm’s credit code for history, exports and search, but the firm may submit a new ' +
    'profile later (`POST /v1/profiles`: a new lead). ' +
    'Idempotent: withdrawing a withdrawn profile again (an admin) answers 204 and changes nothing.',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    204: { description: 'Withdrawn (now or before)' },
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('Not yours to withdraw'),
    404: problem('No such lead'),
    409: problem('The lead kept changing meanwhile; try again'),
  },
});

/**
 * Who sent a public request that carries an optional token: a firm submitting has none. A
 * token that is sent must be valid (401). Without one the caller counts as a firm.
 */
async function callerOf(tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { sub: 'anonymous', role: 'firm' };
  try {
    return await tokens.verify(token);
  } catch {
    throw new HttpProblem(401, { zh: '令牌无效或已过期', en: 'invalid or expired token' });
  }
}

/** What the caller sees of a lead: the firm its own view, a team member the whole lead. */
const viewFor = (principal: Principal, lead: Lead) =>
  principal.role === 'firm' ? firmLeadView(lead) : leadViewFor(principal, lead);

function mayWrite(principal: Principal, leadId: string): boolean {
  return principal.role === 'admin' || (principal.role === 'firm' && principal.leadId === leadId);
}

export function profileRoutes(deps: ProfileDeps & { tokens: TokenService }) {
  const app = createRouter();

  app.openapi(submit, async (c) => {
    const { at } = c.req.valid('query');
    const imported =
      at === undefined
        ? undefined
        : { principal: await callerOf(deps.tokens, c.req.header('authorization')), at };
    const lead = await submitProfile(deps, c.req.valid('json'), imported);
    const { accessToken } = await issueFirmToken(deps.tokens, lead._id);
    c.header('location', `/v1/profiles/${lead._id}`);
    return c.json({ id: lead._id, revision: lead.revision, stage: lead.stage, accessToken }, 201);
  });

  app.use('/v1/profiles/:leadId', requireAuth(deps.tokens));

  app.openapi(read, async (c) => {
    const { leadId } = c.req.valid('param');
    const lead = await deps.leads.get(leadId);
    // A lead the caller may not see answers as one that does not exist: 403 would tell it exists.
    if (!lead || !canSeeLead(c.var.principal, { id: lead._id, parks: lead.parks, owner: lead.owner }))
      throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
    return c.json(viewFor(c.var.principal, lead), 200);
  });

  app.openapi(update, async (c) => {
    const { leadId } = c.req.valid('param');
    if (!mayWrite(c.var.principal, leadId))
      throw new HttpProblem(403, {
        zh: '只有企业本身或管理员可以修改',
        en: 'only the firm itself or an admin may change it',
      });
    return c.json(viewFor(c.var.principal, await updateProfile(deps, leadId, c.req.valid('json'))), 200);
  });

  app.openapi(withdraw, async (c) => {
    const { leadId } = c.req.valid('param');
    if (!mayWrite(c.var.principal, leadId))
      throw new HttpProblem(403, {
        zh: '只有企业本身或管理员可以撤回',
        en: 'only the firm itself or an admin may withdraw it',
      });
    await withdrawProfile(deps, leadId, c.var.principal.sub);
    return c.body(null, 204);
  });

  return app;
}
