import { createRoute, z } from '@hono/zod-openapi';
import { ORG_KINDS, Org, OrgInput, OrgList } from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { Slug } from '../params.ts';
import { orgView } from './org.ts';
import type { OrgRepository } from './repository.ts';

export const ORGS = tag('organisations', 'Banks and service operators, and the accounts that act for them.');
const OrgIdParam = z.object({
  orgId: Slug.openapi({ param: { name: 'orgId', in: 'path', description: 'The organisation’s id' } }),
});
const KindQuery = z.object({
  kind: z
    .enum(ORG_KINDS)
    .optional()
    .openapi({ param: { name: 'kind', in: 'query', description: 'Only banks, or only operators' } }),
});

const put = createRoute({
  method: 'put',
  path: '/v1/orgs/{orgId}',
  operationId: 'putOrg',
  tags: [ORGS],
  summary: 'Create or replace a bank or service operator and its member accounts (admin only)',
  security: bearer,
  request: { params: OrgIdParam, body: jsonBody(OrgInput) },
  responses: {
    200: json(Org, 'Stored'),
    400: problem('Invalid organisation'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
    409: problem('The id belongs to an organisation of the other kind'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/orgs',
  operationId: 'listOrgs',
  tags: [ORGS],
  summary: 'The banks and service operators',
  security: bearer,
  request: { query: KindQuery },
  responses: {
    200: json(OrgList, 'By id'),
    400: problem('Unknown kind'),
    401: problem('No or bad token'),
  },
});

export function orgRoutes(deps: { orgs: OrgRepository; tokens: TokenService; now: () => Date }) {
  const app = createRouter();
  app.on('PUT', '/v1/orgs/:orgId', requireAuth(deps.tokens, 'admin'));
  app.on('GET', '/v1/orgs', requireAuth(deps.tokens));

  app.openapi(put, async (c) => {
    const { orgId } = c.req.valid('param');
    const input = c.req.valid('json');
    const doc = { _id: orgId, ...input, updatedAt: deps.now().toISOString() };
    if (!(await deps.orgs.put(doc)))
      throw new HttpProblem(409, {
        zh: `${orgId} 已是另一类机构`,
        en: `${orgId} is an organisation of the other kind`,
      });
    return c.json(orgView(doc), 200);
  });

  app.openapi(list, async (c) => {
    const orgs = await deps.orgs.list(c.req.valid('query').kind);
    return c.json({ items: orgs.map(orgView) }, 200);
  });
  return app;
}
