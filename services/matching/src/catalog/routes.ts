import { createRoute, z } from '@hono/zod-openapi';
import {
  CatalogDraft,
  CatalogPublished,
  ParkCatalog,
  type ParkCatalog as ParkCatalogView,
  ParkSummary,
  PublishCatalogRequest,
  WhatIf,
  WhatIfRequest,
} from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  noToken,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { type Engine, type ParkCatalog as EngineCatalog, labelOf } from '../engine/index.ts';
import { ParkIdParam } from '../params.ts';
import type { ProfileRepository } from '../profiles/repository.ts';
import { rerankView } from '../rerank/routes.ts';
import type { MatchRepository } from '../scores/repository.ts';
import { catalogInForce, draftCatalog, type PublishDeps, publishCatalog } from './publish.ts';
import { whatIf } from './what-if.ts';

// The parks and their catalogs: anyone lists the parks and their directions; a team
// reads its park's catalog in force; managers publish new versions (each immutable, with
// who and when, re-ranking the park in the background) and preview drafts with what-if.

const PARKS = tag('parks', 'The parks, their intake directions and each park’s ranked leads.');
const CATALOG = tag(
  'catalog',
  'Versions of a park’s catalog: publishing, history, what-if previews and re-rank progress.',
);

const listParks = createRoute({
  method: 'get',
  path: '/v1/parks',
  operationId: 'listParks',
  tags: [PARKS],
  summary: 'Parks and their intake directions (public)',
  security: noToken,
  responses: { 200: json(z.object({ items: z.array(ParkSummary) }), 'Every park') },
});

const getPark = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}',
  operationId: 'getParkCatalog',
  tags: [PARKS],
  summary: 'A park’s catalog in force: directions, assets, firm counts, gates',
  security: bearer,
  request: { params: ParkIdParam },
  responses: {
    200: json(ParkCatalog, 'The catalog'),
    400: problem('Malformed park id'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('No such park'),
  },
});

const VersionView = z.object({
  version: z.number().int(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  note: z.string().optional(),
});
const publish = createRoute({
  method: 'put',
  path: '/v1/parks/{parkId}/catalog',
  operationId: 'publishCatalog',
  tags: [CATALOG],
  summary: "Publish a new version of the park's catalog and re-rank its leads in the background",
  security: bearer,
  request: { params: ParkIdParam, body: jsonBody(PublishCatalogRequest) },
  responses: {
    202: json(CatalogPublished, 'Published; re-ranking started'),
    400: problem('Invalid catalog, with every issue listed'),
    401: problem('No or bad token'),
    403: problem('Only the park’s managers and admins'),
    404: problem('No such park'),
    409: problem('Another version was published at the same time'),
  },
});
const versions = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/catalog/versions',
  operationId: 'listCatalogVersions',
  tags: [CATALOG],
  summary: 'Every published version of the catalog, newest first, with who and when',
  security: bearer,
  request: { params: ParkIdParam },
  responses: {
    200: json(z.object({ items: z.array(VersionView) }), 'Versions'),
    400: problem('Malformed park id'),
    401: problem('No or bad token'),
    403: problem('Only the park’s managers and admins'),
    404: problem('No such park'),
  },
});
const versionDetail = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/catalog/versions/{version}',
  operationId: 'getCatalogVersion',
  tags: [CATALOG],
  summary: 'One published version of the catalog',
  security: bearer,
  request: {
    params: ParkIdParam.extend({
      version: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ description: 'The catalog version, from 1', example: 1 }),
    }),
  },
  responses: {
    200: json(CatalogDraft, 'The catalog'),
    400: problem('Malformed park id or version'),
    401: problem('No or bad token'),
    403: problem('Only the park’s managers and admins'),
    404: problem('No such version'),
  },
});
const whatIfRoute = createRoute({
  method: 'post',
  path: '/v1/parks/{parkId}/what-if',
  operationId: 'previewCatalog',
  tags: [CATALOG],
  summary: 'Score every lead with a draft catalog: the new list and who moves, nothing published',
  security: bearer,
  request: { params: ParkIdParam, body: jsonBody(WhatIfRequest) },
  responses: {
    200: json(WhatIf, 'The re-ranked list and the movers'),
    400: problem('Invalid catalog'),
    401: problem('No or bad token'),
    403: problem('Only the park’s managers and admins'),
    404: problem('No such park'),
  },
});

export interface CatalogRoutesDeps extends PublishDeps {
  profiles: ProfileRepository;
  matches: MatchRepository;
  tokens: TokenService;
}

function summarize(catalog: EngineCatalog, engine: Pick<Engine, 'taxonomy'>): ParkSummary {
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

export function catalogRoutes(deps: CatalogRoutesDeps) {
  const { catalogs, engine, tokens } = deps;
  const app = createRouter();
  app.openapi(listParks, (c) =>
    c.json({ items: engine.catalogs().map((catalog) => summarize(catalog, engine)) }, 200),
  );

  const team = requireAuth(tokens, 'analyst', 'manager', 'admin');
  const editors = requireAuth(tokens, 'manager', 'admin');
  app.use('/v1/parks/:parkId', team);
  app.use('/v1/parks/:parkId/catalog', editors);
  app.use('/v1/parks/:parkId/catalog/*', editors);
  app.use('/v1/parks/:parkId/what-if', editors);

  /** The park's catalog in force, once the caller may see the park. */
  const visible = (c: { var: { principal: Parameters<typeof assertPark>[0] } }, parkId: string) => {
    const catalog = catalogInForce(engine, parkId);
    assertPark(c.var.principal, parkId);
    return catalog;
  };

  // The engine's catalog is the contract's view with every field known (assets, gates …).
  app.openapi(getPark, (c) => c.json(visible(c, c.req.valid('param').parkId) as ParkCatalogView, 200));

  app.openapi(publish, async (c) => {
    const { parkId } = c.req.valid('param');
    const { catalog: draft, note } = c.req.valid('json');
    visible(c, parkId);
    const { version, rerank } = await publishCatalog(deps, { parkId, draft, note, by: c.var.principal.sub });
    return c.json({ version, rerank: rerankView(rerank) }, 202);
  });

  app.openapi(versions, async (c) => {
    const { parkId } = c.req.valid('param');
    visible(c, parkId);
    const items = (await catalogs.history(parkId)).map((d) => ({
      version: d.version,
      publishedBy: d.publishedBy,
      publishedAt: d.publishedAt,
      ...(d.note ? { note: d.note } : {}),
    }));
    return c.json({ items }, 200);
  });

  app.openapi(versionDetail, async (c) => {
    const { parkId, version } = c.req.valid('param');
    visible(c, parkId);
    const catalog = await catalogs.find(parkId, version);
    if (!catalog)
      throw new HttpProblem(404, {
        zh: `园区 ${parkId} 没有第 ${version} 版目录`,
        en: `park ${parkId} has no catalog version ${version}`,
      });
    return c.json(catalog, 200);
  });

  app.openapi(whatIfRoute, async (c) => {
    const { parkId } = c.req.valid('param');
    const { catalog: draft, limit } = c.req.valid('json');
    visible(c, parkId);
    return c.json(await whatIf(deps, draftCatalog(engine, parkId, draft), limit), 200);
  });

  return app;
}
