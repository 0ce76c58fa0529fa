import { createRoute, z } from '@hono/zod-openapi';
import { PARK_IDS, Preferences, PreferencesInput } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  hasManagerRights,
  json,
  jsonBody,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import type { ChannelRepository } from '../channels/repository.ts';
import type { SubscriberRepository } from './repository.ts';
import { ACCOUNT_ROLES, preferencesView, type SubscriberDoc } from './subscriber.ts';
import { ruleErrors } from './validate.ts';

const PREFERENCES = tag(
  'preferences',
  'Which notifications reach whom on which channel: each account’s own rules and quiet hours (defaults until set), and a park’s rules for its shared group robots.',
);

const ParkParam = z.object({
  parkId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ description: 'The park’s id (see `GET /v1/parks` on matching)' }),
});

const getMine = createRoute({
  method: 'get',
  path: '/v1/notification-preferences',
  operationId: 'getMyNotificationPreferences',
  tags: [PREFERENCES],
  summary: 'The caller’s rules and quiet hours (the defaults until it sets its own)',
  security: bearer,
  responses: {
    200: json(Preferences, 'The rules in force'),
    401: problem('No or bad token'),
    403: problem('Not a team account or bank officer'),
  },
});

const putMine = createRoute({
  method: 'put',
  path: '/v1/notification-preferences',
  operationId: 'setMyNotificationPreferences',
  tags: [PREFERENCES],
  summary: 'Replace the caller’s rules and quiet hours',
  security: bearer,
  request: { body: jsonBody(PreferencesInput) },
  responses: {
    200: json(Preferences, 'Saved'),
    400: problem('Malformed rules: an unknown event, a bad time, quiet hours that start when they end'),
    401: problem('No or bad token'),
    403: problem('Not a team account or bank officer'),
    422: problem('A rule names a channel that is not yours, or the inbox for the digest'),
  },
});

const getPark = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/notification-preferences',
  operationId: 'getParkNotificationPreferences',
  tags: [PREFERENCES],
  summary: 'A park’s rules for its shared channels (group robots)',
  security: bearer,
  request: { params: ParkParam },
  responses: {
    200: json(Preferences, 'The park’s rules'),
    400: problem('Malformed park id'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('No such park'),
  },
});

const putPark = createRoute({
  method: 'put',
  path: '/v1/parks/{parkId}/notification-preferences',
  operationId: 'setParkNotificationPreferences',
  tags: [PREFERENCES],
  summary: 'Replace a park’s rules for its shared channels (the park’s managers, admins)',
  security: bearer,
  request: { params: ParkParam, body: jsonBody(PreferencesInput) },
  responses: {
    200: json(Preferences, 'Saved'),
    400: problem('Malformed rules'),
    401: problem('No or bad token'),
    403: problem('Not a manager of this park'),
    404: problem('No such park'),
    422: problem('A rule names a channel that is not the park’s, or the inbox'),
  },
});

export interface PreferencesRouteDeps {
  tokens: TokenService;
  subscribers: SubscriberRepository;
  channels: ChannelRepository;
  now: () => Date;
}

export function preferencesRoutes({ tokens, subscribers, channels, now }: PreferencesRouteDeps) {
  const app = createRouter();
  // One's own rules: team members and bank officers; a park's: its team.
  app.use('/v1/notification-preferences', requireAuth(tokens, ...ACCOUNT_ROLES));
  app.use('/v1/parks/:parkId/notification-preferences', requireAuth(tokens, 'analyst', 'manager', 'admin'));

  async function save(subscriber: SubscriberDoc, input: PreferencesInput) {
    const errors = ruleErrors(subscriber, input.rules, await channels.ofSubscribers([subscriber._id]));
    if (errors.length > 0)
      throw new HttpProblem(
        422,
        { zh: '订阅规则有误，见 errors', en: 'the rules are not valid; see errors' },
        { errors },
      );
    return preferencesView(await subscribers.save(subscriber, input, now()));
  }

  function assertKnownPark(principal: Principal, parkId: string) {
    if (!(PARK_IDS as readonly string[]).includes(parkId))
      throw new HttpProblem(404, { zh: `没有园区 ${parkId}`, en: `no park ${parkId}` });
    assertPark(principal, parkId);
  }

  function assertManages(principal: Principal, parkId: string) {
    assertKnownPark(principal, parkId);
    if (!hasManagerRights(principal))
      throw new HttpProblem(403, {
        zh: '只有园区经理或管理员可修改园区订阅',
        en: "only managers and admins change a park's rules",
      });
  }

  app.openapi(getMine, async (c) =>
    c.json(preferencesView(await subscribers.account(c.var.principal, now())), 200),
  );

  app.openapi(putMine, async (c) =>
    c.json(await save(await subscribers.account(c.var.principal, now()), c.req.valid('json')), 200),
  );

  app.openapi(getPark, async (c) => {
    const { parkId } = c.req.valid('param');
    assertKnownPark(c.var.principal, parkId);
    return c.json(preferencesView(await subscribers.park(parkId, now())), 200);
  });

  app.openapi(putPark, async (c) => {
    const { parkId } = c.req.valid('param');
    assertManages(c.var.principal, parkId);
    return c.json(await save(await subscribers.park(parkId, now()), c.req.valid('json')), 200);
  });

  return app;
}
