import { createRoute, z } from '@hono/zod-openapi';
import { RankedLeadPage, TIERS, Tier } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  canSeeLeadAt,
  createRouter,
  HttpProblem,
  json,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import type { Engine } from '../engine/index.ts';
import { ParkIdParam } from '../params.ts';
import type { Explainer } from '../scores/explain.ts';
import type { MatchRepository } from '../scores/repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const RankedLeadsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Leads on the page, 1 to 200' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page; absent for the first page' }),
  tier: Tier.optional().openapi({ description: 'Only leads of this tier' }),
  direction: z
    .string()
    .regex(/^[a-z]+(\.[a-z0-9-]+)*$/)
    .optional()
    .openapi({
      description: 'Only leads with this matched intake direction (a taxonomy code)',
      example: 'ivd.mass-spec',
    }),
  minScore: z.coerce
    .number()
    .min(0)
    .max(100)
    .optional()
    .openapi({ description: 'Only leads scoring at least this, 0 to 100' }),
});

const rankedLeads = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/ranked-leads',
  operationId: 'listRankedLeads',
  tags: ['parks'],
  summary: 'The park’s leads, best first, with matched directions and reasons',
  description: "A park's team sees the leads its park rated A–C; admins and city managers see tier D too.",
  security: bearer,
  request: { params: ParkIdParam, query: RankedLeadsQuery },
  responses: {
    200: json(RankedLeadPage, 'A page of leads'),
    400: problem('Bad query or cursor'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('No such park'),
  },
});

/** The tiers of a park's list the principal may see: service-kit's lead-visibility rule, as a filter. */
export const visibleTiers = (principal: Principal, parkId: string): Tier[] =>
  TIERS.filter((tier) => canSeeLeadAt(principal, parkId, tier));

export interface RankingRoutesDeps {
  engine: Pick<Engine, 'catalog'>;
  matches: MatchRepository;
  explainer: Explainer;
  tokens: TokenService;
}

export function rankingRoutes({ engine, matches, explainer, tokens }: RankingRoutesDeps) {
  const app = createRouter();
  app.use('/v1/parks/:parkId/ranked-leads', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(rankedLeads, async (c) => {
    const { parkId } = c.req.valid('param');
    if (!engine.catalog(parkId))
      throw new HttpProblem(404, { zh: `没有园区 ${parkId}`, en: `no park ${parkId}` });
    const principal = c.var.principal;
    assertPark(principal, parkId);
    const { limit, cursor, tier, direction, minScore } = c.req.valid('query');
    const page = await matches.ranked(parkId, {
      limit,
      after: cursor ? decodeCursor(cursor) : undefined,
      tier,
      direction,
      minScore,
      tiers: visibleTiers(principal, parkId),
    });
    const docs = page.items;
    const explained = await explainer.explain(docs);
    return c.json(
      {
        items: docs.map((d, i) => ({
          leadId: d.leadId,
          firmName: d.firmName,
          projectTitle: d.projectTitle,
          score: d.score,
          tier: d.tier,
          matchedDirections: d.matchedDirections,
          reasons: explained[i]?.reasons ?? { zh: [], en: [] },
        })),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      },
      200,
    );
  });

  return app;
}
