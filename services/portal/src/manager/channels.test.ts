import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, type Visitor } from '../../test/portal.ts';

// A park's notification channels: a group robot set up with its secret (never shown back),
// tested, given rules, removed; the delivery log; dead letters for admins.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
const SECRET = 'SEC-very-secret-0123';

describe('a park’s notification channels', () => {
  it('sets up a 钉钉 robot with its secret, never shows the secret again, and tests it', async () => {
    const { fakes, visitor } = openPortal();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const page = await (await manager.get('/team/channels')).text();
    expect(page).toContain('园区通知渠道');
    expect(page).toContain('尚未设置园区共用渠道');
    for (const label of ['类型', '名称', '机器人 Webhook 地址', '签名密钥'])
      expect(page).toMatch(new RegExp(`<label for="f-[a-z]+">${label}`));
    expect(page).toContain('type="password"');
    const csrf = csrfOf(page);

    const added = await manager.post('/team/channels/new?park=dadukou-ivd', {
      _csrf: csrf,
      type: 'dingtalk',
      name: '大渡口招商群',
      url: ROBOT,
      secret: SECRET,
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/team/channels?park=dadukou-ivd&done=added#rules');
    expect(fakes.bodies.get('POST /v1/channels')).toEqual({
      type: 'dingtalk',
      name: '大渡口招商群',
      owner: { parkId: 'dadukou-ivd' },
      url: ROBOT,
      secret: SECRET,
    });
    const listed = await (await manager.get('/team/channels?park=dadukou-ivd&done=added')).text();
    expect(listed).toContain('渠道已保存');
    expect(listed).toContain('大渡口招商群');
    expect(listed).toContain('钉钉群机器人');
    expect(listed).toContain('access_token=***');
    expect(listed).toContain('已保存（不显示）');
    expect(listed).not.toContain(SECRET);
    expect(listed).not.toContain('abc123');

    // A test that went through is shown at an address of its own: reloading it sends nothing.
    const sent = await manager.post('/team/channels/ch_1/test?park=dadukou-ivd', { _csrf: csrf });
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location') ?? '';
    expect(location).toBe('/team/channels?park=dadukou-ivd&tested=42#channels');
    const testsSent = fakes.calls.filter((call) => call.endsWith('/test')).length;
    const tested = await (await manager.get(location)).text();
    expect(tested).toContain('测试消息已发送 · 42 ms');
    expect(fakes.calls.filter((call) => call.endsWith('/test'))).toHaveLength(testsSent);
    fakes.testError = '钉钉答复：签名不匹配 (310000)';
    const failed = await (
      await manager.post('/team/channels/ch_1/test?park=dadukou-ivd', { _csrf: csrf })
    ).text();
    expect(failed).toContain('测试消息发送失败：钉钉答复：签名不匹配 (310000)');
    expect(failed).toContain('role="alert"');
  });

  it('shows the service’s field errors beside the fields, keeps what was typed but never the secret', async () => {
    const { fakes, visitor } = openPortal();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { csrf } = await manager.form('/team/channels');
    const refused = await manager.post('/team/channels/new', {
      _csrf: csrf,
      type: 'webhook',
      name: '内网系统',
      url: 'http://127.0.0.1:9000/hook',
      secret: '',
    });
    expect(refused.status).toBe(200);
    const html = await refused.text();
    expect(html).toMatch(/<details class="work-form" id="add-channel" open>/);
    expect(html).toContain('id="f-url-error">指向内网或本机地址，仅管理员可用');
    expect(html).toContain('id="f-secret-error">必填');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="http://127.0.0.1:9000/hook"');
    expect(html).toContain('请重新输入');
    expect(fakes.channels).toEqual([]);

    // Missing fields are said before anything is sent, in English too.
    const { csrf: csrfEn } = await manager.form('/team/channels?lang=en');
    const en = await (
      await manager.post('/team/channels/new', { _csrf: csrfEn, type: 'wecom', name: '', url: '' })
    ).text();
    expect(en).toContain('id="f-name-error">Fill this in');
  });

  it('saves the park’s rules for its robots, lists deliveries, and removes a robot', async () => {
    const { fakes, visitor } = openPortal();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { csrf } = await manager.form('/team/channels');
    await manager.post('/team/channels/new', {
      _csrf: csrf,
      type: 'wecom',
      name: '企业微信群',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1',
    });
    const page = await (await manager.get('/team/channels')).text();
    expect(page).toContain(
      '<label for="f-park-rule-new-lead-ch_1" class="visually-hidden">新线索 · 企业微信群',
    );
    const saved = await manager.post('/team/channels/rules?park=dadukou-ivd', {
      _csrf: csrf,
      'rule.new-lead': 'ch_1',
      'minTier.new-lead': 'B',
      'rule.stage-changed': ['ch_1', 'inbox'],
    });
    expect(saved.headers.get('location')).toBe('/team/channels?park=dadukou-ivd&done=rules#rules');
    expect(fakes.bodies.get('PUT /v1/parks/dadukou-ivd/notification-preferences')).toEqual({
      rules: [
        { event: 'new-lead', channels: ['ch_1'], minTier: 'B' },
        { event: 'stage-changed', channels: ['ch_1'] },
      ],
      quietHours: null,
    });

    fakes.notifications.push({
      notification: {
        id: 'n1',
        kind: 'new-lead',
        parkId: 'dadukou-ivd',
        leadId: null,
        tier: 'A',
        subject: { zh: '新线索（A级）：谱析', en: 'New lead (A): Puxi' },
        lines: { zh: ['契合「临床质谱」'], en: ['Fits mass spec'] },
        occurredAt: '2026-03-18T01:00:00.000Z',
        createdAt: '2026-03-18T01:00:00.000Z',
      },
      deliveries: [
        {
          id: 'd1',
          notificationId: 'n1',
          parkId: 'dadukou-ivd',
          channelId: 'ch_1',
          channelType: 'wecom',
          recipient: 'park:dadukou-ivd',
          status: 'dead',
          attempts: [{ n: 1, startedAt: '2026-03-18T01:00:01.000Z', ms: 30, ok: false, error: 'HTTP 500' }],
          queuedAt: '2026-03-18T01:00:00.000Z',
          notBefore: null,
          deliveredAt: null,
          lastError: 'HTTP 500',
          replays: 0,
          updatedAt: '2026-03-18T01:00:02.000Z',
        },
      ],
    });
    const withLog = await (await manager.get('/team/channels')).text();
    expect(withLog).toContain('新线索（A级）：谱析');
    const detail = await (await manager.get('/team/channels/notifications/n1?park=dadukou-ivd')).text();
    expect(detail).toContain('企业微信群机器人');
    expect(detail).toContain('HTTP 500');
    expect(detail).toContain('失败');

    const removed = await manager.post('/team/channels/ch_1/delete?park=dadukou-ivd', { _csrf: csrf });
    expect(removed.headers.get('location')).toBe('/team/channels?park=dadukou-ivd&done=removed#channels');
    expect(fakes.channels).toEqual([]);
  });

  it('shows an analyst the park’s robots without a way to change them; admins see dead letters', async () => {
    const { fakes, visitor } = openPortal();
    fakes.channels.push({
      id: 'ch_9',
      type: 'feishu',
      name: '飞书群',
      subscriber: 'park:dadukou-ivd',
      parkId: 'dadukou-ivd',
      target: 'https://open.feishu.cn/open-apis/bot/v2/hook/***',
      hasSecret: false,
      createdBy: 'dadukou-manager',
      createdAt: '2026-03-01T01:00:00.000Z',
    });
    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    const page = await (await analyst.get('/team/channels')).text();
    expect(page).toContain('飞书群');
    expect(page).toContain('园区共用渠道由园区管理者设置');
    expect(page).not.toContain('测试发送');
    expect(page).not.toContain('添加群机器人');
    expect(page).not.toContain('死信');

    fakes.deadLetters.push({
      id: 'dl1',
      notificationId: 'n1',
      parkId: 'dadukou-ivd',
      channelId: 'ch_9',
      channelType: 'feishu',
      recipient: 'park:dadukou-ivd',
      status: 'dead',
      attempts: [],
      queuedAt: '2026-03-18T01:00:00.000Z',
      notBefore: null,
      deliveredAt: null,
      lastError: 'timeout',
      replays: 0,
      updatedAt: '2026-03-18T01:00:02.000Z',
    });
    const admin = visitor();
    await signIn(admin, 'admin');
    const adminPage = await (await admin.get('/team/channels?park=dadukou-ivd')).text();
    expect(adminPage).toContain('死信');
    expect(adminPage).toContain('timeout');
    const replayed = await admin.post('/team/channels/dead-letters/dl1/replay?park=dadukou-ivd', {
      _csrf: csrfOf(adminPage),
    });
    expect(replayed.headers.get('location')).toBe(
      '/team/channels?park=dadukou-ivd&done=replayed#dead-letters',
    );
    expect(fakes.deadLetters).toEqual([]);
  });
});
