import { randomUUID } from 'node:crypto';
import { createRedisStreamsBus } from '@parkmatch/bus';
import { createEvent, Events } from '@parkmatch/contracts';
import { createLogger, createMetrics, createTokenService, type Principal } from '@parkmatch/service-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FAST_JOBS } from '../../test/harness.ts';
import { type RobotReceiver, startWebhookReceiver } from '../../test/receivers.ts';
import { tempStore } from '../../test/temp-store.ts';
import { createNotificationsApp } from '../app.ts';
import { closeAdapters, createAdapters } from '../channels/adapters.ts';
import { maskAddress } from '../channels/channel.ts';
import { createSecretBox } from '../channels/secret-box.ts';
import { createDeliverer, type Deliver } from '../delivery/deliver.ts';
import { startDeliveryJobs } from '../delivery/jobs.ts';
import { createNotifier, createSender } from '../delivery/notify.ts';
import { createRateLimiter } from '../delivery/rate-limit.ts';
import { unknownLead } from '../lead-facts/facts.ts';
import { accountOf } from '../preferences/subscriber.ts';
import { openRepositories } from '../repositories.ts';
import { consumeFinance, financeHandlers } from './consumer.ts';
import { BankInboxRepository, withBankInbox } from './inbox.ts';
import { planBankDeliveries } from './plan.ts';
import { fromNeedAnswered, fromNeedPushed } from './wording.ts';

// Financing notifications end to end inside the service, wired as main.ts wires them: real
// store, real BullMQ on the test run's Redis, the real inbox and webhook adapters, a signed
// webhook receiver. A need pushed to a bank reaches its officers (the bank's inbox, and an
// officer's own webhook), a bank's answer the firm's liaison; each once, however often the
// event comes.

const PARK = 'dadukou-ivd';
const AT = '2026-03-02T02:00:00.000Z';
const OFFICER: Principal = { sub: 'officer-a', role: 'bank-officer' };
const OTHER_OFFICER: Principal = { sub: 'officer-z', role: 'bank-officer' };
const LIAISON: Principal = { sub: 'dadukou-liaison', role: 'analyst', parkId: PARK };
const ANALYST: Principal = { sub: 'dadukou', role: 'analyst', parkId: PARK };
const ADMIN: Principal = { sub: 'admin', role: 'admin' };

function pushed(options: { leadId?: string; officers?: string[]; parkId?: string } = {}) {
  const leadId = options.leadId ?? 'L1';
  return createEvent(Events.financeNeedPushed, {
    key: leadId,
    source: 'firm-services',
    payload: {
      leadId,
      ...(options.parkId === undefined ? { parkId: PARK } : options.parkId ? { parkId: options.parkId } : {}),
      firmName: '集庆生物科技有限公司',
      needId: 'need-1',
      bankId: 'bank-a',
      productId: 'a-bridge',
      productName: '应急转贷',
      productType: 'bridge-loan',
      amountCny: 5_000_000,
      termMonths: 12,
      urgency: 'urgent',
      score: 82.4,
      officers: options.officers ?? ['officer-a', 'officer-b'],
      by: 'dadukou-liaison',
      at: AT,
    },
  });
}

function answered(
  answer: { status: 'reviewing' } | { status: 'offered' } | { status: 'declined'; reason: string },
  options: { liaison?: string; parkId?: string | null } = {},
) {
  return createEvent(Events.financeNeedAnswered, {
    key: 'L1',
    source: 'firm-services',
    payload: {
      leadId: 'L1',
      ...(options.parkId === null ? {} : { parkId: options.parkId ?? PARK }),
      firmName: '集庆生物科技有限公司',
      needId: 'need-1',
      bankId: 'bank-a',
      productId: 'a-bridge',
      status: answer.status,
      ...(answer.status === 'offered'
        ? { offer: { amountCny: 4_000_000, ratePct: 3.85, termMonths: 12 } }
        : {}),
      ...(answer.status === 'declined' ? { reason: answer.reason } : {}),
      ...(options.liaison ? { liaison: options.liaison } : {}),
      by: 'officer-a',
      at: AT,
    },
  });
}

describe('the financing notifications, worded', () => {
  it('tells the bank of a pushed need, Chinese first, addressed to its officers', () => {
    const event = pushed();
    const n = fromNeedPushed(event, new Date(AT));
    expect(n).toMatchObject({
      kind: 'finance-pushed',
      parkId: 'bank:bank-a',
      audience: { to: 'accounts', usernames: ['officer-a', 'officer-b'] },
      subject: { zh: '融资需求推送：集庆生物科技有限公司（应急转贷）' },
    });
    expect(n.lines.zh[0]).toBe('需求金额 500 万元，期限 12 个月，紧急程度：较急');
    expect(n.lines.en[0]).toBe('5,000,000 CNY over 12 months, urgent');
    // One id per event: the same event worded again is the same notification.
    expect(fromNeedPushed(event, new Date())._id).toBe(n._id);
  });

  it('tells the liaison of an offer or a decline, the team when none is named, nobody of a review', () => {
    const lead = { ...unknownLead('L1'), owner: { parkId: PARK, at: AT } };
    const offer = fromNeedAnswered(answered({ status: 'offered' }, { liaison: '张伟' }), {
      lead,
      now: new Date(AT),
    });
    expect(offer).toMatchObject({
      kind: 'finance-answered',
      parkId: PARK,
      audience: { to: 'accounts', usernames: ['张伟'] },
      subject: { zh: '银行已授信：集庆生物科技有限公司' },
    });
    expect(offer?.lines.zh[0]).toBe('bank-a（a-bridge） 授信 400 万元，期限 12 个月，年利率 3.85%');
    const decline = fromNeedAnswered(answered({ status: 'declined', reason: '抵押物不足' }), {
      lead,
      now: new Date(AT),
    });
    expect(decline?.audience).toEqual({ to: 'team' });
    expect(decline?.lines.zh).toContain('原因：抵押物不足');
    expect(fromNeedAnswered(answered({ status: 'reviewing' }), { lead, now: new Date(AT) })).toBeNull();
    // No park in the event and no owner known: no team to tell.
    expect(
      fromNeedAnswered(answered({ status: 'offered' }, { parkId: null }), {
        lead: unknownLead('L1'),
        now: new Date(AT),
      }),
    ).toBeNull();
  });

  it('plans the bank inbox and the addressed officers’ own channels only, with the same ids each time', () => {
    const n = fromNeedPushed(pushed({ officers: ['officer-a'] }), new Date(AT));
    const a = {
      ...accountOf(OFFICER, new Date(AT)),
      rules: [{ event: 'finance-pushed' as const, channels: ['ch-a'] }],
    };
    const z = {
      ...accountOf(OTHER_OFFICER, new Date(AT)),
      rules: [{ event: 'finance-pushed' as const, channels: ['ch-z'] }],
    };
    const channel = (id: string, subscriber: string) =>
      [id, { _id: id, type: 'webhook', subscriber } as never] as const;
    const channels = new Map([channel('ch-a', a._id), channel('ch-z', z._id)]);
    const plan = planBankDeliveries(n, [a, z], channels, new Date(AT));
    expect(plan.map((d) => [d.channelId, d.recipient, d.parkId])).toEqual([
      ['inbox', 'bank:bank-a', 'bank:bank-a'],
      ['ch-a', 'account:officer-a', 'bank:bank-a'],
    ]);
    expect(planBankDeliveries(n, [a, z], channels, new Date(AT))).toEqual(plan);
  });
});

describe('financing notifications, delivered', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let repos: Awaited<ReturnType<typeof openRepositories>>;
  let bankInbox: BankInboxRepository;
  let redis: Redis;
  let hook: RobotReceiver;
  let adapters: ReturnType<typeof createAdapters>;
  let delivery: ReturnType<typeof startDeliveryJobs>;
  let deliver: Deliver;
  let handlers: ReturnType<typeof financeHandlers>;
  let app: ReturnType<typeof createNotificationsApp>;
  const tokens = createTokenService('finance-test-secret-finance-test-secret');
  const box = createSecretBox('finance-test-secret-finance-test-secret');
  const now = () => new Date(AT);

  beforeAll(async () => {
    store = await tempStore();
    repos = await openRepositories(store);
    bankInbox = await BankInboxRepository.open(store);
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const limiter = createRateLimiter(redis, { prefix: `${prefix}:notify` });
    adapters = withBankInbox(
      createAdapters({ inbox: repos.inbox, facts: repos.facts, timeoutMs: 2_000 }),
      bankInbox,
    );
    const logger = createLogger('notifications-test', 'silent');
    deliver = createDeliverer({ ...repos, box, adapters, limiter, now: () => new Date() });
    delivery = startDeliveryJobs({
      redisUrl: inject('redisUrl'),
      prefix,
      logger,
      deliver,
      settings: FAST_JOBS,
    });
    const send = createSender({ ...repos, jobs: delivery, deliver });
    const notify = createNotifier({ ...repos, send, now });
    handlers = financeHandlers({ ...repos, notify, send, now });
    app = createNotificationsApp({
      ...repos,
      tokens,
      logger,
      metrics: createMetrics('notifications-finance-test'),
      readiness: [],
      box,
      adapters,
      limiter,
      enqueue: (d) => delivery.enqueue(d),
      bankInbox,
      now,
    });
    hook = await startWebhookReceiver();
    // An officer's own signed webhook, with a rule for pushed needs — stored directly: the receiver
    // listens on 127.0.0.1, an address only an admin may give a channel through the API.
    const id = 'ch_officer_a_hook';
    await repos.channels.insert({
      _id: id,
      type: 'webhook',
      name: '授信审批系统',
      subscriber: 'account:officer-a',
      parkId: null,
      address: box.seal(hook.url, id),
      secret: box.seal(hook.secret, id),
      target: maskAddress('webhook', hook.url),
      allowPrivate: true,
      createdBy: 'admin',
      createdAt: AT,
    });
    await repos.subscribers.save(
      accountOf(OFFICER, now()),
      { rules: [{ event: 'finance-pushed', channels: [id] }], quietHours: null },
      now(),
    );
  });

  afterAll(async () => {
    await delivery?.close();
    if (adapters) await closeAdapters(adapters);
    await redis?.quit();
    await hook?.close();
    await store?.remove();
  });

  async function drained() {
    await expect
      .poll(
        async () => {
          const counts = await delivery.queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
          return Object.values(counts).reduce((a, b) => a + b, 0);
        },
        { timeout: 15_000 },
      )
      .toBe(0);
  }

  async function call(principal: Principal, method: string, path: string, body?: unknown) {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${await tokens.sign(principal)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  }

  it('gets a pushed need to the bank’s inbox and the officer’s webhook, once each when the event comes again', async () => {
    const event = pushed();
    const planned = await handlers.needPushed([event]);
    expect(planned.map((d) => d.channelType).sort()).toEqual(['inbox', 'webhook']);
    await expect.poll(() => hook.texts.length, { timeout: 15_000 }).toBe(1);
    expect(hook.texts[0]).toContain('融资需求推送：集庆生物科技有限公司（应急转贷）');
    expect(hook.refused).toEqual([]);

    await handlers.needPushed([event]); // redelivered by the bus
    await handlers.needPushed([event, event]);
    await drained();
    expect(hook.texts).toHaveLength(1);
    expect(new Set(hook.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([`ev_${event.id}`]));

    const mine = await call(OFFICER, 'GET', '/v1/bank-inbox');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: `ev_${event.id}`,
      bankId: 'bank-a',
      leadId: 'L1',
      productName: '应急转贷',
      kind: 'finance-pushed',
      readAt: null,
    });
    const notification = await repos.notifications.get(`ev_${event.id}`);
    const log = notification ? await repos.deliveries.forNotification(notification) : [];
    expect(log.map((d) => [d.channelType, d.status, d.attempts.length]).sort()).toEqual([
      ['inbox', 'delivered', 1],
      ['webhook', 'delivered', 1],
    ]);
  });

  it('lets a bank officer set up its own channel and its rules for pushed needs, and nothing of a park', async () => {
    expect((await call(OTHER_OFFICER, 'GET', '/v1/notification-preferences')).body.rules).toEqual([
      { event: 'finance-pushed', channels: ['inbox'] },
    ]);
    const hookInput = {
      type: 'webhook',
      name: '授信系统',
      owner: 'me',
      url: 'https://1.1.1.1/credit-hook', // a public address, no name to resolve
      secret: 'officer-hook-secret-123',
    };
    const made = await call(OTHER_OFFICER, 'POST', '/v1/channels', hookInput);
    expect(made.status).toBe(201);
    const forPark = await call(OTHER_OFFICER, 'POST', '/v1/channels', {
      ...hookInput,
      owner: { parkId: 'dadukou-ivd' },
    });
    expect(forPark.status).toBe(403);
    expect(
      (await call(OTHER_OFFICER, 'GET', '/v1/channels')).body.items.map((c: { id: string }) => c.id),
    ).toEqual([made.body.id]);
    const rules = [{ event: 'finance-pushed', channels: [made.body.id] }];
    const saved = await call(OTHER_OFFICER, 'PUT', '/v1/notification-preferences', {
      rules,
      quietHours: null,
    });
    expect([saved.status, saved.body.rules]).toEqual([200, rules]);
    // The plan of a need pushed to this officer now names its webhook beside the bank's inbox.
    const officer = await repos.subscribers.get(`account:${OTHER_OFFICER.sub}`);
    const channels = new Map((await repos.channels.ofSubscribers([officer!._id])).map((c) => [c._id, c]));
    const need = fromNeedPushed(pushed({ officers: [OTHER_OFFICER.sub] }), new Date(AT));
    expect(planBankDeliveries(need, [officer!], channels, new Date(AT)).map((d) => d.channelId)).toEqual([
      'inbox',
      made.body.id,
    ]);

    expect((await call(OTHER_OFFICER, 'GET', '/v1/parks/dadukou-ivd/notification-preferences')).status).toBe(
      403,
    );
    expect((await call(OTHER_OFFICER, 'DELETE', `/v1/channels/${made.body.id}`)).status).toBe(204);
  });

  it('lets only the officers it was addressed to (and admins) read a bank’s inbox', async () => {
    expect(
      (await call({ sub: 'officer-b', role: 'bank-officer' }, 'GET', '/v1/bank-inbox')).body.items,
    ).toHaveLength(1);
    expect((await call(OTHER_OFFICER, 'GET', '/v1/bank-inbox')).body.items).toEqual([]);
    expect((await call(ADMIN, 'GET', '/v1/bank-inbox?bankId=bank-a')).body.items).toHaveLength(1);
    expect((await call(ANALYST, 'GET', '/v1/bank-inbox')).status).toBe(403);
    const [entry] = (await call(OFFICER, 'GET', '/v1/bank-inbox')).body.items;
    expect((await call(OTHER_OFFICER, 'POST', `/v1/bank-inbox/${entry.id}/read`)).status).toBe(404);
    const read = await call(OFFICER, 'POST', `/v1/bank-inbox/${entry.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(AT);
    expect((await call(OFFICER, 'GET', '/v1/bank-inbox?unread=true')).body.items).toEqual([]);
  });

  it('tells the firm’s liaison of an offer in the park’s inbox, once; its teammates do not see it', async () => {
    await repos.facts.recordScores([
      {
        leadId: 'L1',
        parkId: PARK,
        firmName: '集庆生物科技有限公司',
        projectTitle: 'IVD 试剂生产基地',
        rating: { tier: 'A', score: 82, reasons: { zh: [], en: [] }, at: '2026-01-05T01:00:00.000Z' },
      },
    ]);
    await repos.facts.recordOwner('L1', PARK, '2026-01-05T02:00:00.000Z');
    await repos.facts.recordLiaison('L1', LIAISON.sub, '2026-01-05T03:00:00.000Z');
    const offer = answered({ status: 'offered' });
    expect(await handlers.needAnswered([answered({ status: 'reviewing' })])).toEqual([]);
    await handlers.needAnswered([offer]);
    await handlers.needAnswered([offer]); // redelivered
    await drained();
    const inbox = await call(LIAISON, 'GET', '/v1/inbox');
    expect(inbox.status).toBe(200);
    const items = inbox.body.items.filter((i: { kind: string }) => i.kind === 'finance-answered');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ leadId: 'L1', title: { zh: '银行已授信：集庆生物科技有限公司' } });
    const teammate = await call(ANALYST, 'GET', '/v1/inbox');
    expect(teammate.body.items.filter((i: { kind: string }) => i.kind === 'finance-answered')).toEqual([]);
  });

  it('addresses a decline to the liaison the event names', async () => {
    const decline = answered({ status: 'declined', reason: '企业成立年限不足' }, { liaison: ANALYST.sub });
    await handlers.needAnswered([decline]);
    await drained();
    const items = (await call(ANALYST, 'GET', '/v1/inbox')).body.items.filter(
      (i: { kind: string }) => i.kind === 'finance-answered',
    );
    expect(items).toHaveLength(1);
    expect(items[0].lines.zh).toContain('原因：企业成立年限不足');
  });
  it('consumes both topics from the bus in its own group, as main.ts wires it', async () => {
    const bus = createRedisStreamsBus({
      url: inject('redisUrl'),
      prefix: `fin${randomUUID().slice(0, 6)}`,
      heartbeatMs: 100,
      sessionTimeoutMs: 1_000,
      blockMs: 200,
    });
    const send = createSender({ ...repos, jobs: delivery, deliver });
    const notify = createNotifier({ ...repos, send, now });
    const subscriptions = await consumeFinance({
      ...repos,
      bus,
      logger: createLogger('notifications-test', 'silent'),
      notify,
      send,
      now,
    });
    try {
      const event = pushed({ leadId: 'L7', officers: ['officer-z'] });
      const decline = answered({ status: 'declined', reason: '额度已满' }, { liaison: LIAISON.sub });
      await bus.publish(Events.financeNeedPushed.topic, [{ key: 'L7', value: JSON.stringify(event) }]);
      await bus.publish(Events.financeNeedAnswered.topic, [{ key: 'L1', value: JSON.stringify(decline) }]);
      await expect
        .poll(async () => (await call(OTHER_OFFICER, 'GET', '/v1/bank-inbox')).body.items.length, {
          timeout: 15_000,
        })
        .toBe(1);
      await expect
        .poll(
          async () =>
            (await call(LIAISON, 'GET', '/v1/inbox')).body.items.filter((i: { lines: { zh: string[] } }) =>
              i.lines.zh.includes('原因：额度已满'),
            ).length,
          { timeout: 15_000 },
        )
        .toBe(1);
    } finally {
      await Promise.all(subscriptions.map((sub) => sub.close()));
      await bus.close();
    }
  });
});
