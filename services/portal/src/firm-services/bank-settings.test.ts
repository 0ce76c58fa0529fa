import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, type Visitor } from '../../test/portal.ts';

// A bank officer's notification settings on /bank/settings: only the event an officer can hear
// of (a need pushed to its bank), its own channels, saved with its token; the page is the
// bank's, not the team's — and an admin, who may open it too, keeps its team rules.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=bank1';
const SECRET = 'SEC-bank-officer-0001';

describe('a bank officer’s notification settings', () => {
  it('offers only the needs pushed to the bank, adds a channel and saves a rule for it', async () => {
    const { fakes, visitor } = openPortal();
    const officer = visitor();
    await signIn(officer, 'bank-officer');
    const page = await officer.get('/bank/settings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>通知设置</h1>');
    // The bank's bar, not the team's navigation.
    expect(html).toContain('<a href="/bank">推送给本行的融资需求</a>');
    expect(html).toContain('<a href="/bank/settings" aria-current="page">通知设置</a>');
    expect(html).not.toContain('href="/team/inbox"');
    // One event, with the default in force; no tiers to pick.
    expect([...html.matchAll(/name="rule\.([a-z-]+)"/g)].map((m) => m[1])).toEqual([
      'finance-pushed',
      'finance-pushed',
    ]);
    expect(html).toMatch(
      /id="f-rule-finance-pushed-inbox" name="rule.finance-pushed" value="inbox" checked>/,
    );
    expect(html).toContain('<th scope="row">融资需求推送至银行</th>');
    expect(html).not.toContain('name="minTier.');
    expect(html).toContain('当前为默认设置');
    expect(html).toContain(
      '<form method="post" action="/bank/settings/channels" novalidate data-kind-fields>',
    );
    const csrf = csrfOf(html);

    const added = await officer.post('/bank/settings/channels', {
      _csrf: csrf,
      type: 'dingtalk',
      name: '信贷部钉钉群',
      to: '',
      url: ROBOT,
      secret: SECRET,
    });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/bank/settings?done=added#rules');
    expect(fakes.bodies.get('POST /v1/channels')).toEqual({
      type: 'dingtalk',
      name: '信贷部钉钉群',
      owner: 'me',
      url: ROBOT,
      secret: SECRET,
    });
    const listed = await (await officer.get('/bank/settings?done=added')).text();
    expect(listed).toContain('渠道已保存');
    expect(listed).toContain('access_token=***');
    expect(listed).not.toContain(SECRET);
    expect(listed).toContain(
      '<label for="f-rule-finance-pushed-ch_1" class="visually-hidden">融资需求推送至银行 · 信贷部钉钉群</label>',
    );

    const saved = await officer.post('/bank/settings', {
      _csrf: csrf,
      'rule.finance-pushed': ['inbox', 'ch_1'],
      // Not offered on this page: dropped.
      'rule.new-lead': 'inbox',
      'quiet.on': 'true',
      'quiet.start': '21:00',
      'quiet.end': '08:30',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/bank/settings?saved=1');
    expect(fakes.bodies.get('PUT /v1/notification-preferences')).toEqual({
      rules: [{ event: 'finance-pushed', channels: ['inbox', 'ch_1'] }],
      quietHours: { start: '21:00', end: '08:30' },
    });
    const after = await (await officer.get('/bank/settings?saved=1')).text();
    expect(after).toContain('<div class="notice info" role="status">设置已保存。</div>');
    expect(after).toMatch(/id="f-rule-finance-pushed-ch_1" name="rule.finance-pushed" value="ch_1" checked>/);
    expect(after).toContain('value="21:00"');
    expect(after).not.toContain('当前为默认设置');

    const en = await (await officer.get('/bank/settings?lang=en')).text();
    expect(en).toContain('<h2 id="my-channels-title">My channels</h2>');
    expect(en).toContain('<th scope="row">Financing need pushed to a bank</th>');
    expect(en).toContain('<a href="/bank/settings" aria-current="page">Notifications</a>');
  });

  it('is not an analyst’s: the page and its forms send the analyst to the team’s inbox', async () => {
    const { fakes, visitor } = openPortal();
    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    const page = await analyst.get('/bank/settings');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/team/inbox');
    const { csrf } = await analyst.form('/team/settings');
    const saved = await analyst.post('/bank/settings', { _csrf: csrf, 'rule.finance-pushed': 'inbox' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/team/inbox');
    const added = await analyst.post('/bank/settings/channels', {
      _csrf: csrf,
      type: 'email',
      name: 'x',
      to: 'x@example.com',
    });
    expect(added.headers.get('location')).toBe('/team/inbox');
    expect(fakes.calls.filter((call) => /^(POST \/v1\/channels|PUT )/.test(call))).toEqual([]);
  });

  it('keeps an admin’s team rules, which the bank’s page does not show, when the admin saves there', async () => {
    const { fakes, visitor } = openPortal();
    const admin = visitor();
    await signIn(admin, 'admin');
    const { html, csrf } = await admin.form('/bank/settings');
    expect(html).not.toContain('name="rule.new-lead"');
    const saved = await admin.post('/bank/settings', { _csrf: csrf, 'rule.finance-pushed': 'inbox' });
    expect(saved.headers.get('location')).toBe('/bank/settings?saved=1');
    expect(fakes.bodies.get('PUT /v1/notification-preferences')).toEqual({
      rules: [
        { event: 'finance-pushed', channels: ['inbox'] },
        { event: 'new-lead', minTier: 'B', channels: ['inbox'] },
        { event: 'sla-due', channels: ['inbox'] },
      ],
      quietHours: null,
    });
  });
});
