import { createRoute, z } from '@hono/zod-openapi';
import { InboxItem, InboxPage } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import type { SubscriberRepository } from '../preferences/repository.ts';
import { rulesOf } from '../preferences/subscriber.ts';
import { inboxItem } from './entry.ts';
import type { InboxRepository } from './repository.ts';
import { inboxViewFilter } from './view.ts';

const InboxQuery = z.object({
  parkId: z
    .string()
    .optional()
    .openapi({ description: 'Only this park’s entries; an analyst may name only its own park' }),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true`: only unread entries; `false`: only read ones; absent: both' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Entries on the page, 1 to 200' }),
  /** createdAt of the last item of the previous page. */
  before: z.iso
    .datetime()
    .optional()
    .openapi({ description: 'The `nextBefore` of the previous page: only entries created before it' }),
});

const INBOX = tag('inbox', 'Team inboxes: the leads each park’s team has heard of, read or unread.');

const list = createRoute({
  method: 'get',
  path: '/v1/inbox',
  operationId: 'listInbox',
  tags: [INBOX],
  summary:
    "The caller's inbox: its park's entries (every park for admins and city managers) that its in-app rules ask for (by default A/B leads and its SLA reminders)",
  security: bearer,
  request: { query: InboxQuery },
  responses: {
    200: json(InboxPage, 'Newest first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
  },
});

const markRead = createRoute({
  method: 'post',
  path: '/v1/inbox/{id}/read',
  operationId: 'markInboxEntryRead',
  tags: [INBOX],
  summary: 'Mark an inbox entry read',
  security: bearer,
  request: {
    params: z.object({
      id: z.string().min(1).max(200).openapi({ description: 'The entry’s id, from `GET /v1/inbox`' }),
    }),
  },
  responses: {
    200: json(InboxItem, 'The entry'),
    400: problem('Malformed entry id'),
    401: problem('No or bad token'),
    404: problem('No such entry in your inbox'),
  },
});

export interface InboxRouteDeps {
  inbox: InboxRepository;
  subscribers: SubscriberRepository;
  tokens: TokenService;
  now: () => Date;
}

export function inboxRoutes({ inbox, subscribers, tokens, now }: InboxRouteDeps) {
  const app = createRouter();
  app.use('/v1/inbox', requireAuth(tokens, 'analyst', 'manager', 'admin'));
  app.use('/v1/inbox/*', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  app.openapi(list, async (c) => {
    const { parkId, unread, limit, before } = c.req.valid('query');
    if (parkId) assertPark(c.var.principal, parkId);
    // What the reader asked to see (its in-app rules; the defaults until it sets its own).
    const reader = await subscribers.account(c.var.principal, now());
    const entries = await inbox.list(c.var.principal, {
      parkId,
      unread: unread === undefined ? undefined : unread === 'true',
      before,
      limit,
      view: inboxViewFilter(c.var.principal, rulesOf(reader)),
    });
    const nextBefore = entries.length === limit ? (entries.at(-1)?.createdAt ?? null) : null;
    return c.json({ items: entries.map(inboxItem), nextBefore }, 200);
  });

  app.openapi(markRead, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await inbox.markRead(c.var.principal, id, now());
    if (!entry) throw new HttpProblem(404, { zh: `收件箱中没有 ${id}`, en: `no inbox entry ${id}` });
    return c.json(inboxItem(entry), 200);
  });

  return app;
}
