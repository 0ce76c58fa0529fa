import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { creditCode, massSpecProfile } from '../e2e/fixtures.ts';
import { postJson, signIn, TestSystem } from '../support/system.ts';
import { chromiumMissing, DESKTOP, openBrowser, type Person, PHONE, screenshot } from './chromium.ts';

// The portal in a real browser (Debian's Chromium through playwright-core) against every
// service started as its own process: a firm submits on a phone and follows its project; an
// analyst signs in, finds the lead in the inbox and the ranked list and opens it, claims it,
// moves it through the closed loop to 签约 with its facts and keeps its ledger; the manager's
// dashboard counts it; the manager previews and publishes the park's directions; a team of
// another park never sees the lead; a form outlives an expired session; XSS payloads stay
// text; the manager marks a key firm and changes a target, an admin sets up and tests a
// park's group robot, a city manager transfers the lead. No page may log a console error, fail a request or answer an error status (but the
// one 404 a test asks for). Screenshots go to docs/screenshots/.

if (chromiumMissing) process.stderr.write(`[portal browser tests] SKIPPED: ${chromiumMissing}\n`);

const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
const JOURNEY = 120_000;

/** The accounts of the journeys (password demo1234); a Liangjiang team rates the firm C, Fuling's D. */
const ACCOUNTS = [
  { username: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
  { username: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
  { username: 'liangjiang', role: 'analyst', parkId: 'liangjiang' },
  { username: 'fuling', role: 'analyst', parkId: 'fuling' },
  { username: 'city-manager', role: 'manager' },
] as const;

/** Signs in through the sign-in page, landing on the inbox. */
async function signInAs(page: Page, portal: string, username: string, password = 'demo1234'): Promise<void> {
  await page.goto(`${portal}/signin`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${portal}/team/inbox`);
}

/** Reloads until `text` shows (matching and notifications work in the background). */
async function reloadUntil(page: Page, text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.getByText(text, { exact: false }).first().isVisible())) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not show on ${page.url()} in ${timeoutMs} ms`);
    await page.waitForTimeout(300);
    await page.reload();
  }
}

/** Nothing a firm wrote became markup: no injected element, the payload shown as text. */
async function expectInert(page: Page): Promise<void> {
  const injected = await page.locator('img[src="x"], script:not([src]), [onerror]').count();
  expect(injected, page.url()).toBe(0);
  expect(await page.locator('body').textContent(), page.url()).toContain('<script>alert(1)</script>');
}

async function fillProfile(page: Page, name: string, code: string): Promise<void> {
  const text = (label: string) => page.getByRole('textbox', { name: label });
  const box = (label: string) => page.getByRole('checkbox', { name: label });
  await text('企业名称').fill(name);
  await text('统一社会信用代码').fill(code);
  await text('所在省份').fill('江苏');
  await text('所在城市').fill('苏州');
  await text('成立年份').fill('2018');
  await text('员工人数').fill('85');
  await box('高新技术企业').check();
  await text('项目名称').fill('临床质谱仪生产基地');
  await page.getByRole('radio', { name: '生产基地 / 生产线' }).check();
  await text('项目介绍').fill('我们生产三重四极杆液质联用仪（LC-MS/MS）和配套的临床质谱检测试剂盒。');
  await text('主要产品').fill('三重四极杆液质联用仪\n临床质谱检测试剂盒');
  await text('核心技术').fill('LC-MS/MS');
  await page.getByRole('combobox', { name: '发展阶段' }).selectOption('growth');
  await text('计划投资额').fill('15000');
  await text('预计年产值').fill('30000');
  await text('计划多久后投产').fill('9');
  await box('注册审批').check();
  await box('临床样本').check();
  await text('姓名').fill('王经理');
  await text('电话').fill('13800000000');
  await box('我同意上述数据使用方式').check();
}

describe.skipIf(chromiumMissing !== undefined)('the portal in a browser', () => {
  let system: TestSystem;
  let portal: string;
  const people: Person[] = [];
  const person = async (options = DESKTOP) => {
    const opened = await openBrowser(options);
    people.push(opened);
    return opened;
  };
  let leadId = '';
  const firmName = '谱析精准质谱仪器（苏州）有限公司';

  beforeAll(async () => {
    // Kept before it starts, so that afterAll stops what did start when another service fails to.
    system = new TestSystem(inject('redisUrl'));
    await system.start();
    portal = system.urls.portal;
    const admin = await signIn(system.urls.leads, 'admin', 'admin');
    for (const account of ACCOUNTS) {
      const res = await postJson(
        `${system.urls.leads}/v1/users`,
        { ...account, password: 'demo1234' },
        admin,
      );
      expect(res.status, account.username).toBe(201);
    }
    // Dadukou's targets for next year, so that the dashboard shows progress and the pace needed.
    const manager = await signIn(system.urls.leads, 'dadukou-manager', 'demo1234');
    // (Tried again on a 5xx: insights once answered 500 to the first write right after it started.)
    let target: Response | undefined;
    for (let attempt = 0; attempt < 5 && (target === undefined || target.status >= 500); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      target = await fetch(`${system.urls.insights}/v1/targets`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
        body: JSON.stringify({
          scope: 'dadukou-ivd',
          year: new Date().getFullYear() + 1,
          targets: { firms: 300, signedInvestmentCny: 3e9, certificates: 800, revenueCny: 2e10 },
          baseline: { year: 2022, firms: 206, revenueCny: 1.376e10, certificates: 500 },
        }),
      });
    }
    expect(target?.status, await target?.text()).toBe(201);
  });

  afterAll(async () => {
    for (const p of people) await p.close();
    await system?.stop();
  });

  it(
    'a firm submits its profile on a phone, keeps its private link and follows the project',
    async () => {
      const firm = await person(PHONE);
      const { page } = firm;
      await page.goto(`${portal}/`);
      await screenshot(page, 'home.zh-CN');
      await page.getByRole('link', { name: '提交项目信息' }).click();
      await expect.poll(() => page.url()).toBe(`${portal}/firm/new`);

      // The credit code is checked in the browser before anything is sent.
      const code = creditCode('91320500MA1WEB1');
      await fillProfile(page, firmName, `${code.slice(0, 17)}0`);
      await page.getByLabel('统一社会信用代码').blur();
      await expect
        .poll(() => page.locator('#f-firm-creditCode-error').textContent())
        .toContain('统一社会信用代码无效');
      await page.getByLabel('统一社会信用代码').fill(code);
      await page.getByLabel('统一社会信用代码').blur();
      await expect.poll(() => page.locator('#f-firm-creditCode-error').isHidden()).toBe(true);
      await screenshot(page, 'firm-form.zh-CN');

      await page.getByRole('button', { name: '提交项目信息' }).click();
      await page.waitForURL(/\/firm\/[0-9a-f-]{36}\/submitted$/);
      leadId = page.url().split('/')[4] ?? '';
      const link = await page.getByRole('textbox', { name: '您的专属链接' }).inputValue();
      expect(link).toContain(`/firm/${leadId}?token=`);
      await screenshot(page, 'firm-submitted.zh-CN');

      // The link opens the status page, and the token leaves the address bar.
      await page.goto(link);
      await expect.poll(() => page.url()).toBe(`${portal}/firm/${leadId}`);
      await reloadUntil(page, '大渡口体外诊断产业集聚区');
      await expect.poll(() => page.locator('.stage-name').textContent()).toBe('线索');
      // Each park that rated it A–C, with which of its directions the project fits (its public
      // wording, as matching scored it and leads kept it): never a score or a tier.
      const dadukou = page.locator('.park-fit', { hasText: '大渡口体外诊断产业集聚区' });
      await expect.poll(() => dadukou.locator('.chips').textContent()).toContain('临床质谱');
      expect(await page.locator('#parks-title').locator('..').textContent()).not.toMatch(
        /\d+\.\d|[ABCD] ?级/,
      );
      await screenshot(page, 'firm-status.zh-CN');

      // Update from the same link.
      await page.getByRole('link', { name: '修改项目信息' }).click();
      await page.getByRole('textbox', { name: '项目名称' }).fill('临床质谱仪生产基地（一期）');
      await page.getByRole('button', { name: '保存修改' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('临床质谱仪生产基地（一期）');
      await expect.poll(() => page.getByRole('status').textContent()).toContain('项目信息已更新');
      expect(firm.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'an analyst signs in, finds the lead in the inbox and the ranked list, and opens it',
    async () => {
      expect(leadId, 'the firm journey ran first').not.toBe('');
      const analyst = await person();
      const { page } = analyst;
      await page.goto(`${portal}/team/inbox`);
      await expect.poll(() => page.url()).toContain('/signin?next=');
      await screenshot(page, 'team-signin.zh-CN');
      await page.getByLabel('用户名').fill('dadukou');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${portal}/team/inbox`);

      await reloadUntil(page, firmName);
      await expect.poll(() => page.locator('h1 .count').textContent()).toMatch(/^\d+ 未读$/);
      await screenshot(page, 'team-inbox.zh-CN');
      const unreadBefore = Number(((await page.locator('h1 .count').textContent()) ?? '').split(' ')[0]);
      await page
        .getByRole('button', { name: `标为已读：${firmName}` })
        .first()
        .click();
      await page.waitForURL(`${portal}/team/inbox`);
      const unreadAfter =
        (await page.locator('h1 .count').count()) === 0
          ? 0
          : Number(((await page.locator('h1 .count').textContent()) ?? '').split(' ')[0]);
      expect(unreadAfter).toBe(unreadBefore - 1);

      await page.getByRole('link', { name: '线索排名' }).click();
      await page.getByRole('combobox', { name: '承接方向' }).selectOption('ivd.mass-spec');
      await page.getByRole('textbox', { name: '最低得分' }).fill('50');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect.poll(() => page.url()).toContain('direction=ivd.mass-spec');
      await expect.poll(() => page.getByRole('link', { name: firmName }).count()).toBe(1);
      await screenshot(page, 'team-ranked.zh-CN');

      await page.getByRole('link', { name: firmName }).click();
      await page.waitForURL(new RegExp(`/team/leads/${leadId}`));
      await expect.poll(() => page.locator('table.components tbody tr').count()).toBe(7);
      await expect.poll(() => page.locator('.prose mark').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.directions').textContent()).toContain('临床质谱');
      await screenshot(page, 'team-lead.zh-CN');

      await page.getByRole('link', { name: 'English' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await expect
        .poll(() => page.locator('table.components caption').textContent())
        .toBe('How the score is made');
      await screenshot(page, 'team-lead.en');
      await page.getByRole('link', { name: '中文' }).click();
      await page.waitForURL(/lang=zh/);
      expect(analyst.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'the analyst claims the lead, moves it to 签约 with its facts and keeps its ledger; the board shows it',
    async () => {
      expect(leadId, 'the firm journey ran first').not.toBe('');
      const analyst = await person();
      const { page } = analyst;
      await signInAs(page, portal, 'dadukou');

      // The board: the new lead in the 线索 column, found by its name.
      await page.getByRole('link', { name: '跟进看板' }).click();
      await page.getByRole('searchbox', { name: '搜索企业' }).fill('谱析精准');
      await page.getByRole('button', { name: '搜索企业' }).click();
      await reloadUntil(page, firmName);
      await expect.poll(() => page.locator('#col-lead').locator('..').textContent()).toContain(firmName);
      await page.getByRole('link', { name: firmName }).click();
      await page.waitForURL(new RegExp(`/team/leads/${leadId}`));

      // 首报首谈: claim it.
      await page.getByRole('button', { name: '认领此线索' }).click();
      await page.waitForURL(/done=claimed/);
      await expect.poll(() => page.locator('#ownership').textContent()).toContain('本园区跟进中');
      // The notifications service starts the first-contact clock when it hears of the claim.
      await reloadUntil(page, '首次接洽 · ');

      // Through the loop, one stage at a time.
      for (const stage of ['初步接洽', '实地考察', '在谈']) {
        await page.getByRole('button', { name: `推进到「${stage}」` }).click();
        await page.waitForURL(/done=moved/);
        await expect.poll(() => page.locator('#pipeline .stage-name').textContent()).toBe(stage);
      }

      // 签约 needs its facts: the agreed investment (万元) and the day; a bad amount is caught first.
      const form = page.locator('#move-signed');
      await form.getByLabel('协议投资额').fill('一万五');
      await form.getByRole('button', { name: '推进到「签约」' }).click();
      await expect
        .poll(() => page.locator('#f-m-signed-facts-agreedInvestmentCny-error').textContent())
        .toContain('请填写数字');
      await form.getByLabel('协议投资额').fill('15000');
      await form.getByLabel('说明').fill('双方签署投资协议，一期投资 1.5 亿元。');
      await screenshot(page, 'team-lead-stage.zh-CN');
      await form.getByRole('button', { name: '推进到「签约」' }).click();
      await page.waitForURL(/done=moved/);
      await expect.poll(() => page.locator('#pipeline .stage-name').textContent()).toBe('签约');
      await expect.poll(() => page.locator('#pipeline .recorded').textContent()).toContain('15,000 万元');

      // The 一企一策 ledger: the liaison, a visit and an appeal with its due date.
      await page.locator('#ledger summary', { hasText: '指定联络员' }).click();
      // Picked from the park's analysts and managers, each named with its role.
      const liaison = page.locator('#ledger').getByLabel('联络员', { exact: true });
      await expect.poll(() => liaison.locator('option').allTextContents()).toContain('dadukou（分析员）');
      await liaison.selectOption('dadukou');
      await page.getByRole('button', { name: '指定联络员' }).click();
      await page.waitForURL(/done=liaison/);
      await page.locator('#visits summary').click();
      await page.locator('#visits').getByLabel('参与人员').fill('王经理、李主任');
      await page.locator('#visits').getByLabel('洽谈内容').fill('实地查看标准厂房，商定注册落地时间表。');
      await page
        .locator('#visits')
        .getByRole('textbox', { name: /^下一步 （选填）$/ })
        .fill('办理工商注册');
      await page.getByRole('button', { name: '保存走访记录' }).click();
      await page.waitForURL(/done=visit/);
      await expect.poll(() => page.locator('#visits').textContent()).toContain('王经理、李主任');
      await page.locator('#appeals > details summary').click();
      await page.locator('#appeals').getByLabel('类别').selectOption('registration');
      await page.locator('#appeals').getByLabel('诉求标题').fill('二类注册证加快审评');
      await page
        .locator('#appeals')
        .getByLabel('诉求内容')
        .fill('希望协调医疗器械技术审评查验服务站加快审评。');
      await page.locator('#appeals').getByLabel('责任部门').fill('区市场监管局');
      const due = new Date(Date.now() + (8 + 24) * 3600_000).toISOString().slice(0, 10);
      await page.locator('#appeals').getByLabel('办理期限').fill(due);
      await page.getByRole('button', { name: '登记诉求' }).click();
      await page.waitForURL(/done=appeal/);
      await expect.poll(() => page.locator('#appeals .sla').first().textContent()).toContain('即将到期');
      await screenshot(page, 'team-lead-ledger.zh-CN');

      // In English: the same page, its stage form and ledger.
      await page.getByRole('link', { name: 'English' }).click();
      await expect.poll(() => page.locator('#pipeline-title').textContent()).toContain('Signed');
      await screenshot(page, 'team-lead-stage.en');
      await page.getByRole('link', { name: '中文' }).click();
      // Loaded before the next navigation, which would otherwise abort it (a failed request).
      await page.waitForURL(/lang=zh/);

      // The board shows it under 签约 with its days in the stage; the list offers the exports.
      await page.goto(`${portal}/team/board`);
      const signedColumn = page.locator('section.board-column', { has: page.locator('#col-signed') });
      await expect.poll(() => signedColumn.textContent()).toContain(firmName);
      await expect.poll(() => signedColumn.textContent()).toContain('停留 0 天');
      await screenshot(page, 'team-board.zh-CN');
      await page.getByRole('link', { name: '线索清单' }).click();
      await expect.poll(() => page.locator('table.leads').textContent()).toContain(firmName);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '线索清单（CSV）' }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/^线索清单_大渡口体外诊断产业集聚区_\d{4}-\d{2}-\d{2}\.csv$/);
      const [ledgers] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '两本台账（Excel）' }).click(),
      ]);
      expect(ledgers.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(await ledgers.failure()).toBeNull();
      expect(analyst.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'the manager’s dashboard counts the signed lead; the manager previews and publishes the directions',
    async () => {
      const manager = await person();
      const { page } = manager;
      await signInAs(page, portal, 'dadukou-manager');
      await page.getByRole('link', { name: '数据看板' }).click();
      // Insights folds the events in the background: the signed investment shows once it has.
      await reloadUntil(page, '1.5 亿元', 30_000);
      await expect
        .poll(() => page.locator('.kpi', { hasText: '签约项目' }).locator('dd').textContent())
        .toBe('1');
      await expect.poll(() => page.locator('svg.chart').count()).toBe(5);
      await expect.poll(() => page.locator('#targets table').textContent()).toContain('每月还需');
      await screenshot(page, 'manager-dashboard.zh-CN');
      await page.getByRole('link', { name: 'English' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Dashboard');
      await screenshot(page, 'manager-dashboard.en');
      await page.getByRole('link', { name: '中文' }).click();
      await page.waitForURL(/lang=zh/);

      // The catalog: a direction's weight changed, previewed, then published and re-ranked.
      await page.getByRole('link', { name: '承接方向' }).click();
      await expect.poll(() => page.getByRole('button', { name: '发布此版本' }).count()).toBe(0);
      await page.getByRole('textbox', { name: '临床质谱：权重' }).fill('0.95');
      await page.getByRole('button', { name: '预览影响' }).click();
      await expect.poll(() => page.locator('#preview-title').textContent()).toBe('预览：发布后的变化');
      await screenshot(page, 'manager-catalog-preview.zh-CN');
      await page.getByLabel('发布说明').fill('临床质谱权重微调');
      await page.getByRole('button', { name: '发布此版本' }).click();
      await page.waitForURL(/published=2/);
      // The page refreshes itself (no script) until the re-rank is done.
      await expect.poll(() => page.locator('#rerank').textContent(), { timeout: 30_000 }).toContain('已完成');
      await expect.poll(() => page.locator('#rerank progress').getAttribute('value')).not.toBe('0');

      // Notification settings: the member's own rules.
      await page.getByRole('link', { name: '通知设置' }).click();
      await page.getByRole('checkbox', { name: '阶段变更 · 站内收件箱' }).check();
      await page.getByRole('button', { name: '保存设置' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('设置已保存');
      expect(await page.getByRole('checkbox', { name: '阶段变更 · 站内收件箱' }).isChecked()).toBe(true);
      // One's own channel: the form shows the address fields of the kind chosen, and only those.
      await page.locator('#add-channel summary').click();
      const shown = async () =>
        Promise.all(['to', 'url', 'secret'].map((name) => page.locator(`input[name="${name}"]`).isVisible()));
      expect(await shown()).toEqual([true, false, false]); // 电子邮件
      await page.getByLabel('类型', { exact: true }).selectOption('dingtalk');
      expect(await shown()).toEqual([false, true, true]);
      await page.getByLabel('类型', { exact: true }).selectOption('wecom');
      expect(await shown()).toEqual([false, true, false]);
      expect(manager.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'a team of another park never sees the lead; one that rated it sees who claimed it',
    async () => {
      // Fuling rated the firm D: the lead is on none of its pages, and its address is a 404.
      const fuling = await person();
      const { page } = fuling;
      await signInAs(page, portal, 'fuling');
      const lead = `${portal}/team/leads/${leadId}`;
      for (const path of [
        '/team/inbox',
        '/team/leads',
        '/team/board',
        `/team/board?q=${encodeURIComponent('谱析精准')}`,
        '/team/pipeline',
        `/team/pipeline?q=${encodeURIComponent('谱析精准')}&stage=signed`,
        '/team/dashboard',
      ]) {
        await page.goto(`${portal}${path}`);
        expect(await page.locator('body').textContent(), path).not.toContain(firmName);
      }
      const notFound = await page.goto(lead);
      expect(notFound?.status()).toBe(404);
      expect(await page.locator('body').textContent()).not.toContain(firmName);
      const csv = await page.request.get(`${portal}/team/exports/leads.csv`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).not.toContain(firmName);
      // The 404 asked for (and the browser's console line about it), nothing else.
      expect(fuling.problems).toContain(`404 for ${lead}`);
      expect(fuling.problems.filter((problem) => !problem.includes(lead))).toEqual([]);

      // Liangjiang rated it C: it sees the lead and that Dadukou claimed it, with no way to work it.
      const liangjiang = await person();
      await signInAs(liangjiang.page, portal, 'liangjiang');
      await liangjiang.page.goto(lead);
      await expect
        .poll(() => liangjiang.page.locator('#ownership').textContent())
        .toContain('认领园区：大渡口体外诊断产业集聚区');
      expect(await liangjiang.page.getByRole('button', { name: '认领此线索' }).count()).toBe(0);
      expect(await liangjiang.page.locator('#ledger').count()).toBe(0);
      expect(await liangjiang.page.locator('details.move').count()).toBe(0);
      expect(liangjiang.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'keeps a half-filled form when the session ends, for a firm and for a team member',
    async () => {
      // A firm whose page sat open until its session cookie was gone: nothing is lost.
      const firm = await person();
      await firm.page.goto(`${portal}/firm/new`);
      await fillProfile(firm.page, '会话过期测试生物科技有限公司', creditCode('91500000MA1EXP1'));
      await firm.context.clearCookies();
      await firm.page.getByRole('button', { name: '提交项目信息' }).click();
      await expect.poll(() => firm.page.getByRole('alert').first().textContent()).toContain('本次未提交');
      expect(await firm.page.getByLabel('企业名称').inputValue()).toBe('会话过期测试生物科技有限公司');
      await firm.page.getByRole('button', { name: '提交项目信息' }).click();
      await firm.page.waitForURL(/\/submitted$/);

      // A team member whose session ended: sign in again, then send the kept form.
      const analyst = await person();
      const { page } = analyst;
      await page.goto(`${portal}/signin?next=/team/inbox`);
      await page.getByLabel('用户名').fill('dadukou');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      await reloadUntil(page, '会话过期测试生物科技有限公司');
      await analyst.context.clearCookies();
      await page.getByRole('button', { name: '标为已读：会话过期测试生物科技有限公司' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('已为您保留');
      await page.getByLabel('用户名').fill('dadukou');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: '继续提交' }).click();
      await page.waitForURL(`${portal}/team/inbox`);
      const item = page.locator('.inbox-item', { hasText: '会话过期测试生物科技有限公司' });
      await expect.poll(() => item.first().getAttribute('class')).toBe('inbox-item');
      expect(firm.problems).toEqual([]);
      expect(analyst.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'shows XSS payloads in a firm’s profile as text on every page',
    async () => {
      const profile = massSpecProfile('XAAWEB1');
      profile.firm.name = `${XSS}质谱科技`;
      profile.project.title = `${XSS}项目`;
      profile.project.description = `我们生产三重四极杆液质联用仪（LC-MS/MS）。${XSS}`;
      profile.project.products = [`${XSS}质谱仪`];
      const submitted = await postJson(`${system.urls.leads}/v1/profiles`, profile);
      expect(submitted.status).toBe(201);
      const { id, accessToken } = (await submitted.json()) as { id: string; accessToken: string };

      const firm = await person();
      await firm.page.goto(`${portal}/firm/${id}?token=${encodeURIComponent(accessToken)}`);
      await expectInert(firm.page);
      await firm.page.goto(`${portal}/firm/${id}/edit`);
      expect(await firm.page.getByLabel('企业名称').inputValue()).toBe(`${XSS}质谱科技`);

      const analyst = await person();
      const { page } = analyst;
      await page.goto(`${portal}/signin`);
      await page.getByLabel('用户名').fill('dadukou');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${portal}/team/inbox`);
      await reloadUntil(page, `${XSS}质谱科技`);
      await expectInert(page);
      await page.goto(`${portal}/team/leads`);
      await expectInert(page);
      await page.goto(`${portal}/team/leads/${id}`);
      await expectInert(page);
      for (const path of ['/team/board', '/team/pipeline']) {
        await page.goto(`${portal}${path}`);
        await reloadUntil(page, `${XSS}质谱科技`);
        await expectInert(page);
      }
      expect(firm.problems).toEqual([]);
      expect(analyst.problems).toEqual([]);
    },
    JOURNEY,
  );
  it(
    'a park manager marks a key firm, changes a target and is refused a robot address inside the network',
    async () => {
      expect(leadId, 'the firm journey ran first').not.toBe('');
      const manager = await person();
      const { page } = manager;
      await signInAs(page, portal, 'dadukou-manager');

      // 重点培育: marked by hand on the lead page, then on the month's key-firm ledger.
      await page.goto(`${portal}/team/leads/${leadId}`);
      await page.getByRole('button', { name: '标记为重点培育企业' }).click();
      await page.waitForURL(/done=key-firm/);
      await expect.poll(() => page.locator('#key-firm').textContent()).toContain('已列入重点培育台账');
      await page.getByRole('link', { name: '重点培育', exact: true }).click();
      const row = page.locator('table.data tr', { hasText: firmName });
      await expect.poll(() => row.textContent()).toContain('手动标记');
      await expect.poll(() => row.textContent()).toContain('未填报');
      await screenshot(page, 'team-key-firms.zh-CN');

      // Targets: a year insights refuses comes back beside its field; then next year's is changed.
      await page.getByRole('link', { name: '目标设定' }).click();
      const year = String(new Date().getFullYear() + 1);
      await expect.poll(() => page.locator(`#target-${year}`).textContent()).toContain('生物医药企业数');
      await page.locator(`#target-${year}`).getByRole('link', { name: '修改此目标' }).click();
      await expect.poll(() => page.locator('#f-targets-firms').inputValue()).toBe('300');
      await page.getByLabel('目标年份').fill('1999');
      await page.locator('#f-targets-firms').fill('320');
      await page.getByRole('button', { name: '保存目标' }).click();
      await expect.poll(() => page.locator('#f-year-error').isVisible()).toBe(true);
      expect(await page.locator('#f-year').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('目标年份').fill(year);
      await page.getByLabel('说明').fill('按区委最新要求上调企业数目标');
      await page.getByRole('button', { name: '保存目标' }).click();
      await page.waitForURL(/saved=1/);
      await expect.poll(() => page.getByRole('status').textContent()).toContain('目标已保存');
      const history = page.locator(`#target-${year} details.history`);
      await expect.poll(() => history.locator('summary').textContent()).toContain('(2)');
      await expect.poll(() => history.textContent()).toContain('按区委最新要求上调企业数目标');
      await screenshot(page, 'manager-targets.zh-CN');

      // A group robot a manager may not point inside the network: said beside the address.
      await page.getByRole('link', { name: '园区通知' }).click();
      await page.locator('#add-channel summary').click();
      await page.getByLabel('类型', { exact: true }).selectOption('wecom');
      await page.getByLabel('名称', { exact: true }).fill('大渡口招商群');
      await page.getByLabel('机器人 Webhook 地址').fill('http://127.0.0.1:9/cgi-bin/webhook/send?key=k');
      await page.getByRole('button', { name: '保存渠道' }).click();
      await expect.poll(() => page.locator('#f-url-error').textContent()).toContain('仅管理员可用');
      expect(manager.problems).toEqual([]);
    },
    JOURNEY,
  );

  it(
    'an admin sets up a park’s 企业微信 robot, sends it a test and picks its events; the secret never comes back',
    async () => {
      // A stand-in for the robot's webhook, on this machine (admins may use a private address).
      const received: string[] = [];
      const robot: Server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        request.on('end', () => {
          received.push(body);
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
        });
      });
      await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
      const { port } = robot.address() as AddressInfo;
      try {
        const admin = await person();
        const { page } = admin;
        await signInAs(page, portal, 'admin', 'admin');
        await page.goto(`${portal}/team/channels?park=dadukou-ivd`);
        await page.locator('#add-channel summary').click();
        await page.getByLabel('类型', { exact: true }).selectOption('dingtalk');
        await page.getByLabel('名称', { exact: true }).fill('招商群机器人');
        await page
          .getByLabel('机器人 Webhook 地址')
          .fill(`http://127.0.0.1:${port}/robot/send?access_token=tok`);
        // 钉钉 needs its signing secret: the service says so beside the field.
        await page.getByRole('button', { name: '保存渠道' }).click();
        await expect.poll(() => page.locator('#f-secret-error').isVisible()).toBe(true);
        await page.getByLabel('类型', { exact: true }).selectOption('wecom');
        await page.getByRole('button', { name: '保存渠道' }).click();
        await page.waitForURL(/done=added/);
        const channel = page.locator('#channels tr', { hasText: '招商群机器人' });
        await expect.poll(() => channel.textContent()).toContain('企业微信群机器人');
        expect(await channel.textContent()).not.toContain('access_token=tok');

        await page.getByRole('button', { name: '测试发送：招商群机器人' }).click();
        await expect.poll(() => page.getByRole('status').first().textContent()).toContain('测试消息已发送');
        expect(received.length).toBe(1);
        expect(received[0]).toContain('markdown');

        await page.getByRole('checkbox', { name: '新线索 · 招商群机器人' }).check();
        await page.getByRole('combobox', { name: '新线索 · 最低等级' }).selectOption('B');
        await page.getByRole('button', { name: '保存推送规则' }).click();
        await page.waitForURL(/done=rules/);
        expect(await page.getByRole('checkbox', { name: '新线索 · 招商群机器人' }).isChecked()).toBe(true);
        await screenshot(page, 'manager-channels.zh-CN');
        await page.getByRole('link', { name: 'English' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toContain('Park notification channels');
        await screenshot(page, 'manager-channels.en');
        expect(admin.problems).toEqual([]);
      } finally {
        await new Promise((resolve) => robot.close(resolve));
      }
    },
    JOURNEY,
  );

  it(
    'a city manager hands the lead to another park with a reason',
    async () => {
      expect(leadId, 'the firm journey ran first').not.toBe('');
      const city = await person();
      const { page } = city;
      await signInAs(page, portal, 'city-manager');
      await page.goto(`${portal}/team/leads/${leadId}`);
      await page.locator('#transfer summary').click();
      await page.getByLabel('划转给').selectOption('liangjiang');
      // The reason is asked for before anything is sent (the browser's own check of a required field).
      await page.getByRole('button', { name: '确认划转' }).click();
      expect(
        await page
          .getByLabel('划转原因')
          .evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
      ).toBe(true);
      expect(page.url()).not.toContain('done=transferred');
      await page.getByLabel('划转原因').fill('企业希望靠近两江的器械注册服务');
      await screenshot(page, 'team-transfer.zh-CN');
      await page.getByRole('button', { name: '确认划转' }).click();
      await page.waitForURL(/done=transferred/);
      await expect.poll(() => page.locator('#ownership').textContent()).toContain('已划转至：两江生命科技城');
      await page.locator('#pipeline details.history summary').click();
      await expect
        .poll(() => page.locator('#pipeline .timeline').textContent())
        .toContain('企业希望靠近两江的器械注册服务');
      expect(city.problems).toEqual([]);
    },
    JOURNEY,
  );
});
