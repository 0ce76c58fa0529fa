import { createRoute, z } from '@hono/zod-openapi';
import { Tier } from '@parkmatch/contracts';
import {
  assertPark,
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
import type { Repositories } from '../repositories.ts';

const InboxItem = z
  .object({
    id: z.string(),
    parkId: z.string(),
    leadId: z.string(),
    kind: z.enum(['new-lead', 'tier-up']),
    tier: Tier,
    score: z.number(),
    firmName: z.string(),
    projectTitle: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    reasons: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('InboxItem');

const InboxQuery = z.object({
  parkId: z.string().optional(),
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** createdAt of the last item of the previous page. */
  before: z.iso.datetime().optional(),
});

const list = createRoute({
  method: 'get',
  path: '/v1/inbox',
  tags: ['inbox'],
  summary: "The caller's inbox: an analyst's park, or every park for admins and city managers",
  security: bearer,
  request: { query: InboxQuery },
  responses: {
    200: json(z.object({ items: z.array(InboxItem), nextBefore: z.string().nullable() }), 'Newest first'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
  },
});

const markRead = createRoute({
  method: 'post',
  path: '/v1/inbox/{id}/read',
  tags: ['inbox'],
  summary: 'Mark an inbox entry read',
  security: bearer,
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: {
    200: json(InboxItem, 'The entry'),
    401: problem('No or bad token'),
    404: problem('No such entry in your inbox'),
  },
});

export function inboxRoutes({ repos, tokens }: { repos: Repositories; tokens: TokenService }) {
  const app = createRouter();
  app.use('/v1/inbox', requireAuth(tokens, 'analyst', 'manager', 'admin'));
  app.use('/v1/inbox/*', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(list, async (c) => {
    const { parkId, unread, limit, before } = c.req.valid('query');
    const principal = c.var.principal;
    const filter: Filter = {};
    if (parkId) {
      assertPark(principal, parkId);
      filter.parkId = parkId;
    } else {
      const parks = visibleParks(principal);
      if (parks !== 'all') filter.parkId = { $in: parks };
    }
    if (unread === 'true') filter.readAt = null;
    if (unread === 'false') filter.readAt = { $ne: null };
    if (before) filter.createdAt = { $lt: before };
    const entries = await repos.inbox.find(filter, { sort: { createdAt: -1, _id: 1 }, limit });
    const items = entries.map(({ _id, matchedDirections: _m, ...rest }) => ({ id: _id, ...rest }));
    const nextBefore = entries.length === limit ? (entries.at(-1)?.createdAt ?? null) : null;
    return c.json({ items, nextBefore }, 200);
  });

  app.openapi(markRead, async (c) => {
    const { id } = c.req.valid('param');
    const parks = visibleParks(c.var.principal);
    const scope: Filter = parks === 'all' ? { _id: id } : { _id: id, parkId: { $in: parks } };
    const existing = await repos.inbox.findOne(scope);
    if (!existing) throw new HttpProblem(404, `no inbox entry ${id}`);
    const updated =
      existing.readAt === null
        ? await repos.inbox.findOneAndUpdate(scope, { $set: { readAt: new Date().toISOString() } })
        : existing;
    if (!updated) throw new HttpProblem(404, `no inbox entry ${id}`);
    const { _id, matchedDirections: _m, ...rest } = updated;
    return c.json({ id: _id, ...rest }, 200);
  });

  return app;
}
