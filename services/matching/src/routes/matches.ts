import { createRoute } from '@hono/zod-openapi';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
  visibleParks,
} from '@parkmatch/service-kit';
import type { Filter } from '@parkmatch/store';
import { compareResults } from '../domain/index.ts';
import type { Explainer } from '../explain.ts';
import type { Repositories } from '../repositories.ts';
import { LeadIdParam, LeadMatches } from '../schemas.ts';

const leadMatches = createRoute({
  method: 'get',
  path: '/v1/leads/{leadId}/matches',
  tags: ['matches'],
  summary: "A lead's score at every park the caller may see, best park first",
  security: bearer,
  request: { params: LeadIdParam },
  responses: {
    200: json(LeadMatches, 'Scores with matched directions, components and reasons'),
    401: problem('No or bad token'),
    404: problem('The lead has not been scored (yet)'),
  },
});

export function matchRoutes({
  repos,
  explainer,
  tokens,
}: {
  repos: Repositories;
  explainer: Explainer;
  tokens: TokenService;
}) {
  const app = createRouter();
  app.use('/v1/leads/*', requireAuth(tokens, 'analyst', 'manager', 'admin'));
  app.openapi(leadMatches, async (c) => {
    const { leadId } = c.req.valid('param');
    const parks = visibleParks(c.var.principal);
    const filter: Filter = parks === 'all' ? { leadId } : { leadId, parkId: { $in: parks } };
    const docs = await repos.matches.find(filter);
    if (docs.length === 0) throw new HttpProblem(404, `lead ${leadId} has no scores you may see`);
    const items = (await explainer.explain(docs)).sort(compareResults);
    return c.json({ leadId, items }, 200);
  });
  return app;
}
