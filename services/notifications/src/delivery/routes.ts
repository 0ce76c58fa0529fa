import { createRoute, z } from '@hono/zod-openapi';
import {
  DeadLetterPage,
  DeliveryView,
  NotificationDetail,
  NotificationKind,
  NotificationPage,
} from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  canSeePark,
  createRouter,
  HttpProblem,
  json,
  parkScope,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { notificationView } from '../notification/notification.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import { deliveryView, plannedOf } from './delivery.ts';
import type { DeliveryJob } from './jobs.ts';
import type { DeliveryRepository } from './repository.ts';

const DELIVERY = tag(
  'delivery',
  'The delivery log: every notification with each of its deliveries (channel, recipient, attempts, status, timing); dead letters and their replay.',
);

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .openapi({ description: 'Items on the page, 1 to 200' });
const before = z.iso.datetime().optional().openapi({ description: 'The `nextBefore` of the previous page' });

const list = createRoute({
  method: 'get',
  path: '/v1/notifications',
  operationId: 'listNotifications',
  tags: [DELIVERY],
  summary: 'Notifications made for the parks the caller may see, newest first',
  security: bearer,
  request: {
    query: z.object({
      parkId: z.string().min(1).max(64).optional().openapi({ description: 'Only this park’s' }),
      kind: NotificationKind.optional().openapi({ description: 'Only this kind' }),
      limit,
      before,
    }),
  },
  responses: {
    200: json(NotificationPage, 'Newest first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/v1/notifications/{notificationId}',
  operationId: 'getNotificationDeliveries',
  tags: [DELIVERY],
  summary: 'One notification and its delivery log: each channel and recipient, attempts, status, timing',
  security: bearer,
  request: {
    params: z.object({
      notificationId: z.string().min(1).max(300).openapi({ description: 'The notification’s id' }),
    }),
  },
  responses: {
    200: json(NotificationDetail, 'The notification and its deliveries'),
    400: problem('Malformed id'),
    401: problem('No or bad token'),
    404: problem('No such notification in your parks'),
  },
});

const deadLetters = createRoute({
  method: 'get',
  path: '/v1/dead-letters',
  operationId: 'listDeadLetters',
  tags: [DELIVERY],
  summary: 'Deliveries that failed their last attempt, with the last error (admins)',
  security: bearer,
  request: { query: z.object({ limit, before }) },
  responses: {
    200: json(DeadLetterPage, 'Most recent failure first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
  },
});

const replay = createRoute({
  method: 'post',
  path: '/v1/dead-letters/{deliveryId}/replay',
  operationId: 'replayDeadLetter',
  tags: [DELIVERY],
  summary: 'Put a dead letter back in the queue for a fresh set of attempts (admins)',
  security: bearer,
  request: {
    params: z.object({
      deliveryId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ description: 'The delivery’s id, from `GET /v1/dead-letters`' }),
    }),
  },
  responses: {
    202: json(DeliveryView, 'Queued again'),
    400: problem('Malformed id'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
    404: problem('No such dead letter'),
    409: problem('The delivery is not dead (delivered, queued or being retried)'),
  },
});

export interface DeliveryRouteDeps {
  tokens: TokenService;
  notifications: NotificationRepository;
  deliveries: DeliveryRepository;
  /** Enqueues deliveries (the BullMQ delivery queue). */
  enqueue: (jobs: readonly DeliveryJob[]) => Promise<void>;
  now: () => Date;
}

export function deliveryRoutes({ tokens, notifications, deliveries, enqueue, now }: DeliveryRouteDeps) {
  const app = createRouter();
  const team = requireAuth(tokens, 'analyst', 'manager', 'admin');
  app.use('/v1/notifications', team);
  app.use('/v1/notifications/*', team);
  app.use('/v1/dead-letters', requireAuth(tokens, 'admin'));
  app.use('/v1/dead-letters/*', requireAuth(tokens, 'admin'));

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    if (query.parkId) assertPark(c.var.principal, query.parkId);
    const page = await notifications.list(c.var.principal, query);
    const nextBefore = page.length === query.limit ? (page.at(-1)?.createdAt ?? null) : null;
    return c.json({ items: page.map(notificationView), nextBefore }, 200);
  });

  app.openapi(detail, async (c) => {
    const { notificationId } = c.req.valid('param');
    const notification = await notifications.get(notificationId);
    const visible =
      notification &&
      (notification.parkId === 'all'
        ? parkScope(c.var.principal) === 'all'
        : canSeePark(c.var.principal, notification.parkId));
    if (!notification || !visible)
      throw new HttpProblem(404, {
        zh: `没有通知 ${notificationId}`,
        en: `no notification ${notificationId}`,
      });
    const log = await deliveries.forNotification(notification);
    return c.json({ notification: notificationView(notification), deliveries: log.map(deliveryView) }, 200);
  });

  app.openapi(deadLetters, async (c) => {
    const query = c.req.valid('query');
    const page = await deliveries.deadLetters(c.var.principal, query);
    const nextBefore = page.length === query.limit ? (page.at(-1)?.updatedAt ?? null) : null;
    return c.json({ items: page.map(deliveryView), nextBefore }, 200);
  });

  app.openapi(replay, async (c) => {
    const { deliveryId } = c.req.valid('param');
    const queued = await deliveries.replay(deliveryId, now());
    if (!queued) {
      const existing = await deliveries.get(deliveryId);
      if (!existing)
        throw new HttpProblem(404, { zh: `没有投递 ${deliveryId}`, en: `no delivery ${deliveryId}` });
      throw new HttpProblem(409, {
        zh: `投递 ${deliveryId} 当前状态为 ${existing.status}，不是死信`,
        en: `delivery ${deliveryId} is ${existing.status}, not dead`,
      });
    }
    await enqueue([{ delivery: plannedOf(queued), replays: queued.replays }]);
    return c.json(deliveryView(queued), 202);
  });

  return app;
}
