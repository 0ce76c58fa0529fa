import { createRoute } from '@hono/zod-openapi';
import { createEvent, Events, FirmAccessLink, PARKS } from '@parkmatch/contracts';
import {
  bearer,
  canSeeLead,
  canWorkLead,
  createRouter,
  HttpProblem,
  json,
  type Logger,
  outboxEntry,
  problem,
  type RevocationList,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import type { LeadRepository } from '../lead/repository.ts';
import { LeadIdParam, PROFILES } from '../profiles/routes.ts';
import { firmLinkPath, firmSubject, issueFirmToken } from './token.ts';

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
    'submission, and the portal link to read out to the firm. Every token the firm held ' +
    'before (a lost or leaked link) stops working in every service. An owned lead: its owner park’s ' +
    'team, city managers and admins; a lead no park owns yet: any team that may see it.',
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(FirmAccessLink, 'A new token for the firm, and its link'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    403: problem('Not a team member, or the lead is not yours to hand out'),
    404: problem('No such lead'),
    409: problem('The firm withdrew its profile, or the link was re-issued at the same moment'),
  },
});

export interface FirmRouteDeps {
  leads: LeadRepository;
  tokens: TokenService;
  logger: Logger;
  /** This service's revocation list: the old link stops working here at once. */
  revocations?: Pick<RevocationList, 'apply'>;
  onEventsWritten?: () => void;
}

export function firmRoutes(deps: FirmRouteDeps) {
  const app = createRouter();

  app.use('/v1/leads/:leadId/access-link', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));
  app.openapi(reissue, async (c) => {
    const { leadId } = c.req.valid('param');
    const principal = c.var.principal;
    const lead = await deps.leads.get(leadId);
    // A lead the caller may not see answers as one that does not exist: a 403 would tell it does.
    if (!lead || !canSeeLead(principal, { id: lead._id, parks: lead.parks, owner: lead.owner }))
      throw new HttpProblem(404, { zh: `没有线索 ${leadId}`, en: `no lead ${leadId}` });
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
    }
    if (lead.stage === 'withdrawn')
      throw new HttpProblem(409, {
        zh: '企业已撤回项目信息，不再发放访问链接',
        en: 'the firm withdrew its profile: no new access link',
      });
    // The old link stops working: the lead's access epoch goes up with the event that says so.
    const from = lead.accessEpoch ?? 0;
    const revocation = {
      subject: firmSubject(leadId),
      epoch: from + 1,
      reason: 'link-reissued' as const,
      by: principal.sub,
      at: new Date().toISOString(),
    };
    const event = createEvent(Events.accessRevoked, { key: leadId, source: 'leads', payload: revocation });
    const raised = await deps.leads.raiseAccessEpoch(leadId, from, [
      outboxEntry(Events.accessRevoked, event),
    ]);
    if (!raised)
      throw new HttpProblem(409, {
        zh: '该链接刚被他人重发或企业刚撤回，请刷新后再试',
        en: 'the link was re-issued (or the profile withdrawn) meanwhile; try again',
      });
    deps.onEventsWritten?.();
    await deps.revocations?.apply([revocation]);
    const { accessToken, expiresIn } = await issueFirmToken(deps.tokens, leadId, from + 1);
    // A firm token acts as the firm: who handed one out is kept in the log.
    deps.logger.info({ leadId, by: principal.sub, role: principal.role }, 'firm access link re-issued');
    c.header('cache-control', 'no-store');
    return c.json({ leadId, accessToken, expiresIn, path: firmLinkPath(leadId, accessToken) }, 200);
  });

  return app;
}
