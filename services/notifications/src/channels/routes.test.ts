import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  ADMIN,
  ANALYST,
  AUTH_SECRET,
  type Harness,
  MANAGER,
  OTHER_ANALYST,
  openHarness,
} from '../../test/harness.ts';
import { type RobotReceiver, startDingtalkReceiver, startFeishuReceiver } from '../../test/receivers.ts';

// Channel set-up over HTTP: who may set up what, which URLs are refused, secrets sealed at
// rest and never shown, and the "send test message" action against a real receiver.

let h: Harness;
let robot: RobotReceiver;
beforeEach(async () => {
  robot = await startDingtalkReceiver();
  h = await openHarness({ redisUrl: inject('redisUrl') });
});
afterEach(async () => {
  await h.close();
  await robot.close();
});

const dingtalk = (url: string, secret: string) => ({
  type: 'dingtalk',
  name: '大渡口招商群',
  owner: { parkId: 'dadukou-ivd' },
  url,
  secret,
});

describe('channels', () => {
  it('refuses URLs that are not http(s), and private or loopback ones for non-admins', async () => {
    const ftp = await h.call(
      MANAGER,
      'POST',
      '/v1/channels',
      dingtalk('ftp://example.cn/hook', 'SECabcdefgh'),
    );
    expect(ftp.status).toBe(400);
    expect(ftp.body.errors[0].path).toBe('url');
    const loopback = await h.call(MANAGER, 'POST', '/v1/channels', dingtalk(robot.url, robot.secret));
    expect(loopback.status).toBe(400);
    expect(loopback.body.errors[0]).toMatchObject({ path: 'url' });
    expect(loopback.body.errors[0].messageEn).toContain('127.0.0.1');
    const metadata = await h.call(
      MANAGER,
      'POST',
      '/v1/channels',
      dingtalk('http://169.254.169.254/latest', 'SECabcdefgh'),
    );
    expect(metadata.status).toBe(400);
    expect((await h.call(ADMIN, 'POST', '/v1/channels', dingtalk(robot.url, robot.secret))).status).toBe(201);
  });

  it('lets only a park’s managers and admins set up its shared channels', async () => {
    const byAnalyst = await h.call(
      ANALYST,
      'POST',
      '/v1/channels',
      dingtalk('https://oapi.dingtalk.com/robot/send?access_token=x', 'SECabcdefgh'),
    );
    expect(byAnalyst.status).toBe(403);
    const elsewhere = await h.call(MANAGER, 'POST', '/v1/channels', {
      ...dingtalk('https://oapi.dingtalk.com/robot/send?access_token=x', 'SECabcdefgh'),
      owner: { parkId: 'changshou' },
    });
    expect(elsewhere.status).toBe(403);
    const unknown = await h.call(ADMIN, 'POST', '/v1/channels', {
      ...dingtalk('https://oapi.dingtalk.com/robot/send?access_token=x', 'SECabcdefgh'),
      owner: { parkId: 'atlantis' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('owner.parkId');
  });

  it('seals secrets and the URL’s key at rest and never shows them', async () => {
    const created = await h.call(ADMIN, 'POST', '/v1/channels', dingtalk(robot.url, robot.secret));
    expect(created.status).toBe(201);
    const shown = JSON.stringify([created.body, (await h.call(MANAGER, 'GET', '/v1/channels')).body]);
    expect(shown).not.toContain(robot.secret);
    expect(shown).not.toContain('dingtalk-test-token');
    expect(created.body).toMatchObject({
      hasSecret: true,
      subscriber: 'park:dadukou-ivd',
      target: expect.stringContaining('access_token=***'),
    });
    const stored = JSON.stringify(await h.store.collection('channels').find({}));
    expect(stored).not.toContain(robot.secret);
    expect(stored).not.toContain('dingtalk-test-token');
    expect(AUTH_SECRET).toBeTruthy();
  });

  it('sends a test message now and says how it went, with the receiver’s reason when refused', async () => {
    const good = await h.call(ADMIN, 'POST', '/v1/channels', dingtalk(robot.url, robot.secret));
    const ok = await h.call(MANAGER, 'POST', `/v1/channels/${good.body.id}/test`);
    expect(ok).toMatchObject({ status: 200, body: { ok: true, error: null } });
    expect(robot.texts[0]).toContain('测试消息');
    const wrong = await h.call(ADMIN, 'POST', '/v1/channels', dingtalk(robot.url, 'SECnot-the-secret'));
    const refused = await h.call(MANAGER, 'POST', `/v1/channels/${wrong.body.id}/test`);
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error).toContain('310000');
    expect((await h.call(ANALYST, 'POST', `/v1/channels/${good.body.id}/test`)).status).toBe(403);
    expect((await h.call(OTHER_ANALYST, 'POST', `/v1/channels/${good.body.id}/test`)).status).toBe(404);
  });

  it('tests a Feishu bot the same way (signature in the body)', async () => {
    const feishu = await startFeishuReceiver();
    try {
      const created = await h.call(ADMIN, 'POST', '/v1/channels', {
        type: 'feishu',
        name: '飞书群',
        owner: 'me',
        url: feishu.url,
        secret: feishu.secret,
      });
      expect((await h.call(ADMIN, 'POST', `/v1/channels/${created.body.id}/test`)).body.ok).toBe(true);
      expect(feishu.texts[0]).toContain('测试消息');
    } finally {
      await feishu.close();
    }
  });

  it('refuses an email channel when SMTP is not configured', async () => {
    const res = await h.call(ANALYST, 'POST', '/v1/channels', {
      type: 'email',
      name: '邮箱',
      to: 'a@parkmatch.test',
    });
    expect(res.status).toBe(422);
    // Beside the kind, what to do instead: the portal shows it next to its 类型 field.
    expect(res.body.errors).toEqual([
      {
        path: 'type',
        message: '本系统尚未配置邮件发送：请联系管理员，或改用群机器人、Webhook',
        messageEn: 'email is not set up here: ask an admin, or pick a robot or webhook',
      },
    ]);
    const bad = await h.call(ANALYST, 'POST', '/v1/channels', {
      type: 'email',
      name: '邮箱',
      to: 'not-an-address',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('to');
  });

  it('removes a channel and takes it out of the rules that named it', async () => {
    const created = await h.call(ADMIN, 'POST', '/v1/channels', dingtalk(robot.url, robot.secret));
    const path = '/v1/parks/dadukou-ivd/notification-preferences';
    await h.call(MANAGER, 'PUT', path, {
      rules: [
        { event: 'new-lead', channels: [created.body.id] },
        { event: 'sla-overdue', channels: [created.body.id] },
      ],
    });
    expect((await h.call(ANALYST, 'DELETE', `/v1/channels/${created.body.id}`)).status).toBe(403);
    expect((await h.call(MANAGER, 'DELETE', `/v1/channels/${created.body.id}`)).status).toBe(204);
    expect((await h.call(MANAGER, 'GET', path)).body.rules).toEqual([]);
    expect((await h.call(MANAGER, 'GET', `/v1/channels/${created.body.id}`)).status).toBe(404);
  });
});
