import { createRoute, z } from '@hono/zod-openapi';
import { RankedLeadPage, Tier } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  canSeeLeadAt,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import type { Engine } from '../engine/index.ts';
import { ParkIdParam } from '../params.ts';
import type { Explainer } from '../scores/explain.ts';
import { type MatchRepository, matchId } from '../scores/repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { RankIndex } from './rank-index.ts';

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

export interface RankingRoutesDeps {
  engine: Pick<Engine, 'catalog'>;
  ranking: RankIndex;
  matches: MatchRepository;
  explainer: Explainer;
  tokens: TokenService;
}

export function rankingRoutes({ engine, ranking, matches, explainer, tokens }: RankingRoutesDeps) {
  const app = createRouter();
  app.use('/v1/parks/:parkId/ranked-leads', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(rankedLeads, async (c) => {
    const { parkId } = c.req.valid('param');
    if (!engine.catalog(parkId))
      throw new HttpProblem(404, { zh: `没有园区 ${parkId}`, en: `no park ${parkId}` });
    const principal = c.var.principal;
    assertPark(principal, parkId);
    const { limit, cursor, tier, direction, minScore } = c.req.valid('query');
    const page = ranking.page(parkId, {
      limit,
      after: cursor ? decodeCursor(cursor) : undefined,
      tier,
      direction,
      minScore,
      include: (entry) => canSeeLeadAt(principal, parkId, entry.tier),
    });
    const docs = await matches.byIds(page.items.map((e) => matchId(e.leadId, parkId)));
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
