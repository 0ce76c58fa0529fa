import {
  type RobotReceiver,
  startDingtalkReceiver,
  startWebhookReceiver,
  startWecomReceiver,
} from '@parkmatch/notifications/test/receivers.ts';
import { type SmtpReceiver, startSmtpReceiver } from '@parkmatch/notifications/test/smtp-receiver.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { massSpecProfile } from './fixtures.ts';

// Notifications that reach people, across the real processes (leads, matching, notifications
// on a real Redis): a WeCom-style robot, a DingTalk-style robot that checks its signature and
// a real SMTP server, all started here. A submitted profile reaches the park's robots and the
// analyst's mailbox; a robot that fails three times gets the message once; a notifications
// process killed while deliveries are being retried delivers each exactly once after restart.

interface Notification {
  id: string;
  leadId: string | null;
  kind: string;
}
interface Delivery {
  channelType: string;
  status: string;
  attempts: { ok: boolean; error: string | null }[];
}

describe('notifications reach people', () => {
  let system: TestSystem;
  let wecom: RobotReceiver;
  let dingtalk: RobotReceiver;
  let smtp: SmtpReceiver;
  let admin: string;
  let analyst: string;

  const notifications = () => system.urls.notifications;
  const put = (url: string, body: unknown, token: string) =>
    fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  /** The delivery log of the new-lead notification about `leadId` at Dadukou. */
  async function logOf(leadId: string): Promise<Delivery[]> {
    const page = await getJson<{ items: Notification[] }>(
      `${notifications()}/v1/notifications?parkId=dadukou-ivd&kind=new-lead`,
      admin,
    );
    const notification = page.body.items.find((n) => n.leadId === leadId);
    if (!notification) return [];
    return (
      await getJson<{ deliveries: Delivery[] }>(
        `${notifications()}/v1/notifications/${notification.id}`,
        admin,
      )
    ).body.deliveries;
  }

  beforeAll(async () => {
    [wecom, dingtalk, smtp] = await Promise.all([
      startWecomReceiver(),
      startDingtalkReceiver(),
      startSmtpReceiver(),
    ]);
    system = await new TestSystem(inject('redisUrl'), {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'parkmatch 招商通知 <noreply@parkmatch.test>',
    }).start(['leads', 'matching', 'notifications']);
    admin = await signIn(system.urls.leads, 'admin', 'admin');
    const created = await postJson(
      `${system.urls.leads}/v1/users`,
      { username: 'dadukou', password: 'demo1234', role: 'analyst', parkId: 'dadukou-ivd' },
      admin,
    );
    expect(created.status).toBe(201);
    analyst = await signIn(system.urls.leads, 'dadukou', 'demo1234');

    // The park's two group robots (an admin may point them at this machine), for new A leads.
    const robots = [];
    for (const robot of [
      { type: 'wecom', name: '大渡口招商群（企业微信）', url: wecom.url },
      { type: 'dingtalk', name: '大渡口招商群（钉钉）', url: dingtalk.url, secret: dingtalk.secret },
    ]) {
      const res = await postJson(
        `${notifications()}/v1/channels`,
        { ...robot, owner: { parkId: 'dadukou-ivd' } },
        admin,
      );
      expect(res.status).toBe(201);
      robots.push(((await res.json()) as { id: string }).id);
    }
    const park = await put(
      `${notifications()}/v1/parks/dadukou-ivd/notification-preferences`,
      { rules: [{ event: 'new-lead', minTier: 'A', channels: robots }] },
      admin,
    );
    expect(park.status).toBe(200);
    // The analyst's own mailbox, beside its inbox.
    const mailbox = await postJson(
      `${notifications()}/v1/channels`,
      { type: 'email', name: '工作邮箱', to: 'dadukou@parkmatch.test' },
      analyst,
    );
    expect(mailbox.status).toBe(201);
    const { id: mailboxId } = (await mailbox.json()) as { id: string };
    const mine = await put(
      `${notifications()}/v1/notification-preferences`,
      { rules: [{ event: 'new-lead', minTier: 'B', channels: ['inbox', mailboxId] }] },
      analyst,
    );
    expect(mine.status).toBe(200);
  });

  afterAll(async () => {
    await system?.stop();
    await Promise.all([wecom?.close(), dingtalk?.close(), smtp?.close()]);
  });

  it('gets a new A-tier lead to the group robots and the analyst’s mailbox; a robot failing three times gets it once', async () => {
    wecom.failNext(3);
    const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1NT01'));
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()) as { id: string };

    const firm = '谱析质谱仪器有限公司-MA1NT01';
    await expect
      .poll(() => dingtalk.texts.filter((t) => t.includes(firm)).length, { timeout: 20_000 })
      .toBe(1);
    await expect
      .poll(() => smtp.mails.filter((m) => m.subject.includes(firm)).length, { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => wecom.texts.filter((t) => t.includes(firm)).length, { timeout: 20_000 }).toBe(1);
    expect(dingtalk.refused).toEqual([]);
    const [mail] = smtp.mails.filter((m) => m.subject.includes(firm));
    expect(mail?.subject).toBe(`新线索（A级）：${firm}`);
    expect(mail?.to).toEqual(['dadukou@parkmatch.test']);
    // It links to the lead's page on the portal, at the park it was rated for.
    expect(mail?.text).toContain(`详情：${system.urls.portal}/team/leads/${id}?park=dadukou-ivd`);

    const log = await logOf(id);
    const robot = log.find((d) => d.channelType === 'wecom');
    expect(robot?.attempts.map((a) => a.ok)).toEqual([false, false, false, true]);
    expect(log.map((d) => [d.channelType, d.status]).sort()).toEqual([
      ['dingtalk', 'delivered'],
      ['email', 'delivered'],
      ['inbox', 'delivered'],
      ['wecom', 'delivered'],
    ]);
    const inbox = await getJson<{ items: { leadId: string }[] }>(`${notifications()}/v1/inbox`, analyst);
    expect(inbox.body.items.map((i) => i.leadId)).toContain(id);
  });

  // Durable retries: what waits for a retry when the process dies is sent once after the
  // restart. (A send in flight at the very instant of the crash is taken up again once its
  // lock expires, about 25 s, and may reach its receiver twice: at least once, with the
  // notification's id in `webhook-id` / `X-Parkmatch-Notification` for receivers to dedupe —
  // the last test below.)
  it('delivers each message exactly once per channel after the process is killed while retrying', async () => {
    wecom.failNext(1_000); // the robot is down
    const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1NT02'));
    const { id } = (await submitted.json()) as { id: string };
    // Killed once the other channels have their message and the robot's delivery waits for a retry.
    const settled = async () =>
      (await logOf(id))
        .map((d) => `${d.channelType}:${d.status}`)
        .sort()
        .join(' ');
    await expect
      .poll(settled, { timeout: 20_000 })
      .toBe('dingtalk:delivered email:delivered inbox:delivered wecom:retrying');
    await system.kill('notifications'); // SIGKILL, mid-retry
    wecom.failNext(0); // the robot is back
    await system.startService('notifications', { SMTP_URL: smtp.url });

    const firm = '谱析质谱仪器有限公司-MA1NT02';
    await expect
      .poll(
        async () =>
          (await logOf(id)).every((d) => d.status === 'delivered') && (await logOf(id)).length === 4,
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(wecom.texts.filter((t) => t.includes(firm))).toHaveLength(1);
    const robot = (await logOf(id)).find((d) => d.channelType === 'wecom');
    expect(robot?.attempts[0]?.ok).toBe(false); // failed before the crash…
    expect(robot?.attempts.at(-1)?.ok).toBe(true); // …delivered by the restarted process
    expect(dingtalk.texts.filter((t) => t.includes(firm))).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.subject.includes(firm))).toHaveLength(1);
  }, 120_000);

  // The window that stays at least once: the receiver has the message, the process dies before
  // it hears back. The send was marked on its job before the call, so the run after the restart
  // knows: it logs that attempt as interrupted and sends again with the same `webhook-id`, on
  // which a Standard Webhooks receiver drops the duplicate.
  it('sends again, with the same webhook-id, a message whose process was killed mid-send, and logs it as interrupted', async () => {
    const hook = await startWebhookReceiver();
    try {
      const channel = await postJson(
        `${notifications()}/v1/channels`,
        {
          type: 'webhook',
          name: '招商CRM',
          owner: { parkId: 'dadukou-ivd' },
          url: hook.url,
          secret: hook.secret,
        },
        admin,
      );
      expect(channel.status).toBe(201);
      const { id: channelId } = (await channel.json()) as { id: string };
      const rules = await put(
        `${notifications()}/v1/parks/dadukou-ivd/notification-preferences`,
        { rules: [{ event: 'new-lead', minTier: 'A', channels: [channelId] }] },
        admin,
      );
      expect(rules.status).toBe(200);

      hook.hangNext(1); // takes the message and does not answer…
      const submitted = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1NT03'));
      const { id } = (await submitted.json()) as { id: string };
      const firm = '谱析质谱仪器有限公司-MA1NT03';
      const received = () => hook.requests.filter((r) => r.body.includes(firm));
      await expect.poll(() => received().length, { timeout: 20_000 }).toBe(1);
      await system.kill('notifications'); // …and the sender dies before it hears back (SIGKILL)
      await system.startService('notifications', { SMTP_URL: smtp.url });

      // Taken up again once the dead worker's lock expires (about 25 s).
      const webhook = async () => (await logOf(id)).find((d) => d.channelType === 'webhook');
      await expect
        .poll(async () => (await webhook())?.status, { timeout: 60_000, interval: 500 })
        .toBe('delivered');
      expect(received()).toHaveLength(2);
      expect(new Set(received().map((r) => r.headers['webhook-id'])).size).toBe(1); // one message to dedupe on
      expect(hook.texts.filter((t) => t.includes(firm))).toHaveLength(1); // signature verified on the resend
      const attempts = (await webhook())?.attempts ?? [];
      expect(attempts.map((a) => a.ok)).toEqual([false, true]);
      expect(attempts[0]?.error).toContain('interrupted');
    } finally {
      await hook.close();
    }
  }, 120_000);
});
