import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ADMIN, ANALYST, type Harness, MANAGER, openHarness, scoredEvent } from '../../test/harness.ts';
import {
  type RobotReceiver,
  startDingtalkReceiver,
  startWebhookReceiver,
  startWecomReceiver,
} from '../../test/receivers.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp-receiver.ts';
import { closeAdapters, createAdapters } from '../channels/adapters.ts';
import { fromLeadScored } from '../notification/from-scored.ts';
import { createDeliverer, interruptedNote, type SendMark } from './deliver.ts';
import type { DeliveryDoc } from './delivery.ts';

// Delivery end to end inside the service: scored-lead events go in, BullMQ jobs run on the
// test run's Redis, and real receivers (a WeCom-style and a DingTalk-style robot, a signed
// webhook, an SMTP server) get the messages — once each, however often the event comes.

let h: Harness;
let wecom: RobotReceiver;
let dingtalk: RobotReceiver;
let smtp: SmtpReceiver;

beforeEach(async () => {
  [wecom, dingtalk, smtp] = await Promise.all([
    startWecomReceiver(),
    startDingtalkReceiver(),
    startSmtpReceiver(),
  ]);
  h = await openHarness({
    redisUrl: inject('redisUrl'),
    smtp: { url: smtp.url, from: 'parkmatch <noreply@parkmatch.test>' },
  });
});

afterEach(async () => {
  await h.close();
  await Promise.all([wecom.close(), dingtalk.close(), smtp.close()]);
});

/** Sets up the park's two robots (new A leads) and the analyst's mailbox (new A/B leads). */
async function subscribe() {
  const robot = await h.call(ADMIN, 'POST', '/v1/channels', {
    type: 'wecom',
    name: '大渡口招商群（企业微信）',
    owner: { parkId: 'dadukou-ivd' },
    url: wecom.url,
  });
  const signed = await h.call(ADMIN, 'POST', '/v1/channels', {
    type: 'dingtalk',
    name: '大渡口招商群（钉钉）',
    owner: { parkId: 'dadukou-ivd' },
    url: dingtalk.url,
    secret: dingtalk.secret,
  });
  expect([robot.status, signed.status]).toEqual([201, 201]);
  const park = await h.call(MANAGER, 'PUT', '/v1/parks/dadukou-ivd/notification-preferences', {
    rules: [{ event: 'new-lead', minTier: 'A', channels: [robot.body.id, signed.body.id] }],
  });
  expect(park.status).toBe(200);
  const mailbox = await h.call(ANALYST, 'POST', '/v1/channels', {
    type: 'email',
    name: '工作邮箱',
    to: 'dadukou@parkmatch.test',
  });
  expect(mailbox.status).toBe(201);
  const mine = await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
    rules: [{ event: 'new-lead', minTier: 'B', channels: ['inbox', mailbox.body.id] }],
  });
  expect(mine.status).toBe(200);
  return {
    robot: robot.body.id as string,
    signed: signed.body.id as string,
    mailbox: mailbox.body.id as string,
  };
}

/** Waits until the delivery queue has nothing left to run now (delayed jobs aside). */
async function drained() {
  await expect
    .poll(
      async () => {
        const counts = await h.delivery.queue.getJobCounts('waiting', 'active', 'prioritized');
        return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);
      },
      { timeout: 15_000 },
    )
    .toBe(0);
}

async function deliveriesOf(notificationId: string): Promise<DeliveryDoc[]> {
  const notification = await h.notifications.get(notificationId);
  return notification ? h.deliveries.forNotification(notification) : [];
}

describe('delivery', () => {
  it('gets a new A lead to the group robots, the mailbox and the inbox, once each even when the event comes again', async () => {
    await subscribe();
    const event = scoredEvent('lead-a1', 'A');
    await h.scored([event]);
    await expect.poll(() => wecom.texts.length).toBe(1);
    await expect.poll(() => dingtalk.texts.length).toBe(1);
    await expect.poll(() => smtp.mails.length).toBe(1);
    expect(wecom.texts[0]).toContain('新线索（A级）：集庆生物-lead-a1');
    expect(dingtalk.refused).toEqual([]); // every request carried a good signature
    expect(smtp.mails[0]?.subject).toBe('新线索（A级）：集庆生物-lead-a1');

    await h.scored([event]); // redelivered by the bus
    await h.scored([scoredEvent('lead-a1', 'A', { revision: event.payload.profileRevision })]); // re-published under a new event id
    await drained();
    expect([wecom.texts.length, dingtalk.texts.length, smtp.mails.length]).toEqual([1, 1, 1]);

    const inbox = await h.call(ANALYST, 'GET', '/v1/inbox');
    expect(inbox.body.items.map((i: { leadId: string }) => i.leadId)).toEqual(['lead-a1']);
    const [notification] = (await h.call(ANALYST, 'GET', '/v1/notifications')).body.items;
    const log = await h.call(ANALYST, 'GET', `/v1/notifications/${notification.id}`);
    expect(log.status).toBe(200);
    expect(
      log.body.deliveries.map((d: DeliveryDoc) => [d.channelType, d.status, d.attempts.length]).sort(),
    ).toEqual([
      ['dingtalk', 'delivered', 1],
      ['email', 'delivered', 1],
      ['inbox', 'delivered', 1],
      ['wecom', 'delivered', 1],
    ]);
  });

  it('sends a B lead to the analyst only (the robots want A), and nothing for a tier-D lead', async () => {
    await subscribe();
    await h.scored([scoredEvent('lead-b1', 'B'), scoredEvent('lead-d1', 'D')]);
    await expect.poll(() => smtp.mails.length).toBe(1);
    await drained();
    expect(wecom.texts).toEqual([]);
    expect(smtp.mails[0]?.subject).toContain('lead-b1');
  });

  it('retries a robot that fails three times, and it gets the message once', async () => {
    await subscribe();
    wecom.failNext(3);
    const event = scoredEvent('lead-a2', 'A');
    await h.scored([event]);
    await expect.poll(() => wecom.texts.length).toBe(1);
    await drained();
    expect(wecom.texts).toHaveLength(1);
    const log = await deliveriesOf((await h.notifications.list(ADMIN, { limit: 1 }))[0]!._id);
    const robot = log.find((d) => d.channelType === 'wecom')!;
    expect(robot.status).toBe('delivered');
    expect(robot.attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
    expect(robot.attempts[0]?.error).toContain('45009');
  });

  it('dead-letters a robot that keeps failing, with the reason, and an admin replays it', async () => {
    await subscribe();
    dingtalk.failNext(1_000);
    await h.scored([scoredEvent('lead-a3', 'A')]);
    await expect.poll(async () => (await h.call(ADMIN, 'GET', '/v1/dead-letters')).body.items.length).toBe(1);
    const [dead] = (await h.call(ADMIN, 'GET', '/v1/dead-letters')).body.items;
    expect(dead.channelType).toBe('dingtalk');
    expect(dead.attempts).toHaveLength(4);
    expect(dead.lastError).toContain('130101');
    expect(wecom.texts).toHaveLength(1); // nothing else was held up

    expect((await h.call(ANALYST, 'GET', '/v1/dead-letters')).status).toBe(403);
    expect((await h.call(ANALYST, 'POST', `/v1/dead-letters/${dead.id}/replay`)).status).toBe(403);
    dingtalk.failNext(0);
    const replay = await h.call(ADMIN, 'POST', `/v1/dead-letters/${dead.id}/replay`);
    expect(replay.status).toBe(202);
    await expect.poll(() => dingtalk.texts.length).toBe(1);
    await expect.poll(async () => (await h.deliveries.get(dead.id))?.status).toBe('delivered');
    expect((await h.deliveries.get(dead.id))?.replays).toBe(1);
    expect((await h.call(ADMIN, 'POST', `/v1/dead-letters/${dead.id}/replay`)).status).toBe(409);
  });

  it('dead-letters at once what the receiver refuses for good (a webhook whose signature does not verify)', async () => {
    const hook = await startWebhookReceiver();
    try {
      const channel = await h.call(ADMIN, 'POST', '/v1/channels', {
        type: 'webhook',
        name: 'CRM',
        owner: { parkId: 'dadukou-ivd' },
        url: hook.url,
        secret: 'whsec_c29tZS1vdGhlci1rZXktdGhhdC1kb2VzLW5vdC1tYXRjaA==',
      });
      await h.call(MANAGER, 'PUT', '/v1/parks/dadukou-ivd/notification-preferences', {
        rules: [{ event: 'new-lead', channels: [channel.body.id] }],
      });
      await h.scored([scoredEvent('lead-a4', 'A')]);
      await expect.poll(async () => (await h.deliveries.deadLetters(ADMIN, { limit: 10 })).length).toBe(1);
      const [dead] = await h.deliveries.deadLetters(ADMIN, { limit: 10 });
      expect(dead?.attempts).toHaveLength(1);
      expect(dead?.lastError).toContain('401');
      expect(hook.refused).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('holds each robot to 20 messages a minute; the 21st waits without spending an attempt', async () => {
    const { robot, signed } = await subscribe();
    await h.scored(Array.from({ length: 21 }, (_, i) => scoredEvent(`lead-r${i}`, 'A')));
    // 84 deliveries: more than the poll's default second on a busy machine.
    const busy = { timeout: 15_000 };
    await expect.poll(() => wecom.texts.length, busy).toBe(20);
    await expect.poll(() => dingtalk.texts.length, busy).toBe(20);
    await expect.poll(() => smtp.mails.length, busy).toBe(21); // email has no such limit
    await drained();
    expect((await h.delivery.queue.getDelayed()).length).toBe(2); // one per robot
    expect([wecom.texts.length, dingtalk.texts.length]).toEqual([20, 20]);
    const held = (
      await Promise.all((await h.notifications.list(ADMIN, { limit: 50 })).map((n) => deliveriesOf(n._id)))
    )
      .flat()
      .filter((d) => d.status !== 'delivered');
    expect(held.map((d) => [d.channelId, d.status, d.attempts.length]).sort()).toEqual(
      [
        [robot, 'queued', 0],
        [signed, 'queued', 0],
      ].sort(),
    );
  });

  it('waits out the recipient’s quiet hours (Asia/Shanghai)', async () => {
    const { mailbox } = await subscribe();
    await h.call(ANALYST, 'PUT', '/v1/notification-preferences', {
      rules: [{ event: 'new-lead', channels: ['inbox', mailbox] }],
      quietHours: { start: '09:00', end: '12:00' },
    });
    h.setNow('2025-09-26T10:30:00+08:00');
    await h.scored([scoredEvent('lead-q1', 'A')]);
    await expect.poll(() => wecom.texts.length).toBe(1); // the park's robots keep no quiet hours
    const [n] = await h.notifications.list(ADMIN, { limit: 1 });
    const email = (await deliveriesOf(n!._id)).find((d) => d.channelType === 'email')!;
    expect(email.notBefore).toBe(new Date('2025-09-26T12:00:00+08:00').toISOString());
    expect((await h.delivery.queue.getJob(email._id))?.delay).toBe(90 * 60_000);
    expect(smtp.mails).toEqual([]);
  });

  it('marks a send before it is made; a run after one that died mid-send logs it as interrupted and sends again with the same webhook-id', async () => {
    const hook = await startWebhookReceiver();
    const adapters = createAdapters({ inbox: h.inbox, facts: h.facts, timeoutMs: 2_000 });
    try {
      const channel = await h.call(ADMIN, 'POST', '/v1/channels', {
        type: 'webhook',
        name: 'CRM',
        owner: { parkId: 'dadukou-ivd' },
        url: hook.url,
        secret: hook.secret,
      });
      const notification = fromLeadScored(scoredEvent('lead-x1', 'A'), h.now())!;
      const planned = {
        _id: 'd_crash_test',
        notificationId: notification._id,
        parkId: 'dadukou-ivd',
        channelId: channel.body.id as string,
        channelType: 'webhook' as const,
        recipient: 'park:dadukou-ivd',
        notBefore: null,
      };
      await h.notifications.add([{ ...notification, deliveries: [planned] }]);
      const deliver = createDeliverer({ ...h, adapters, now: () => new Date() });
      const marks: SendMark[] = [];
      const journal = (previous?: SendMark) => ({
        previous,
        mark: async (m: SendMark) => {
          marks.push(m);
        },
      });

      // A first run that fails the ordinary way: marked, then its outcome logged.
      hook.failNext(1);
      await expect(deliver(planned, 1, false, journal())).rejects.toThrow('503');
      expect(marks).toHaveLength(1);
      expect((await h.deliveries.get(planned._id))?.attempts).toHaveLength(1);

      // A second run marks (attempt 2) and its process dies once the receiver has the message:
      // the mark is all that is left of it. The run after finds it and tells the log so.
      const died = { n: 2, startedAt: new Date().toISOString() };
      expect(await deliver(planned, 2, false, journal(died))).toEqual({ kind: 'delivered' });
      const record = await h.deliveries.get(planned._id);
      expect(record?.status).toBe('delivered');
      expect(record?.attempts.map((a) => [a.n, a.ok])).toEqual([
        [1, false],
        [2, false],
        [2, true],
      ]);
      expect(record?.attempts[1]?.error).toContain('interrupted');
      expect(record?.attempts[1]?.error).toContain('webhook-id');
      // Every request carried the notification's id as webhook-id: one message for the receiver.
      expect(new Set(hook.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([notification._id]));
      // A mark whose outcome was logged is no interruption.
      expect(await deliver(planned, 3, false, journal(marks[0]))).toEqual({ kind: 'nothing-to-do' });
      expect((await h.deliveries.get(planned._id))?.attempts).toHaveLength(3);
      expect(interruptedNote('wecom')).toContain('may show the message twice');
    } finally {
      await closeAdapters(adapters);
      await hook.close();
    }
  });
});
