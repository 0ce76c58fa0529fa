import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, type Visitor } from '../../test/portal.ts';

// A member's own channels on /team/settings: an email address and a personal webhook set up
// (the secret never shown back), ticked in the rules, tested, removed; the service's field
// errors beside the fields; what is missing said before the service is asked.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

const HOOK = 'https://oa.example.com/hooks/parkmatch?token=t0ken42';
const SECRET = 'whsec-my-own-0123456789';

describe('a member’s own channels', () => {
  it('adds an email address and a webhook with its secret, ticks them in the rules, tests and removes one', async () => {
    const { fakes, visitor } = openPortal();
    const member = visitor();
    await signIn(member, 'dadukou');
    const { html: empty, csrf } = await member.form('/team/settings');
    expect(empty).toContain('<h2 id="my-channels-title">我的推送渠道</h2>');
    for (const label of ['类型', '名称', '电子邮件地址', '机器人或 Webhook 地址', '签名密钥'])
      expect(empty).toMatch(new RegExp(`<label for="f-[a-z]+">${label}`));
    expect(empty).toContain('<option value="email" selected>电子邮件</option>');
    expect(empty).toContain('<option value="webhook">通用 Webhook（签名）</option>');
    expect(empty).toContain('<input id="f-secret" name="secret" type="password" value=""');
    expect(empty).toContain(
      '<form method="post" action="/team/settings/channels" novalidate data-kind-fields>',
    );
    // Which kinds each address field is for (portal.js shows only the chosen kind's).
    expect(empty).toMatch(/<input id="f-to" name="to" [^>]* data-kinds="email">/);
    expect(empty).toMatch(/<input id="f-url" name="url" [^>]* data-kinds="wecom dingtalk feishu webhook">/);
    expect(empty).toMatch(/<input id="f-secret" name="secret" [^>]* data-kinds="dingtalk feishu webhook">/);

    const email = await member.post('/team/settings/channels', {
      _csrf: csrf,
      type: 'email',
      name: '工作邮箱',
      to: ' wang.li@example.com ',
      url: '',
      secret: '',
    });
    expect(email.status).toBe(303);
    expect(email.headers.get('location')).toBe('/team/settings?done=added#rules');
    expect(fakes.bodies.get('POST /v1/channels')).toEqual({
      type: 'email',
      name: '工作邮箱',
      owner: 'me',
      to: 'wang.li@example.com',
    });
    const hook = await member.post('/team/settings/channels', {
      _csrf: csrf,
      type: 'webhook',
      name: '我的 OA',
      to: '',
      url: HOOK,
      secret: SECRET,
    });
    expect(hook.headers.get('location')).toBe('/team/settings?done=added#rules');
    expect(fakes.bodies.get('POST /v1/channels')).toEqual({
      type: 'webhook',
      name: '我的 OA',
      owner: 'me',
      url: HOOK,
      secret: SECRET,
    });

    const listed = await (await member.get('/team/settings?done=added')).text();
    expect(listed).toContain('渠道已保存。请在下方规则中选择要推送的事件。');
    expect(listed).toMatch(
      /<th scope="row">工作邮箱<\/th>\s*<td>电子邮件<\/td>\s*<td class="mono">w\*\*\*@example.com<\/td>\s*<td>无<\/td>/,
    );
    expect(listed).toMatch(
      /<th scope="row">我的 OA<\/th>\s*<td>通用 Webhook（签名）<\/td>\s*<td class="mono">https:\/\/oa.example.com\/hooks\/parkmatch\?token=\*\*\*<\/td>\s*<td>已保存（不显示）<\/td>/,
    );
    expect(listed).not.toContain(SECRET);
    expect(listed).not.toContain('t0ken42');
    // Each is now a column of the rules.
    expect(listed).toContain(
      '<label for="f-rule-new-lead-ch_1" class="visually-hidden">新线索 · 工作邮箱</label>',
    );
    expect(listed).toContain(
      '<label for="f-rule-daily-digest-ch_2" class="visually-hidden">每日摘要 · 我的 OA</label>',
    );
    expect(listed).toContain('action="/team/settings/channels/ch_2/test"');
    expect(listed).toContain('action="/team/settings/channels/ch_2/delete"');

    const saved = await member.post('/team/settings', {
      _csrf: csrf,
      'rule.new-lead': ['inbox', 'ch_2'],
      'minTier.new-lead': 'A',
      'rule.daily-digest': 'ch_1',
      'quiet.start': '22:00',
      'quiet.end': '08:00',
    });
    expect(saved.headers.get('location')).toBe('/team/settings?saved=1');
    expect(fakes.bodies.get('PUT /v1/notification-preferences')).toEqual({
      rules: [
        { event: 'new-lead', channels: ['inbox', 'ch_2'], minTier: 'A' },
        { event: 'daily-digest', channels: ['ch_1'] },
      ],
      quietHours: null,
    });
    const after = await (await member.get('/team/settings?saved=1')).text();
    expect(after).toMatch(/id="f-rule-new-lead-ch_2" name="rule.new-lead" value="ch_2" checked>/);
    expect(after).toMatch(/id="f-rule-daily-digest-ch_1" name="rule.daily-digest" value="ch_1" checked>/);

    const sent = await member.post('/team/settings/channels/ch_2/test', { _csrf: csrf });
    expect(fakes.calls).toContain('POST /v1/channels/ch_2/test');
    // Shown at an address of its own (Post/Redirect/Get): reloading it sends no second test.
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/team/settings?tested=42#my-channels');
    const tested = await (await member.get('/team/settings?tested=42')).text();
    expect(tested).toContain('测试消息已发送 · 42 ms');
    expect(fakes.calls.filter((call) => call === 'POST /v1/channels/ch_2/test')).toHaveLength(1);
    fakes.testError = 'HTTP 401 from oa.example.com';
    const failed = await (await member.post('/team/settings/channels/ch_2/test', { _csrf: csrf })).text();
    expect(failed).toContain(
      '<div class="notice warning" role="alert">测试消息发送失败：HTTP 401 from oa.example.com</div>',
    );

    const removed = await member.post('/team/settings/channels/ch_1/delete', { _csrf: csrf });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/team/settings?done=removed#my-channels');
    expect(fakes.calls).toContain('DELETE /v1/channels/ch_1');
    expect(fakes.channels.map((ch) => ch.id)).toEqual(['ch_2']);
    const gone = await (await member.get('/team/settings?done=removed')).text();
    expect(gone).toContain('渠道已删除。');
    expect(gone).not.toContain('<th scope="row">工作邮箱</th>');
    expect(gone).toContain('<th scope="row">我的 OA</th>');
  });

  it('shows the service’s field errors beside the field, keeps what was typed but never the secret', async () => {
    const { fakes, visitor } = openPortal();
    const member = visitor();
    await signIn(member, 'dadukou');
    const { csrf } = await member.form('/team/settings');
    const badEmail = await member.post('/team/settings/channels', {
      _csrf: csrf,
      type: 'email',
      name: '工作邮箱',
      to: 'wang.li',
    });
    expect(badEmail.status).toBe(200);
    const html = await badEmail.text();
    expect(html).toContain('<details class="work-form" id="add-channel" open>');
    expect(html).toContain('<a href="#f-to">须为有效的电子邮件地址</a>');
    expect(html).toContain('<p class="error" id="f-to-error">须为有效的电子邮件地址</p>');
    expect(html).toMatch(/id="f-to" name="to" type="email" value="wang.li"[^>]* aria-invalid="true"/);

    const badHook = await (
      await member.post('/team/settings/channels', {
        _csrf: csrf,
        type: 'webhook',
        name: '内网',
        url: 'http://10.0.0.5/hook',
        secret: SECRET,
      })
    ).text();
    expect(badHook).toContain('<p class="error" id="f-url-error">指向内网或本机地址，仅管理员可用</p>');
    expect(badHook).toContain('value="http://10.0.0.5/hook"');
    expect(badHook).toContain('请重新输入');
    expect(badHook).not.toContain(SECRET);
    expect(fakes.channels).toEqual([]);

    // English, the service's messageEn.
    const { csrf: csrfEn } = await member.form('/team/settings?lang=en');
    const en = await (
      await member.post('/team/settings/channels', { _csrf: csrfEn, type: 'email', name: 'Work', to: 'x' })
    ).text();
    expect(en).toContain('<p class="error" id="f-to-error">must be an email address</p>');
  });

  it('refuses a missing field before asking the service', async () => {
    const { fakes, visitor } = openPortal();
    const member = visitor();
    await signIn(member, 'dadukou');
    const { csrf } = await member.form('/team/settings');
    const posted = () => fakes.calls.filter((call) => call === 'POST /v1/channels').length;
    const email = await (
      await member.post('/team/settings/channels', {
        _csrf: csrf,
        type: 'email',
        name: '工作邮箱',
        to: ' ',
        url: 'https://oa.example.com/hook',
      })
    ).text();
    expect(email).toContain('<p class="error" id="f-to-error">请填写此项</p>');
    expect(email).toContain('<p class="error" id="f-url-error" hidden></p>');
    const hook = await (
      await member.post('/team/settings/channels', { _csrf: csrf, type: 'webhook', name: '', url: '' })
    ).text();
    expect(hook).toContain('<p class="error" id="f-name-error">请填写此项</p>');
    expect(hook).toContain('<p class="error" id="f-url-error">请填写此项</p>');
    expect(hook).toContain('<option value="webhook" selected>');
    expect(posted()).toBe(0);
  });

  it('is not a bank officer’s: its page and forms send the officer to the bank', async () => {
    const { fakes, visitor } = openPortal();
    const officer = visitor();
    await signIn(officer, 'bank-officer');
    const page = await officer.get('/team/settings');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/bank');
    const csrf = csrfOf(await (await officer.get('/bank/settings')).text());
    const posted = await officer.post('/team/settings/channels', {
      _csrf: csrf,
      type: 'email',
      name: 'x',
      to: 'x@example.com',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/bank');
    const saved = await officer.post('/team/settings', { _csrf: csrf, 'rule.new-lead': 'inbox' });
    expect(saved.headers.get('location')).toBe('/bank');
    expect(fakes.calls.filter((call) => /^(POST \/v1\/channels|PUT )/.test(call))).toEqual([]);
  });
});
