import { createRoute } from '@hono/zod-openapi';
import { FirmAccessLink, PARKS } from '@parkmatch/contracts';
import {
  bearer,
  canSeeLead,
  canWorkLead,
  createRouter,
  HttpProblem,
  json,
  type Logger,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import type { LeadRepository } from '../lead/repository.ts';
import { LeadIdParam, PROFILES } from '../profiles/routes.ts';
import { firmLinkPath, issueFirmToken } from './token.ts';

// The firm's way back in: a firm that lost its token calls the park, and the team re-issues
// its access link (a new token, valid as long as one given at submission).

const reissue = createRoute({
  method: 'post',
  path: '/v1/leads/{leadId}/access-link',
  operationId: 'reissueFirmAccessLink',
  tags: [PROFILES],
  summary: "Re-issue a firm's access link (the owner park's team, city-wide staff)",
  description:
    'For a firm that lost its token: a new firm token, valid as long as the one given at ' +
    'submission, and the portal link to read out to the firm. An owned lead: its owner park’s ' +
    'team, city managers and admins; a lead no park owns yet: any team that may see it.',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(FirmAccessLink, 'A new token for the firm, and its link'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('Not a team member, or the lead is not yours to hand out'),
    404: problem('No such lead'),
    409: problem('The firm withdrew its profile'),
  },
});

export interface FirmRouteDeps {
  leads: LeadRepository;
  tokens: TokenService;
  logger: Logger;
}

export function firmRoutes(deps: FirmRouteDeps) {
  const app = createRouter();

  app.use('/v1/leads/:leadId/access-link', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));
  app.openapi(reissue, async (c) => {
    const { leadId } = c.req.valid('param');
    const principal = c.var.principal;
    const lead = await deps.leads.get(leadId);
    if (!lead) throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
    if (lead.owner) {
      if (!canWorkLead(principal, lead)) {
        const owner = PARKS.find((p) => p.id === lead.owner?.parkId)?.name ?? {
          zh: lead.owner.parkId,
          en: lead.owner.parkId,
        };
        throw new HttpProblem(403, {
          zh: `该线索由${owner.zh}跟进，只有其团队可以重发企业链接`,
          en: `${owner.en} works this lead: only its team may re-issue the firm's link`,
        });
      }
    } else if (!canSeeLead(principal, { id: lead._id, parks: lead.parks })) {
      throw new HttpProblem(403, { zh: '您无权查看该线索', en: 'this lead is not visible to you' });
    }
    if (lead.stage === 'withdrawn')
      throw new HttpProblem(409, {
        zh: '企业已撤回项目信息，不再发放访问链接',
        en: 'the firm withdrew its profile: no new access link',
      });
    const { accessToken, expiresIn } = await issueFirmToken(deps.tokens, leadId);
    // A firm token acts as the firm: who handed one out is kept in the log.
    deps.logger.info({ leadId, by: principal.sub, role: principal.role }, 'firm access link re-issued');
    c.header('cache-control', 'no-store');
    return c.json({ leadId, accessToken, expiresIn, path: firmLinkPath(leadId, accessToken) }, 200);
  });

  return app;
}
