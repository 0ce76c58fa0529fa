import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { openPortal, PROFILE, type Visitor } from '../../test/portal.ts';
import { cleanSvg } from './charts.ts';

// The managers' pages on the fake services: the dashboard's charts (SVG drawn on the server,
// fit for the page's CSP) with their tables, the catalog editor's preview-then-publish, and
// the notification settings.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status).toBe(303);
}

describe('the dashboard', () => {
  it('draws each metric as an SVG chart with its table beneath, counting a signed lead', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    lead.stage = 'signed';
    lead.facts.signed = { agreedInvestmentCny: 150_000_000, signedOn: '2026-03-17' };
    fakes.targets.push({
      scope: { parkId: 'dadukou-ivd', name: { zh: '大渡口体外诊断产业集聚区', en: 'Dadukou IVD Cluster' } },
      year: 2026,
      targets: { firms: 300, signedInvestmentCny: 2e9 },
      baseline: { year: 2022, firms: 206 },
      window: { from: '2023-01-01', to: '2026-12-31', asOf: '2026-03-18T02:00:00.000Z' },
      progress: [
        {
          measure: 'firms',
          target: 300,
          baseline: 206,
          actual: 210,
          share: 0.7,
          pacePerMonth: 0.1,
          neededPerMonth: 9.0,
          projected: 211,
          onPace: false,
        },
        {
          measure: 'signedInvestmentCny',
          target: 2e9,
          baseline: 0,
          actual: 1.5e8,
          share: 0.075,
          pacePerMonth: 5e7,
          neededPerMonth: 1.9e8,
          projected: 6e8,
          onPace: false,
        },
      ],
      history: [],
      updatedBy: 'dadukou-manager',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const res = await manager.get('/team/dashboard?period=quarter&date=2026-03-18');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(fakes.calls).toContain('GET /v1/metrics/funnel?period=quarter&date=2026-03-18');
    expect(fakes.calls).toContain('GET /v1/targets?scope=dadukou-ivd');
    // Four metrics and the targets, each an inline SVG with a table.
    expect(html.match(/<svg[^>]* class="chart" role="img"/g)?.length).toBe(5);
    expect(html.match(/<table class="data">/g)?.length).toBeGreaterThanOrEqual(6);
    // Nothing the CSP would refuse: no inline style attribute or element, no script.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toContain('<style');
    expect(html.match(/<script/g)?.length).toBe(1); // the portal's own module script
    // The signed lead is counted: the key figure and the investment table.
    expect(html).toMatch(/<dt>签约项目<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/<dt>协议投资额<\/dt><dd>1.5 亿元<\/dd>/);
    expect(html).toContain('签约投资额');
    expect(html).toContain('每月还需');
    expect(html).toContain('落后');
    expect(html).toContain('href="/team/dashboard/csv/investment?period=quarter&amp;date=2026-03-18"');
    const csv = await manager.get('/team/dashboard/csv/investment?period=quarter&date=2026-03-18');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('getInvestment.csv');
  });

  it('lets city-wide staff pick a park or the city, and a park’s member only its own', async () => {
    const { fakes, visitor } = openPortal();
    const city = visitor();
    await signIn(city, 'city-manager');
    const html = await (await city.get('/team/dashboard?park=dadukou-ivd')).text();
    expect(html).toContain('<option value="">全市</option>');
    expect(fakes.calls).toContain('GET /v1/metrics/funnel?parkId=dadukou-ivd&period=month');
    await city.get('/team/dashboard');
    expect(fakes.calls).toContain('GET /v1/targets?scope=city');

    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    fakes.calls.length = 0;
    const own = await (await analyst.get('/team/dashboard?park=bio-city')).text();
    expect(own).not.toContain('name="park"');
    expect(fakes.calls).toContain('GET /v1/metrics/funnel?period=month');
    const bad = await (await analyst.get('/team/dashboard?date=2026-13-45x')).text();
    expect(bad).toContain('请选择有效日期');
  });

  it('turns ECharts’ SVG into markup the Content-Security-Policy accepts', () => {
    const svg =
      '<svg width="600" height="300" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300">' +
      '<text style="font-size:12px;font-family:&quot;Noto Sans&quot;;cursor:pointer;" fill="#333">签约&lt;x&gt;</text>' +
      '<style ><![CDATA[.zr0-cls-0:hover{cursor:pointer;}]]></style></svg>';
    const clean = cleanSvg(svg, '漏斗 "x"');
    expect(clean).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300" class="chart" role="img" aria-label="漏斗 &quot;x&quot;" focusable="false">' +
        '<text font-size="12px" font-family="\'Noto Sans\'" fill="#333">签约&lt;x&gt;</text></svg>',
    );
  });
});

describe('the catalog editor', () => {
  it('previews a draft (who moves up or down) before publishing it, then shows the re-rank', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    const { html, csrf } = await manager.form('/team/catalog');
    expect(html).toContain('value="ivd.mass-spec"');
    expect(html).toContain('name="rows" value="4"'); // two in force, two blank
    expect(html).not.toContain('发布此版本'); // publishing only after a preview

    const fields = {
      _csrf: csrf,
      rows: '4',
      'd.0.code': 'ivd.mass-spec',
      'd.0.kind': 'sub-sector',
      'd.0.weight': '0.9',
      'd.0.stages': ['growth', 'expansion'],
      'd.1.code': 'ivd.poct',
      'd.1.kind': 'sub-sector',
      'd.1.weight': '0.8',
      'd.1.remove': 'true',
      'd.2.code': 'ivd.molecular',
      'd.2.kind': 'sub-sector',
      'd.2.weight': '0.7',
      'd.3.code': '',
      'd.3.kind': 'sub-sector',
      'd.3.weight': '0.6',
    };
    const bad = await (await manager.post('/team/catalog/preview', { ...fields, 'd.2.weight': '7' })).text();
    expect(bad).toContain('权重应为 0 到 1 之间的数字');
    const unknown = await (
      await manager.post('/team/catalog/preview', { ...fields, 'd.2.code': 'tcm.granules' })
    ).text();
    expect(unknown).toMatch(/id="f-d-2-code-error">分类中没有此代码/);

    const preview = await (await manager.post('/team/catalog/preview', fields)).text();
    const sent = fakes.bodies.get('POST /v1/parks/dadukou-ivd/what-if') as {
      catalog: { directions: unknown[] };
    };
    expect(sent.catalog.directions).toEqual([
      {
        code: 'ivd.mass-spec',
        kind: 'sub-sector',
        weight: 0.9,
        stages: ['growth', 'expansion'],
        label: { zh: '临床质谱', en: 'Clinical mass spectrometry' },
      },
      { code: 'ivd.molecular', kind: 'sub-sector', weight: 0.7, stages: [] },
    ]);
    expect(preview).toContain('预览：发布后的变化');
    expect(preview).toContain('等级上升');
    expect(preview).toContain(PROFILE.firm.name);
    expect(preview).toContain('发布此版本');
    const draft = /name="draft" value="([^"]+)"/.exec(preview)?.[1]?.replaceAll('&quot;', '"') ?? '';
    const published = await manager.post('/team/catalog/publish', {
      _csrf: csrf,
      draft,
      note: '新增分子诊断',
    });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/team/catalog?park=dadukou-ivd&published=2#rerank');
    expect(fakes.catalog.version).toBe(2);
    const after = await (await manager.get('/team/catalog?park=dadukou-ivd&published=2')).text();
    expect(after).toContain('已发布新版本');
    expect(after).toMatch(/<progress id="rerank-progress" max="1" value="0">/);
    expect(after).toContain('<meta http-equiv="refresh" content="3">');
    fakes.rerankDone = 1;
    const done = await (await manager.get('/team/catalog')).text();
    expect(done).toContain('已完成');
    expect(done).not.toContain('http-equiv="refresh"');
  });

  it('is for managers only', async () => {
    const { visitor } = openPortal();
    const analyst = visitor();
    await signIn(analyst, 'dadukou');
    const res = await analyst.get('/team/catalog');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('承接方向目录只能由园区管理者或系统管理员修改');
    expect(await (await analyst.get('/team/inbox')).text()).not.toContain('href="/team/catalog"');
  });
});

describe('notification settings', () => {
  it('shows the rules in force and saves the ticked channels, tiers and quiet hours', async () => {
    const { fakes, visitor } = openPortal();
    const member = visitor();
    await signIn(member, 'dadukou');
    const { html, csrf } = await member.form('/team/settings');
    expect(html).toContain('当前为默认设置');
    expect(html).toMatch(/id="f-rule-new-lead-inbox" name="rule.new-lead" value="inbox" checked/);
    expect(html).toContain(
      '<label for="f-rule-new-lead-ch-mail" class="visually-hidden">新线索 · 我的邮箱</label>',
    );
    const refused = await member.post('/team/settings', {
      _csrf: csrf,
      'rule.daily-digest': 'inbox',
      'quiet.start': '22:00',
      'quiet.end': '08:00',
    });
    // The inbox is not offered for the digest, so it is dropped before it is sent.
    expect(refused.status).toBe(303);
    const saved = await member.post('/team/settings', {
      _csrf: csrf,
      'rule.new-lead': ['inbox', 'ch-mail'],
      'minTier.new-lead': 'A',
      'rule.appeal-due': 'inbox',
      'rule.daily-digest': 'ch-mail',
      'quiet.on': 'true',
      'quiet.start': '22:00',
      'quiet.end': '07:30',
    });
    expect(saved.headers.get('location')).toBe('/team/settings?saved=1');
    expect(fakes.bodies.get('PUT /v1/notification-preferences')).toEqual({
      rules: [
        { event: 'new-lead', channels: ['inbox', 'ch-mail'], minTier: 'A' },
        { event: 'appeal-due', channels: ['inbox'] },
        { event: 'daily-digest', channels: ['ch-mail'] },
      ],
      quietHours: { start: '22:00', end: '07:30' },
    });
    const after = await (await member.get('/team/settings?saved=1')).text();
    expect(after).toContain('设置已保存');
    expect(after).toContain('value="07:30"');
  });
});
