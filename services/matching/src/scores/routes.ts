import { createRoute } from '@hono/zod-openapi';
import { LeadMatches } from '@parkmatch/contracts';
import {
  bearer,
  canSeeRatingAt,
  createRouter,
  HttpProblem,
  json,
  parkFilter,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { compareResults } from '../engine/index.ts';
import { LeadIdParam } from '../params.ts';
import type { Explainer } from './explain.ts';
import type { LeadOwnerRepository } from './owners.ts';
import type { MatchRepository } from './repository.ts';

const MATCHES = tag('matches', 'A lead’s scores at the parks, with matched directions and reasons.');

const leadMatches = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/matches',
  operationId: 'getLeadMatches',
  tags: [MATCHES],
  summary: "A lead's score at every park the caller may see, best park first",
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(LeadMatches, 'Scores with matched directions, components and reasons'),
    400: problem('Malformed lead id'),
    401: problem('No or bad token'),
    404: problem('The lead has not been scored (yet), or is not yours to see'),
  },
});

export function scoreRoutes(deps: {
  matches: MatchRepository;
  owners: LeadOwnerRepository;
  explainer: Explainer;
  tokens: TokenService;
}) {
  const app = createRouter();
  app.use('/v1/leads/*', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));
  app.openapi(leadMatches, async (c) => {
    const { leadId } = c.req.valid('param');
    const principal = c.var.principal;
    // The same rule as the lead itself (access.ts): the park's A–C, and the owner park's own rating.
    const [scores, owner] = await Promise.all([
      deps.matches.forLead(leadId, parkFilter(principal)),
      deps.owners.get(leadId),
    ]);
    const docs = scores.filter((d) => canSeeRatingAt(principal, d.parkId, d.tier, owner));
    if (docs.length === 0)
      throw new HttpProblem(404, {
        zh: `线索 ${leadId} 没有您可查看的评分`,
        en: `lead ${leadId} has no scores you may see`,
      });
    const items = (await deps.explainer.explain(docs)).sort(compareResults);
    return c.json({ leadId, items }, 200);
  });
  return app;
}
