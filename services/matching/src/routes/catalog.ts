import { createRoute, z } from '@hono/zod-openapi';
import { Tier } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { catalogVersionDoc, catalogVersionId, fromStored, type StoredCatalog } from '../catalogs.ts';
import { type ParkCatalog, validateCatalog } from '../domain/index.ts';
import type { RankIndex } from '../domain/rank-index.ts';
import { diffRankings } from '../domain/ranking-diff.ts';
import type { Engine } from '../engine.ts';
import { leadOf, profilePages, type Repositories } from '../repositories.ts';
import type { RerankDoc, Reranking } from '../rerank.ts';
import { ParkIdParam } from '../schemas.ts';

// Managers edit their park's catalog: every publish is a new immutable version with who
// and when, and starts a background re-rank whose progress can be read. What-if runs
// score a draft against every lead without publishing anything.

const CatalogDraft = z.record(z.string(), z.unknown()).openapi('CatalogDraft', {
  description:
    'A park catalog as GET /v1/parks/{parkId} returns it: name, directions, assets, firmCounts ([{code, count}]), gates. id and version are set by the server.',
});

const FirmCountList = z
  .array(z.strictObject({ code: z.string(), count: z.number().int().nonnegative().max(1_000_000) }))
  .max(500);

const PublishBody = z.strictObject({ catalog: CatalogDraft, note: z.string().trim().max(500).optional() });
const WhatIfBody = z.strictObject({
  catalog: CatalogDraft,
  limit: z.number().int().min(1).max(200).default(50),
});

const VersionView = z.object({
  version: z.number().int(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  note: z.string().optional(),
});
const RerankView = z
  .object({
    parkId: z.string(),
    version: z.number().int().openapi({ description: 'Catalog version' }),
    engineVersion: z.string(),
    status: z.enum(['queued', 'running', 'done', 'superseded', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    changedTiers: z.number().int(),
    queuedAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
  })
  .openapi('Rerank');
const Change = z.object({
  leadId: z.string(),
  firmName: z.string(),
  rank: z.number().int(),
  score: z.number(),
  tier: Tier,
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
  previousTier: Tier.nullable(),
});
const WhatIfView = z
  .object({
    parkId: z.string(),
    baseVersion: z.number().int(),
    total: z.number().int(),
    top: z.array(Change),
    tierUp: z.array(Change),
    tierDown: z.array(Change),
    tierUpCount: z.number().int(),
    tierDownCount: z.number().int(),
    enteredTop: z.array(z.string()),
    leftTop: z.array(z.string()),
  })
  .openapi('WhatIf');

const publish = createRoute({
  method: 'put',
  path: '/v1/parks/{parkId}/catalog',
  tags: ['catalog'],
  summary: "Publish a new version of the park's catalog and re-rank its leads in the background",
  security: bearer,
  request: { params: ParkIdParam, body: jsonBody(PublishBody) },
  responses: {
    202: json(z.object({ version: z.number().int(), rerank: RerankView }), 'Published; re-ranking started'),
    400: problem('Invalid catalog, with every issue listed'),
    403: problem('Only the park’s managers and admins'),
    404: problem('No such park'),
    409: problem('Another version was published at the same time'),
  },
});
const versions = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/catalog/versions',
  tags: ['catalog'],
  summary: 'Every published version of the catalog, newest first, with who and when',
  security: bearer,
  request: { params: ParkIdParam },
  responses: {
    200: json(z.object({ items: z.array(VersionView) }), 'Versions'),
    404: problem('No such park'),
  },
});
const versionDetail = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/catalog/versions/{version}',
  tags: ['catalog'],
  summary: 'One published version of the catalog',
  security: bearer,
  request: { params: ParkIdParam.extend({ version: z.coerce.number().int().min(1) }) },
  responses: { 200: json(CatalogDraft, 'The catalog'), 404: problem('No such version') },
});
const rerankStatus = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/rerank',
  tags: ['catalog'],
  summary: 'Progress of the latest re-rank of the park',
  security: bearer,
  request: { params: ParkIdParam },
  responses: { 200: json(RerankView, 'Progress'), 404: problem('Never re-ranked') },
});
const whatIf = createRoute({
  method: 'post',
  path: '/v1/parks/{parkId}/what-if',
  tags: ['catalog'],
  summary: 'Score every lead with a draft catalog: the new list and who moves, nothing published',
  security: bearer,
  request: { params: ParkIdParam, body: jsonBody(WhatIfBody) },
  responses: {
    200: json(WhatIfView, 'The re-ranked list and the movers'),
    400: problem('Invalid catalog'),
    403: problem('Only the park’s managers and admins'),
  },
});

export interface CatalogRoutesDeps {
  repos: Repositories;
  engine: Engine;
  ranking: RankIndex;
  reranking: Pick<Reranking, 'enqueue'>;
  tokens: TokenService;
}

const rerankView = ({ _id, cursor: _c, ...rest }: RerankDoc) => rest;

export function catalogRoutes({ repos, engine, ranking, reranking, tokens }: CatalogRoutesDeps) {
  const app = createRouter();
  const editors = requireAuth(tokens, 'manager', 'admin');
  app.use('/v1/parks/:parkId/catalog', editors);
  app.use('/v1/parks/:parkId/catalog/*', editors);
  app.use('/v1/parks/:parkId/what-if', editors);
  app.use('/v1/parks/:parkId/rerank', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  const current = (principal: Principal, parkId: string): ParkCatalog => {
    const catalog = engine.catalog(parkId);
    if (!catalog) throw new HttpProblem(404, `no park ${parkId}`);
    assertPark(principal, parkId);
    return catalog;
  };
  const validDraft = (draft: Record<string, unknown>, parkId: string, version: number): ParkCatalog => {
    const counts = FirmCountList.safeParse(draft.firmCounts ?? []);
    const result = counts.success
      ? validateCatalog(
          fromStored({ ...draft, id: parkId, version, firmCounts: counts.data } as StoredCatalog),
          engine.taxonomy,
        )
      : {
          success: false as const,
          issues: counts.error.issues.map((i) => `firmCounts.${i.path.join('.')}: ${i.message}`),
        };
    if (result.success) return result.catalog;
    throw new HttpProblem(400, 'the catalog is not valid', {
      errors: result.issues.map((issue) => {
        const [path, ...message] = issue.split(': ');
        return { path: `catalog.${path}`, message: message.join(': ') || issue };
      }),
    });
  };

  app.openapi(publish, async (c) => {
    const { parkId } = c.req.valid('param');
    const { catalog: draft, note } = c.req.valid('json');
    const base = current(c.var.principal, parkId);
    const catalog = validDraft(draft, parkId, base.version + 1);
    try {
      await repos.catalogVersions.insertOne(
        catalogVersionDoc(catalog, c.var.principal.sub, new Date(), note),
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new HttpProblem(
          409,
          `version ${catalog.version} was just published by someone else; reload and retry`,
        );
      }
      throw error;
    }
    engine.use(catalog);
    const rerank = await reranking.enqueue(parkId, catalog.version);
    return c.json({ version: catalog.version, rerank: rerankView(rerank) }, 202);
  });

  app.openapi(versions, async (c) => {
    const { parkId } = c.req.valid('param');
    current(c.var.principal, parkId);
    const docs = await repos.catalogVersions.find(
      { parkId },
      { sort: { version: -1 }, projection: { version: 1, publishedBy: 1, publishedAt: 1, note: 1 } },
    );
    return c.json(
      {
        items: docs.map((d) => ({
          version: d.version,
          publishedBy: d.publishedBy,
          publishedAt: d.publishedAt,
          ...(d.note ? { note: d.note } : {}),
        })),
      },
      200,
    );
  });

  app.openapi(versionDetail, async (c) => {
    const { parkId, version } = c.req.valid('param');
    current(c.var.principal, parkId);
    const doc = await repos.catalogVersions.findOne({ _id: catalogVersionId(parkId, version) });
    if (!doc) throw new HttpProblem(404, `park ${parkId} has no catalog version ${version}`);
    return c.json(doc.catalog, 200);
  });

  app.openapi(rerankStatus, async (c) => {
    const { parkId } = c.req.valid('param');
    current(c.var.principal, parkId);
    const latest = await repos.reranks.findOne({ parkId }, { sort: { queuedAt: -1 } });
    if (!latest) throw new HttpProblem(404, `park ${parkId} has not been re-ranked`);
    return c.json(rerankView(latest), 200);
  });

  app.openapi(whatIf, async (c) => {
    const { parkId } = c.req.valid('param');
    const { catalog: draft, limit } = c.req.valid('json');
    const base = current(c.var.principal, parkId);
    const catalog = validDraft(draft, parkId, base.version + 1);
    const names = new Map<string, string>();
    const after = [];
    for await (const page of profilePages(repos.profiles, { size: 1000 })) {
      for (const p of page) {
        const result = engine.scoreWith(leadOf(p), catalog);
        names.set(p._id, p.profile.firm.name);
        after.push({
          leadId: p._id,
          score: result.score,
          tier: result.tier,
          directions: result.matchedDirections.map((d) => d.code),
        });
      }
    }
    const diff = diffRankings(ranking.ranked(parkId), after, limit);
    const named = <T extends { leadId: string }>(items: T[]) =>
      items.map((item) => ({ ...item, firmName: names.get(item.leadId) ?? '' }));
    return c.json(
      {
        parkId,
        baseVersion: base.version,
        ...diff,
        top: named(diff.top),
        tierUp: named(diff.tierUp),
        tierDown: named(diff.tierDown),
      },
      200,
    );
  });

  return app;
}
