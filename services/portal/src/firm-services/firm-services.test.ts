import { createLogger, createMetrics } from '@parkmatch/service-kit';
import { describe, expect, it } from 'vitest';
import { FakeFirmServices } from '../../test/fake-firm-services.ts';
import { FakeServices, tokens } from '../../test/fake-services.ts';
import { ORIGIN, Visitor } from '../../test/portal.ts';
import type { Fetch } from '../api/http.ts';
import { createApi } from '../api/index.ts';
import { createPortalApp } from '../app.ts';

// The firm-services pages on fake services: a firm (its private link, no account) registers a
// financing need, sees the matches and pushes it to two banks; a bank officer answers; the park
// approves vouchers; the firm orders a service paid partly by voucher; the operator completes it.

const LEAD = '00000000-0000-4000-8000-0000000000aa';
const XSS = '<script>alert(1)</script>';

function openPortal({
  figures,
  matches,
}: {
  figures?: unknown;
  /** What firm-services says besides the fake's matches (the gates to confirm, missing facts). */
  matches?: (list: { items: Record<string, unknown>[] }) => unknown;
} = {}) {
  const fakes = new FakeServices();
  const fs = new FakeFirmServices();
  const asked: string[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.host === 'firm-services.test' && matches && url.pathname.endsWith('/matches')) {
      const res = await fs.fetch(input, init);
      return res.ok
        ? Response.json(matches((await res.json()) as { items: Record<string, unknown>[] }))
        : res;
    }
    if (url.host === 'firm-services.test') return fs.fetch(input, init);
    if (url.pathname === '/v1/metrics/financing') {
      asked.push(url.search);
      return figures ? Response.json(figures) : new Response('{}', { status: 404 });
    }
    return fakes.fetch(input, init);
  };
  const app = createPortalApp({
    api: createApi({
      upstream: {
        leads: 'http://leads.test',
        matching: 'http://matching.test',
        notifications: 'http://notifications.test',
        insights: 'http://insights.test',
        firmServices: 'http://firm-services.test',
      },
      timeoutMs: 2_000,
      fetch,
    }),
    logger: createLogger('portal', 'silent'),
    metrics: createMetrics('portal'),
    sessionSecret: 'portal-unit-test-session-secret-0123456789',
    sessionIdleMs: 60 * 60_000,
    now: () => fakes.now().getTime(),
  });
  fs.addFirm({ leadId: LEAD, name: `谱析质谱${XSS}`, parkId: 'dadukou-ivd' });
  return { app, fs, asked, visitor: () => new Visitor(app) };
}

async function firmVisitor(visitor: () => Visitor): Promise<Visitor> {
  const firm = visitor();
  const token = await tokens.sign({ sub: `firm:${LEAD}`, role: 'firm', leadId: LEAD }, 3600);
  const opened = await firm.get(`/firm/${LEAD}?token=${token}`);
  expect(opened.headers.get('location')).toBe(`/firm/${LEAD}`);
  return firm;
}

async function signedIn(
  visitor: () => Visitor,
  username: string,
): Promise<{ member: Visitor; home: string }> {
  const member = visitor();
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status, username).toBe(303);
  return { member, home: res.headers.get('location') ?? '' };
}

const NEED = {
  amountCny: '500',
  purpose: 'working-capital',
  termMonths: '24',
  collateral: ['none', 'receivables'],
  urgency: 'urgent',
  note: `扩产${XSS}`,
};

async function registerNeed(firm: Visitor): Promise<string> {
  const { csrf } = await firm.form(`/firm/${LEAD}/finance/new`);
  const res = await firm.post(`/firm/${LEAD}/finance/new`, { ...NEED, _csrf: csrf });
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^/firm/${LEAD}/finance/[0-9a-f-]+\\?registered=1$`));
  return location.split('/')[4]?.split('?')[0] ?? '';
}

describe('the firm’s financing pages', () => {
  it('need the private link', async () => {
    const { visitor } = openPortal();
    const res = await visitor().get(`/firm/${LEAD}/finance`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请通过专属链接打开');
  });

  it('show the service’s field errors inline, keep what was typed, and store nothing', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    const { csrf, html } = await firm.form(`/firm/${LEAD}/finance/new`);
    expect(html).toContain('<label for="f-amountCny">融资金额');
    // Not a number: said by the portal itself.
    let page = await (
      await firm.post(`/firm/${LEAD}/finance/new`, { ...NEED, amountCny: 'abc', _csrf: csrf })
    ).text();
    expect(page).toContain('请填写数字');
    // 0.5 万元 is below the service's 1 万元; no collateral: both from the service's problem+json.
    const res = await firm.post(`/firm/${LEAD}/finance/new`, {
      amountCny: '0.5',
      purpose: 'working-capital',
      termMonths: '24',
      urgency: 'urgent',
      _csrf: csrf,
    });
    expect(res.status).toBe(200);
    page = await res.text();
    expect(page).toMatch(/id="f-amountCny-error">[^<]*1 万元/);
    expect(page).toMatch(/id="f-amountCny"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/id="f-collateral"[^>]*aria-invalid="true"/);
    expect(page).toContain('href="#f-amountCny"');
    expect(page).toContain('value="0.5"');
    expect(fs.needs).toHaveLength(0);
  });

  it('refuse a form sent without the page’s token: nothing stored, everything kept', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    await firm.get(`/firm/${LEAD}/finance/new`);
    const res = await firm.post(`/firm/${LEAD}/finance/new`, { ...NEED, _csrf: 'forged' });
    const page = await res.text();
    expect(page).toContain('页面停留时间过长');
    expect(page).toContain('value="500"');
    expect(fs.needs).toHaveLength(0);
    const crossSite = await firm.post(`/firm/${LEAD}/finance/new`, NEED, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });

  it('register a need, show the matches with reasons and gates, and push it to two banks', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    const needId = await registerNeed(firm);
    expect(fs.bodies.get('POST /v1/finance/needs')).toEqual({
      leadId: LEAD,
      amountCny: 5_000_000,
      purpose: 'working-capital',
      termMonths: 24,
      collateral: ['none', 'receivables'],
      urgency: 'urgent',
      note: `扩产${XSS}`,
    });
    const { html, csrf } = await firm.form(`/firm/${LEAD}/finance/${needId}?registered=1`);
    expect(html).toContain('融资需求已登记');
    expect(html.match(/name="productIds"/g)).toHaveLength(3);
    expect(html).toContain('匹配度 90');
    expect(html).toContain('金额在产品区间内');
    expect(html).toContain('不符合条件的产品');
    expect(html).toContain('用途不符：仅限过桥转贷');
    expect(html).toContain('重庆农商行 · 商业价值信用贷');
    // What the firm wrote stays text.
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const none = await (await firm.post(`/firm/${LEAD}/finance/${needId}/push`, { _csrf: csrf })).text();
    expect(none).toContain('请至少勾选一个产品');
    const pushed = await firm.post(`/firm/${LEAD}/finance/${needId}/push`, {
      _csrf: csrf,
      productIds: ['value-loan', 'relending'],
    });
    expect(pushed.headers.get('location')).toBe(`/firm/${LEAD}/finance/${needId}?pushed=1`);
    expect(fs.needs[0]?.pushes.map((p) => p.productId)).toEqual(['value-loan', 'relending']);
    const after = await (await firm.get(`/firm/${LEAD}/finance/${needId}?pushed=1`)).text();
    expect(after).toContain('已推送给所选银行');
    expect(after.match(/已推送，待银行受理/g)).toHaveLength(2);
    expect(after.match(/name="productIds"/g)).toHaveLength(1);
  });

  it('let a bank officer sign in to its page and answer; the firm then sees the offer', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    const needId = await registerNeed(firm);
    const { csrf } = await firm.form(`/firm/${LEAD}/finance/${needId}`);
    await firm.post(`/firm/${LEAD}/finance/${needId}/push`, {
      _csrf: csrf,
      productIds: ['value-loan', 'relending'],
    });

    const { member: bank, home } = await signedIn(visitor, 'bank-officer');
    expect(home).toBe('/bank');
    const page = await bank.form('/bank');
    expect(page.html).toContain('<a href="/bank" aria-current="page">推送给本行的融资需求</a>');
    expect(page.html).toContain('<a href="/bank/settings">通知设置</a>');
    expect(page.html).toContain('重庆农商行');
    // Only its own bank's push.
    expect(page.html).toContain('商业价值信用贷');
    expect(page.html).not.toContain('科技再贷款');
    expect(page.html).not.toContain(XSS);
    const action = `/bank/needs/${needId}/value-loan/answer`;
    // An offer outside the product's range: the service's error on the amount, inline.
    const wrong = await (
      await bank.post(action, {
        _csrf: page.csrf,
        status: 'offered',
        'offer.amountCny': '5000',
        'offer.ratePct': '3.65',
        'offer.termMonths': '24',
      })
    ).text();
    expect(wrong).toContain('金额超出产品范围');
    expect(wrong).toMatch(/id="f-a-[0-9a-f]{8}-value-loan-offer-amountCny"[^>]*aria-invalid="true"/);
    const done = await bank.post(action, {
      _csrf: page.csrf,
      status: 'offered',
      'offer.amountCny': '400',
      'offer.ratePct': '3.65',
      'offer.termMonths': '24',
    });
    expect(done.headers.get('location')).toBe('/bank?answered=1');
    expect(fs.needs[0]?.pushes[0]?.offer).toEqual({ amountCny: 4_000_000, ratePct: 3.65, termMonths: 24 });

    const seen = await (await firm.get(`/firm/${LEAD}/finance/${needId}`)).text();
    expect(seen).toContain('银行已给出方案');
    expect(seen).toContain('400 万元');
    expect(seen).toContain('3.65%');
    const english = await (await firm.get(`/firm/${LEAD}/finance/${needId}?lang=en`)).text();
    expect(english).toContain('Offer made');
    expect(english).toContain('CNY 4,000,000');
    // The bank has no team pages; a team member has no bank page.
    expect((await bank.get('/team/inbox')).headers.get('location')).toBe('/bank');
    // Its notification settings in the bank's bar, with the bank's name.
    const settings = await (await bank.get('/bank/settings')).text();
    expect(settings).toContain('<a href="/bank/settings" aria-current="page">通知设置</a>');
    expect(settings).toContain('bank-officer · 银行客户经理 · 重庆农商行');
    const { member: analyst } = await signedIn(visitor, 'dadukou');
    expect((await analyst.get('/bank')).headers.get('location')).toBe('/team/inbox');
  });
});

describe('what QA found on the financing pages', () => {
  async function pushedToTwoBanks(visitor: () => Visitor) {
    const firm = await firmVisitor(visitor);
    const needId = await registerNeed(firm);
    const { csrf } = await firm.form(`/firm/${LEAD}/finance/${needId}`);
    await firm.post(`/firm/${LEAD}/finance/${needId}/push`, {
      _csrf: csrf,
      productIds: ['value-loan', 'relending'],
    });
    return { firm, needId };
  }

  it('the team page names the bank of each answer: two banks sell a product of the same name', async () => {
    const { fs, visitor } = openPortal();
    await pushedToTwoBanks(visitor);
    for (const push of fs.needs[0]?.pushes ?? [])
      push.productName = { zh: '抵押增值贷', en: 'Collateral uplift' };
    const { member: analyst } = await signedIn(visitor, 'dadukou');
    const page = await (await analyst.get('/team/firm-services')).text();
    expect(page).toContain('重庆农商行 · 抵押增值贷');
    expect(page).toContain('重庆银行 · 抵押增值贷');
    const english = await (await analyst.get('/team/firm-services?lang=en')).text();
    expect(english).toContain('CQRCB · Collateral uplift');
    expect(english).toContain('Bank of Chongqing · Collateral uplift');
  });

  it('a need closed with its firm’s withdrawal offers the bank no answer, and says why to the bank and the park', async () => {
    const { fs, visitor } = openPortal();
    const { needId } = await pushedToTwoBanks(visitor);
    const { member: bank } = await signedIn(visitor, 'bank-officer');
    const open = await (await bank.get('/bank')).text();
    expect(open).toContain(`action="/bank/needs/${needId}/value-loan/answer"`);
    Object.assign(fs.needs[0] ?? {}, {
      closed: {
        because: 'withdrawn',
        reason: {
          zh: '企业已撤回项目信息，该融资需求已关闭，无需再答复',
          en: 'the firm withdrew its profile; the need is closed and needs no answer',
        },
        at: '2026-11-03T01:00:00.000Z',
      },
    });
    const closed = await (await bank.get('/bank')).text();
    expect(closed).not.toContain(`/bank/needs/${needId}/value-loan/answer`);
    expect(closed).toContain('企业已撤回项目信息，该需求已关闭，无需再答复。');
    expect(closed).toContain('已关闭');
    const { member: analyst } = await signedIn(visitor, 'dadukou');
    const park = await (await analyst.get('/team/firm-services?lang=en')).text();
    expect(park).toContain('the firm withdrew its profile; the need is closed and needs no answer');
  });

  it('tells the firm which facts its profile leaves out, each linked to its field, and marks what is to confirm', async () => {
    const { visitor } = openPortal({
      matches: (list) => ({
        ...list,
        items: list.items.map((m, i) =>
          i === 1
            ? {
                ...m,
                reasons: [
                  {
                    zh: '待确认：企业未填报年营收，产品要求年营收不低于500万元',
                    en: 'to be confirmed: revenue',
                  },
                  ...(m.reasons as unknown[]),
                ],
                toConfirm: [
                  { gate: 'revenue', fact: 'revenueCny', reason: { zh: '待确认', en: 'to confirm' } },
                ],
              }
            : m,
        ),
        missingFacts: ['revenueCny', 'growthStage', 'somethingNew'],
      }),
    });
    const firm = await firmVisitor(visitor);
    const needId = await registerNeed(firm);
    const page = await (await firm.get(`/firm/${LEAD}/finance/${needId}`)).text();
    expect(page).toContain('企业资料待补充');
    expect(page).toContain(`href="/firm/${LEAD}/edit#f-firm-revenueCny">上年营业收入</a>`);
    expect(page).toContain(`href="/firm/${LEAD}/edit#f-project-growthStage">发展阶段</a>`);
    expect(page).not.toContain('成立年份</a>');
    expect(page).toContain(`href="/firm/${LEAD}/edit">补充项目信息</a>`);
    expect(page).toContain('待确认：企业未填报年营收');
    // The product to confirm can still be chosen.
    expect(page.match(/name="productIds"/g)).toHaveLength(3);
    const english = await (await firm.get(`/firm/${LEAD}/finance/${needId}?lang=en`)).text();
    expect(english).toContain('Revenue last year');
    // A firm that gave every fact is told nothing.
    const { visitor: other } = openPortal();
    const full = await firmVisitor(other);
    const fullId = await registerNeed(full);
    expect(await (await full.get(`/firm/${LEAD}/finance/${fullId}`)).text()).not.toContain('企业资料待补充');
  });
});

describe('vouchers and the R&D platform', () => {
  it('a firm applies, the park approves up to the cap, the firm orders paying half by voucher, the ledger shows both', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    let v = await firm.form(`/firm/${LEAD}/vouchers`);
    const applied = await firm.post(`/firm/${LEAD}/vouchers/apply`, {
      _csrf: v.csrf,
      requestedCny: '100,000',
      purpose: '细胞鉴定',
    });
    expect(applied.headers.get('location')).toBe(`/firm/${LEAD}/vouchers?applied=1`);
    expect(fs.bodies.get('POST /v1/vouchers/applications')).toEqual({
      leadId: LEAD,
      requestedCny: 100_000,
      purpose: '细胞鉴定',
    });

    const { member: analyst } = await signedIn(visitor, 'dadukou');
    const park = await analyst.form('/team/firm-services');
    expect(park.html).toContain('待审批的服务券申请');
    expect(park.html).toContain('aria-current="page">企业服务');
    const applicationId = fs.accounts.get(LEAD)?.applications[0]?.id ?? '';
    const action = `/team/firm-services/vouchers/${LEAD}/${applicationId}`;
    const over = await (
      await analyst.post(action, { _csrf: park.csrf, decision: 'approved', grantedCny: '400000' })
    ).text();
    expect(over).toMatch(/id="f-d-[0-9a-f]{8}-grantedCny-error">[^<]*300000/);
    expect(fs.accounts.get(LEAD)?.balanceCny).toBe(0);
    const approved = await analyst.post(action, {
      _csrf: park.csrf,
      decision: 'approved',
      grantedCny: '100000',
    });
    expect(approved.headers.get('location')).toBe('/team/firm-services?decided=1');

    // The R&D catalogue: the services the profile's needs suggest come first.
    const rnd = await (await firm.get(`/firm/${LEAD}/rnd`)).text();
    expect(rnd.indexOf('为您推荐')).toBeLessThan(rnd.indexOf('STR 细胞鉴定'));
    expect(rnd.indexOf('STR 细胞鉴定')).toBeLessThan(rnd.indexOf('全部服务'));
    expect(rnd).toContain('100,000 元');
    const order = await firm.form(`/firm/${LEAD}/rnd/str-authentication/order`);
    // More than the order's total: refused inline, the balance untouched.
    const tooMuch = await (
      await firm.post(`/firm/${LEAD}/rnd/str-authentication/order`, {
        _csrf: order.csrf,
        quantity: '2',
        voucherCny: '2000',
      })
    ).text();
    expect(tooMuch).toMatch(/id="f-voucherCny-error">服务券抵扣不能超过订单金额/);
    expect(fs.accounts.get(LEAD)?.balanceCny).toBe(100_000);
    const placed = await firm.post(`/firm/${LEAD}/rnd/str-authentication/order`, {
      _csrf: order.csrf,
      quantity: '2',
      voucherCny: '800',
      note: '两株 CHO 细胞',
    });
    expect(placed.headers.get('location')).toBe(`/firm/${LEAD}/rnd?ordered=1`);
    expect(fs.orders[0]).toMatchObject({ totalCny: 1600, voucherCny: 800, firmPaysCny: 800 });

    v = await firm.form(`/firm/${LEAD}/vouchers`);
    const rows = [...v.html.matchAll(/<tr data-kind="(\w+)">(.*?)<\/tr>/gs)].map((m) => [m[1], m[2]]);
    expect(rows.map((r) => r[0])).toEqual(['grant', 'spend']);
    expect(rows[0]?.[1]).toContain('+100,000 元');
    expect(rows[1]?.[1]).toContain('−800 元');
    expect(rows[1]?.[1]).toContain('99,200 元');

    // The manager sees the figures; an analyst does not.
    const { member: manager } = await signedIn(visitor, 'dadukou-manager');
    const figures = await (await manager.get('/team/firm-services')).text();
    expect(figures).toContain('融资与服务券数据');
    expect(figures).toMatch(/服务券抵扣<\/dt><dd>800 元/);
    expect(await (await analyst.get('/team/firm-services')).text()).not.toContain('融资与服务券数据');
  });

  it('an operator signs in to its orders, accepts one and completes it with a report the firm then sees', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    const order = await firm.form(`/firm/${LEAD}/rnd/str-authentication/order`);
    await firm.post(`/firm/${LEAD}/rnd/str-authentication/order`, {
      _csrf: order.csrf,
      quantity: '1',
      voucherCny: '',
    });
    const orderId = fs.orders[0]?.id ?? '';

    const { member: operator, home } = await signedIn(visitor, 'lab-operator');
    expect(home).toBe('/operator');
    let page = await operator.form('/operator');
    expect(page.html).toContain('基础检测子平台');
    expect(page.html).not.toContain(XSS);
    expect(
      (await operator.post(`/operator/orders/${orderId}/accept`, { _csrf: page.csrf })).headers.get(
        'location',
      ),
    ).toBe('/operator?changed=1');
    page = await operator.form('/operator');
    expect(page.html).toContain('enctype="multipart/form-data"');
    const missing = await (
      await operator.post(`/operator/orders/${orderId}/complete`, { _csrf: page.csrf })
    ).text();
    expect(missing).toContain('请填写报告链接或上传报告文件');
    const done = await operator.post(`/operator/orders/${orderId}/complete`, {
      _csrf: page.csrf,
      url: 'https://reports.example.cn/str/1.pdf',
      name: 'STR 鉴定报告',
    });
    expect(done.headers.get('location')).toBe('/operator?changed=1');
    const rnd = await (await firm.get(`/firm/${LEAD}/rnd`)).text();
    expect(rnd).toContain('已完成');
    expect(rnd).toContain('href="https://reports.example.cn/str/1.pdf"');
  });

  it('take a report file, base64 for the service, refusing one too large', async () => {
    const { fs, visitor } = openPortal();
    const firm = await firmVisitor(visitor);
    const order = await firm.form(`/firm/${LEAD}/rnd/str-authentication/order`);
    await firm.post(`/firm/${LEAD}/rnd/str-authentication/order`, { _csrf: order.csrf, quantity: '1' });
    const orderId = fs.orders[0]?.id ?? '';
    const { member: operator } = await signedIn(visitor, 'lab-operator');
    const { csrf } = await operator.form('/operator');
    await operator.post(`/operator/orders/${orderId}/accept`, { _csrf: csrf });
    const send = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('file', new File([bytes], 'str.pdf', { type: 'application/pdf' }));
      const cookie = [...operator.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
      return appOf(operator).request(`${ORIGIN}/operator/orders/${orderId}/complete`, {
        method: 'POST',
        body: form,
        headers: { cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
      });
    };
    const big = await (await send(new Uint8Array(200 * 1024))).text();
    expect(big).toContain('报告文件过大');
    expect(fs.orders[0]?.status).toBe('accepted');
    const ok = await send(new TextEncoder().encode('%PDF-1.4 report'));
    expect(ok.headers.get('location')).toBe('/operator?changed=1');
    expect(fs.bodies.get(`POST /v1/rnd/orders/${orderId}/report`)).toEqual({
      kind: 'file',
      name: 'str.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 report').toString('base64'),
    });
  });
});

/** The app a visitor talks to (the test harness keeps it private). */
const appOf = (visitor: Visitor) =>
  (visitor as unknown as { app: { request: (url: string, init?: RequestInit) => Promise<Response> } }).app;

describe('the managers’ figures', () => {
  it('come from insights’ financing metric for the year when it answers, else are counted', async () => {
    const figures = {
      scope: { kind: 'park', parkId: 'dadukou-ivd' },
      financing: {
        needs: 7,
        needsAmountCny: 35_000_000,
        pushes: 9,
        offers: 4,
        offeredAmountCny: 16_000_000,
        declined: 2,
      },
      vouchers: { grantedCny: 250_000, spentCny: 12_800, balanceAtEndCny: 237_200 },
      orders: { placed: 5, totalCny: 25_600, voucherCny: 12_800 },
    };
    const withInsights = openPortal({ figures });
    const { member: manager } = await signedIn(withInsights.visitor, 'dadukou-manager');
    const page = await (await manager.get('/team/firm-services')).text();
    expect(withInsights.asked).toEqual(['?parkId=dadukou-ivd&period=year']);
    expect(page).toMatch(/融资需求金额<\/dt><dd>3,500(\.0)? 万元/);
    expect(page).toMatch(/服务券抵扣<\/dt><dd>12,800 元/);
    expect(page).toContain('数据看板按事件统计');

    const without = openPortal();
    const { member: other } = await signedIn(without.visitor, 'dadukou-manager');
    const counted = await (await other.get('/team/firm-services')).text();
    expect(counted).toMatch(/融资需求<\/dt><dd>0</);
    expect(counted).toContain('按本页可见的融资需求和服务券账户统计');
  });
});
