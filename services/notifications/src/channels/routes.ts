import { createRoute, z } from '@hono/zod-openapi';
import { ChannelInput, ChannelList, ChannelTestResult, ChannelView } from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  type Principal,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import type { RateLimiter } from '../delivery/rate-limit.ts';
import type { SubscriberRepository } from '../preferences/repository.ts';
import { ACCOUNT_ROLES } from '../preferences/subscriber.ts';
import { type Adapters, RATE_LIMITED } from './adapters.ts';
import { type ChannelDoc, channelView, targetOf } from './channel.ts';
import type { ChannelRepository } from './repository.ts';
import type { SecretBox } from './secret-box.ts';
import { canManage, canView, setUpChannel } from './setup.ts';
import { testMessage } from './test-message.ts';

const CHANNELS = tag(
  'channels',
  'Where notifications go out: an account’s email or webhook (a team member’s, a bank officer’s), a park’s shared group robots (企业微信, 钉钉, 飞书) and signed webhooks. Secrets are stored encrypted and never shown.',
);

const IdParam = z.object({
  channelId: z.string().min(1).max(64).openapi({ description: 'The channel’s id, from `GET /v1/channels`' }),
});

const list = createRoute({
  method: 'get',
  path: '/v1/channels',
  operationId: 'listChannels',
  tags: [CHANNELS],
  summary: 'The caller’s channels and the shared channels of the parks it may see',
  security: bearer,
  request: {
    query: z.object({
      parkId: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .openapi({ description: 'Only this park’s shared channels (and yours)' }),
    }),
  },
  responses: {
    200: json(ChannelList, 'Oldest first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Not a team account or bank officer, or not your park'),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/channels',
  operationId: 'createChannel',
  tags: [CHANNELS],
  summary: 'Set up a channel: your own (`owner: "me"`) or a park’s shared one (its managers, admins)',
  security: bearer,
  request: { body: jsonBody(ChannelInput) },
  responses: {
    201: json(ChannelView, 'Set up; name it in a rule to use it'),
    400: problem('Malformed, not http(s), or a private address (admins only)'),
    401: problem('No or bad token'),
    403: problem('Not a manager of that park'),
    422: problem('Email is not configured on this service'),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/channels/{channelId}',
  operationId: 'getChannel',
  tags: [CHANNELS],
  summary: 'One channel (its secret is never shown)',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: json(ChannelView, 'The channel'),
    400: problem('Malformed id'),
    401: problem('No or bad token'),
    404: problem('No such channel that you may see'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/channels/{channelId}',
  operationId: 'deleteChannel',
  tags: [CHANNELS],
  summary: 'Remove a channel (and take it out of the rules that name it)',
  security: bearer,
  request: { params: IdParam },
  responses: {
    204: { description: 'Removed' },
    400: problem('Malformed id'),
    401: problem('No or bad token'),
    403: problem('Not yours to remove'),
    404: problem('No such channel that you may see'),
  },
});

const test = createRoute({
  method: 'post',
  path: '/v1/channels/{channelId}/test',
  operationId: 'sendChannelTestMessage',
  tags: [CHANNELS],
  summary: 'Send a test message through the channel now and say how it went',
  security: bearer,
  request: { params: IdParam },
  responses: {
    200: json(ChannelTestResult, 'Sent (`ok: true`) or refused, with the receiver’s reason'),
    400: problem('Malformed id'),
    401: problem('No or bad token'),
    403: problem('Not yours to test'),
    404: problem('No such channel that you may see'),
    429: problem('The robot’s rate limit (20 a minute) is used up; try again shortly'),
  },
});

export interface ChannelRouteDeps {
  tokens: TokenService;
  channels: ChannelRepository;
  subscribers: SubscriberRepository;
  box: SecretBox;
  adapters: Adapters;
  limiter: RateLimiter;
  now: () => Date;
}

export function channelRoutes(deps: ChannelRouteDeps) {
  const { tokens, channels, subscribers, box, adapters, limiter, now } = deps;
  const app = createRouter();
  // Bank officers too, for their own channels (a pushed financing need reaches them there).
  const members = requireAuth(tokens, ...ACCOUNT_ROLES);
  app.use('/v1/channels', members);
  app.use('/v1/channels/*', members);

  async function visible(principal: Principal, id: string): Promise<ChannelDoc> {
    const channel = await channels.get(id);
    if (!channel || !canView(principal, channel))
      throw new HttpProblem(404, { zh: `没有渠道 ${id}`, en: `no channel ${id}` });
    return channel;
  }

  function assertManages(principal: Principal, channel: ChannelDoc) {
    if (!canManage(principal, channel))
      throw new HttpProblem(403, { zh: '无权修改此渠道', en: 'you may not change this channel' });
  }

  app.openapi(list, async (c) => {
    const { parkId } = c.req.valid('query');
    const all = await channels.visibleTo(c.var.principal, parkId);
    return c.json({ items: all.filter((ch) => canView(c.var.principal, ch)).map(channelView) }, 200);
  });

  app.openapi(create, async (c) => {
    await subscribers.touch(c.var.principal, now());
    const channel = await setUpChannel(
      { channels, box, adapters, now },
      c.var.principal,
      c.req.valid('json'),
    );
    return c.json(channelView(channel), 201);
  });

  app.openapi(get, async (c) =>
    c.json(channelView(await visible(c.var.principal, c.req.valid('param').channelId)), 200),
  );

  app.openapi(remove, async (c) => {
    const channel = await visible(c.var.principal, c.req.valid('param').channelId);
    assertManages(c.var.principal, channel);
    await channels.remove(channel._id);
    await subscribers.dropChannel(channel.subscriber, channel._id, now());
    return c.body(null, 204);
  });

  app.openapi(test, async (c) => {
    const channel = await visible(c.var.principal, c.req.valid('param').channelId);
    assertManages(c.var.principal, channel);
    const target = targetOf(channel, box);
    if (RATE_LIMITED.includes(channel.type)) {
      const wait = await limiter.take(target.address);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new HttpProblem(429, {
          zh: `该机器人每分钟最多 20 条，请 ${Math.ceil(wait / 1000)} 秒后再试`,
          en: `the robot takes 20 messages a minute; try again in ${Math.ceil(wait / 1000)} s`,
        });
      }
    }
    const adapter = adapters[channel.type];
    const started = performance.now();
    let error: string | null = adapter ? null : `no ${channel.type} adapter configured`;
    if (adapter) {
      try {
        await adapter.send(testMessage(channel, c.var.principal.sub, now()), target);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    return c.json({ ok: error === null, ms: Math.round(performance.now() - started), error }, 200);
  });

  return app;
}
