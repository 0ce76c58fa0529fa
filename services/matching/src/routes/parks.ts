import { createRoute, z } from '@hono/zod-openapi';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import { toStored } from '../catalogs.ts';
import { labelOf, type ParkCatalog } from '../domain/index.ts';
import type { RankIndex } from '../domain/rank-index.ts';
import type { Engine } from '../engine.ts';
import type { Explainer } from '../explain.ts';
import { matchId, type Repositories } from '../repositories.ts';
import { ParkIdParam, ParkSummary, RankedLead, RankedLeadsQuery } from '../schemas.ts';

const listParks = createRoute({
  method: 'get',
  path: '/v1/parks',
  tags: ['parks'],
  summary: 'Parks and their intake directions (public)',
  responses: { 200: json(z.object({ items: z.array(ParkSummary) }), 'Every park') },
});

const getPark = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}',
  tags: ['parks'],
  summary: 'A park’s catalog in force: directions, assets, firm counts, gates',
  security: bearer,
  request: { params: ParkIdParam },
  responses: {
    200: json(z.object({}).passthrough().openapi('ParkCatalog'), 'The catalog'),
    401: problem('No or bad token'),
    404: problem('No such park'),
  },
});

const rankedLeads = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/ranked-leads',
  tags: ['parks'],
  summary: 'The park’s leads, best first, with matched directions and reasons',
  security: bearer,
  request: { params: ParkIdParam, query: RankedLeadsQuery },
  responses: {
    200: json(z.object({ items: z.array(RankedLead), nextCursor: z.string().nullable() }), 'A page of leads'),
    400: problem('Bad query or cursor'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('No such park'),
  },
});

export function summarize(catalog: ParkCatalog, engine: Engine) {
  return {
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    directions: catalog.directions.map((d) => ({
      code: d.code,
      kind: d.kind,
      label: d.label ?? labelOf(engine.taxonomy, d.code),
      weight: d.weight,
    })),
  };
}

/** Opaque page cursor: the sort key of the last item. */
const encodeCursor = (score: number, leadId: string) =>
  Buffer.from(JSON.stringify([score, leadId])).toString('base64url');
function decodeCursor(cursor: string): { score: number; leadId: string } {
  try {
    const [score, leadId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof score === 'number' && typeof leadId === 'string') return { score, leadId };
  } catch {}
  throw new HttpProblem(400, 'invalid cursor', {
    errors: [{ path: 'cursor', message: 'not a cursor from this API' }],
  });
}

export function parkRoutes({
  repos,
  engine,
  ranking,
  explainer,
  tokens,
}: {
  repos: Repositories;
  engine: Engine;
  ranking: RankIndex;
  explainer: Explainer;
  tokens: TokenService;
}) {
  const app = createRouter();
  const known = (parkId: string) => {
    const catalog = engine.catalog(parkId);
    if (!catalog) throw new HttpProblem(404, `no park ${parkId}`);
    return catalog;
  };

  app.openapi(listParks, (c) =>
    c.json({ items: engine.catalogs().map((catalog) => summarize(catalog, engine)) }, 200),
  );

  app.use('/v1/parks/:parkId', requireAuth(tokens, 'analyst', 'manager', 'admin'));
  app.use('/v1/parks/:parkId/*', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(getPark, (c) => c.json(toStored(known(c.req.valid('param').parkId)), 200));

  app.openapi(rankedLeads, async (c) => {
    const { parkId } = c.req.valid('param');
    known(parkId);
    assertPark(c.var.principal, parkId);
    const { limit, cursor, tier, direction, minScore } = c.req.valid('query');
    const page = ranking.page(parkId, {
      limit,
      after: cursor ? decodeCursor(cursor) : undefined,
      tier,
      direction,
      minScore,
    });
    const ids = page.items.map((e) => matchId(e.leadId, parkId));
    const byId = new Map((await repos.matches.find({ _id: { $in: ids } })).map((d) => [d._id, d] as const));
    const docs = ids.flatMap((id) => byId.get(id) ?? []);
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
        nextCursor: page.next ? encodeCursor(page.next.score, page.next.leadId) : null,
      },
      200,
    );
  });

  return app;
}
