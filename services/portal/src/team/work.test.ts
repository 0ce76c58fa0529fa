import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { csrfOf, openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

// The closed loop in the portal: claiming, moving with facts, a stale move, the ledgers, the
// board, the list and the exports — on the fake services, with each member's own token.

async function signIn(member: Visitor, username = 'dadukou') {
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status).toBe(303);
}

/** Posts the form whose action is `action` on the page at `path`, with these fields added. */
async function send(
  member: Visitor,
  path: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const { html, csrf } = await member.form(path);
  expect(html, `a form posting to ${action}`).toContain(`action="${action.replaceAll('&', '&amp;')}"`);
  return member.post(action, { _csrf: csrf, ...fields });
}

const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>`;

describe('the closed loop on the lead page', () => {
  it('claims a lead, then shows who owns it and the legal next moves', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const before = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(before).toContain('尚无园区认领');
    expect(before).toContain('认领此线索');
    expect(before).toContain('认领后即可推进阶段');

    const claimed = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/claim`, {});
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get('location')).toBe(`/team/leads/${leadId}?done=claimed#pipeline`);
    const after = await (await member.get(`/team/leads/${leadId}?done=claimed`)).text();
    expect(after).toContain('已认领，本园区负责跟进此线索');
    expect(after).toContain('本园区跟进中');
    expect(after).toContain('推进到「初步接洽」');
    expect(after).toMatch(/<details class="move" id="move-contacted" open>/);
    expect(after).toContain('name="pipelineRevision" value="2"');
    // The ledger is there once the park owns the lead.
    expect(after).toContain('一企一策台账');
    expect(after).toContain('走访洽谈');
  });

  it('shows "claimed by" another park, without claim, moves or ledger', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
      'dadukou-ivd': { tier: 'A', score: 85.9 },
      fuling: { tier: 'C', score: 31 },
    });
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member, 'fuling');
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain('认领园区：大渡口体外诊断产业集聚区');
    expect(html).not.toContain('认领此线索');
    expect(html).toContain('只有认领园区的团队可以推进此线索');
    expect(html).not.toContain('一企一策台账');
    expect(fakes.calls.some((call) => call.includes('/ledger'))).toBe(false);
  });

  it('moves a lead to 签约 with the agreed investment in 万元 and the date', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    lead.stage = 'negotiating';
    const member = visitor();
    await signIn(member);
    const page = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(page).toContain('推进到「签约」');
    expect(page).toContain('id="f-m-signed-facts-agreedInvestmentCny"');
    expect(page).toContain('for="f-m-signed-facts-agreedInvestmentCny"');

    // A bad amount is caught here and comes back beside its field, the rest kept.
    const bad = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/stage`, {
      to: 'signed',
      pipelineRevision: '2',
      'facts.agreedInvestmentCny': '一万',
      'facts.signedOn': '2026-03-17',
    });
    const badHtml = await bad.text();
    expect(bad.status).toBe(200);
    expect(badHtml).toContain('请填写数字');
    expect(badHtml).toContain('value="2026-03-17"');
    expect(badHtml).toMatch(/<details class="move" id="move-signed" open>/);

    // A date in the future: the service's field error beside the date.
    const future = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/stage`, {
      to: 'signed',
      pipelineRevision: '2',
      'facts.agreedInvestmentCny': '15000',
      'facts.signedOn': '2026-04-01',
    });
    const futureHtml = await future.text();
    expect(futureHtml).toContain('不能晚于今天（2026-03-18）');
    expect(futureHtml).toMatch(/id="f-m-signed-facts-signedOn-error">不能晚于今天/);

    const moved = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/stage`, {
      to: 'signed',
      pipelineRevision: '2',
      'facts.agreedInvestmentCny': '15,000',
      'facts.signedOn': '2026-03-17',
      note: '签约仪式已举行',
    });
    expect(moved.status).toBe(303);
    expect(fakes.bodies.get(`POST /v1/leads/${leadId}/stage`)).toEqual({
      to: 'signed',
      pipelineRevision: 2,
      note: '签约仪式已举行',
      facts: { agreedInvestmentCny: 150_000_000, signedOn: '2026-03-17' },
    });
    const signed = await (await member.get(`/team/leads/${leadId}?done=moved`)).text();
    expect(signed).toContain('<span class="stage-name">签约</span>');
    expect(signed).toContain('15,000 万元');
    expect(signed).toContain('推进到「注册落地」');
  });

  it('says where the lead is now when a move was made on a stale revision', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const { csrf } = await member.form(`/team/leads/${leadId}`);
    // Someone else moves it first.
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    lead.stage = 'contacted';
    lead.pipelineRevision = 3;
    const stale = await member.post(`/team/leads/${leadId}/stage`, {
      _csrf: csrf,
      to: 'contacted',
      pipelineRevision: '2',
      note: '',
    });
    const html = await stale.text();
    expect(stale.status).toBe(200);
    // Worded for a person: once, with the stage it is at now, and no revision number.
    expect(html).toContain(
      '此线索已被他人更新，当前阶段为「<strong>初步接洽</strong>」，请在最新页面上重试。',
    );
    expect(html.match(/已被他人更新/g)).toHaveLength(1);
    expect(html).not.toContain('版本');
    expect(html).toContain('name="pipelineRevision" value="3"');
  });

  it('asks for the facts of each stage and reads them into the move', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    // Skipping forward needs a note; 搁置 a resume date; 流失 a reason.
    expect(html).toMatch(/id="f-m-registered-note"[^>]* required/);
    expect(html).toContain('id="f-m-on-hold-facts-resumeOn"');
    expect(html).toContain('min="2026-03-19"');
    expect(html).toContain('id="f-m-lost-facts-reason"');
    expect(html).toContain('id="f-m-registered-facts-creditCode"');
    const lost = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/stage`, {
      to: 'lost',
      pipelineRevision: '2',
      'facts.reason': 'other',
      'facts.detail': '',
    });
    expect(await lost.text()).toContain('请填写此项');
    const lostOk = await send(member, `/team/leads/${leadId}`, `/team/leads/${leadId}/stage`, {
      to: 'lost',
      pipelineRevision: '2',
      'facts.reason': 'land',
    });
    expect(lostOk.status).toBe(303);
    expect(fakes.leads.get(leadId)?.facts.lost).toEqual({ reason: 'land' });
  });

  it('keeps the 一企一策 ledger: liaison, expectations, visits, appeals with due badges, figures', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const page = `/team/leads/${leadId}`;

    const wrongLiaison = await send(member, page, `${page}/liaison`, {
      username: 'fuling',
      pipelineRevision: '2',
    });
    expect(await wrongLiaison.text()).toContain('不是本园区的账号');
    expect(
      (await send(member, page, `${page}/liaison`, { username: 'dadukou-2', pipelineRevision: '2' })).status,
    ).toBe(303);

    expect(
      (
        await send(member, page, `${page}/expectations`, {
          expectedAnnualOutputCny: '30000',
          expectedAnnualSalesCny: '',
        })
      ).status,
    ).toBe(303);
    expect(fakes.bodies.get(`PUT /v1/leads/${leadId}/expectations`)).toEqual({
      expectedAnnualOutputCny: 300_000_000,
    });

    const visit = await send(member, page, `${page}/visits`, {
      date: '2026-03-16',
      participants: '王经理、李主任\n张三',
      summary: `实地考察了标准厂房。${xss}`,
      nextStep: '准备投资协议',
      nextStepDueOn: '2026-03-30',
    });
    expect(visit.status).toBe(303);
    expect(fakes.bodies.get(`POST /v1/leads/${leadId}/visits`)).toMatchObject({
      participants: ['王经理', '李主任', '张三'],
    });

    expect(
      (
        await send(member, page, `${page}/appeals`, {
          category: 'registration',
          title: '注册证加快审评',
          description: '希望加快二类注册证审评',
          department: '区市场监管局',
          dueOn: '2026-03-19',
        })
      ).status,
    ).toBe(303);
    const overdue = fakes.appeals[0];
    if (!overdue) throw new Error('no appeal');
    fakes.appeals.push({
      ...overdue,
      id: '00000000-0000-4000-8000-00000000aaaa',
      title: '用地指标',
      dueOn: '2026-03-10',
      overdue: true,
    });

    expect(
      (
        await send(member, page, `${page}/figures`, {
          month: '2026-02',
          mainBusiness: '质谱仪',
          productionScale: '年产 200 台',
          revenueCny: '120.5',
          taxCny: '8',
          employees: '85',
          certificatesObtained: '1',
        })
      ).status,
    ).toBe(303);

    const html = await (await member.get(page)).text();
    expect(html).toContain('<strong>dadukou-2</strong>');
    expect(html).toContain('30,000 万元');
    expect(html).toContain('王经理、李主任、张三');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('注册证加快审评');
    expect(html).toMatch(/class="sla sla-due"><strong>即将到期<\/strong>/);
    expect(html).toMatch(/class="sla sla-overdue"><strong>已超时<\/strong>/);
    expect(html).toContain('120.5 万元');

    // Resolving an appeal needs how it was solved.
    const action = `${page}/appeals/${overdue.id}`;
    const missing = await send(member, page, action, { status: 'resolved', revision: '1', resolution: '' });
    expect(await missing.text()).toContain('请填写此项');
    expect(
      (await send(member, page, action, { status: 'resolved', revision: '1', resolution: '已协调加快审评' }))
        .status,
    ).toBe(303);
    expect(fakes.appeals.find((a) => a.id === overdue.id)?.status).toBe('resolved');
  });

  it('shows SLA clocks as due and overdue badges', async () => {
    const { fakes, visitor } = openPortal({ now: () => Date.parse('2026-03-18T02:00:00Z') });
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const clock = {
      id: 'clock-1',
      kind: 'first-contact' as const,
      parkId: 'dadukou-ivd',
      leadId,
      appealId: null,
      liaison: null,
      startedAt: '2026-03-16T02:00:00.000Z',
      remindAt: '2026-03-17T02:00:00.000Z',
      dueAt: '2026-03-18T10:00:00.000Z',
      escalateAt: '2026-03-20T02:00:00.000Z',
      stoppedAt: null,
      status: 'running' as const,
      remindedAt: '2026-03-17T02:00:00.000Z',
      overdueAt: null,
      escalatedAt: null,
    };
    fakes.clocks.push(clock, {
      ...clock,
      id: 'clock-2',
      kind: 'site-visit',
      dueAt: '2026-03-17T10:00:00.000Z',
      overdueAt: '2026-03-17T10:00:00.000Z',
    });
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toMatch(/首次接洽 · <strong>即将到期<\/strong>/);
    expect(html).toMatch(/实地考察 · <strong>已超时<\/strong>/);
    const board = await (await member.get('/team/board')).text();
    expect(board).toMatch(/实地考察 · <strong>已超时<\/strong>/);
  });
});

describe('the pipeline board, the lead list and the exports', () => {
  it('puts each lead in its stage’s column with its days in stage, and searches', async () => {
    const { fakes, visitor } = openPortal();
    const a = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.addLead(
      ProfileInput.parse({ ...PROFILE, firm: { ...PROFILE.firm, name: '另一家生物科技有限公司' } }),
    );
    fakes.claim(a, 'dadukou-ivd');
    const lead = fakes.leads.get(a);
    if (!lead) throw new Error('no lead');
    lead.stage = 'signed';
    lead.stageEnteredAt = '2026-03-08T02:00:00.000Z';
    const member = visitor();
    await signIn(member);
    const html = await (await member.get('/team/board')).text();
    for (const stage of [
      '线索',
      '初步接洽',
      '实地考察',
      '在谈',
      '签约',
      '注册落地',
      '开工建设',
      '投产',
      '搁置',
      '流失',
    ])
      expect(html).toContain(`>${stage} <span class="count-chip">`);
    const signedColumn = html.slice(html.indexOf('id="col-signed"'), html.indexOf('id="col-registered"'));
    expect(signedColumn).toContain(PROFILE.firm.name);
    expect(signedColumn).toContain('停留 10 天');
    expect(signedColumn).toContain('归属：本园区认领');
    const found = await (await member.get('/team/board?q=另一家')).text();
    expect(found).toContain('另一家生物科技有限公司');
    expect(found).not.toContain(PROFILE.firm.name);
    expect(fakes.calls).toContain(`GET /v1/leads?stage=lead&q=${encodeURIComponent('另一家')}&limit=30`);
  });

  it('lists the leads with filters and offers the exports, streamed with their names', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const html = await (await member.get('/team/pipeline?stage=lead&owner=none&tier=A&q=谱析')).text();
    expect(fakes.calls, fakes.calls.join('\n')).toContain(
      `GET /v1/leads?stage=lead&tier=A&owner=none&q=${encodeURIComponent('谱析')}&limit=50`,
    );
    expect(html).toContain(PROFILE.firm.name);
    expect(html).toContain('href="/team/exports/leads.xlsx"');
    expect(html).toContain('href="/team/exports/ledgers.xlsx"');
    const csv = await member.get('/team/exports/leads.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await csv.text()).toContain(PROFILE.firm.name);
    expect((await member.get('/team/exports/secrets.csv')).status).toBe(404);
  });

  it('never shows another park’s lead to a team member, on any page', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
      'dadukou-ivd': { tier: 'A', score: 85.9 },
      fuling: { tier: 'D', score: 4 },
    });
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member, 'fuling');
    for (const path of [
      '/team/inbox',
      '/team/leads',
      '/team/board',
      '/team/pipeline',
      `/team/pipeline?q=${encodeURIComponent('谱析')}`,
      '/team/dashboard',
    ]) {
      const res = await member.get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain(PROFILE.firm.name);
    }
    const lead = await member.get(`/team/leads/${leadId}`);
    expect(lead.status).toBe(404);
    expect(await lead.text()).not.toContain(PROFILE.firm.name);
    expect(await (await member.get('/team/exports/leads.csv')).text()).not.toContain(PROFILE.firm.name);
    // A form posted at it does nothing either.
    const { csrf } = await member.form('/team/board');
    const claim = await member.post(`/team/leads/${leadId}/claim`, { _csrf: csrf });
    expect(claim.status).toBe(404);
    expect(fakes.leads.get(leadId)?.owner?.parkId).toBe('dadukou-ivd');
  });

  it('escape what firms wrote on the board and the list', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(
      ProfileInput.parse({
        ...PROFILE,
        firm: { ...PROFILE.firm, name: xss },
        project: { ...PROFILE.project, title: xss },
      }),
    );
    const member = visitor();
    await signIn(member);
    for (const path of ['/team/board', '/team/pipeline']) {
      const html = await (await member.get(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('keeps a move posted after the session ended and sends it after signing in again', async () => {
    let now = Date.parse('2026-03-18T02:00:00Z');
    const { fakes, visitor } = openPortal({ idleMs: 30 * 60_000, now: () => now });
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const { csrf } = await member.form(`/team/leads/${leadId}`);
    now += 45 * 60_000;
    const kept = await (
      await member.post(`/team/leads/${leadId}/stage`, {
        _csrf: csrf,
        to: 'contacted',
        pipelineRevision: '2',
      })
    ).text();
    expect(kept).toContain('已为您保留');
    const resume = /name="resume" value="([^"]+)"/.exec(kept)?.[1] ?? '';
    const again = await (
      await member.post('/signin', { _csrf: csrfOf(kept), username: 'dadukou', password: 'demo1234', resume })
    ).text();
    expect(again).toContain(`action="/team/leads/${leadId}/stage"`);
    const sent = await member.post(`/team/leads/${leadId}/stage`, {
      _csrf: csrfOf(again),
      to: 'contacted',
      pipelineRevision: '2',
    });
    expect(sent.status).toBe(303);
    expect(fakes.leads.get(leadId)?.stage).toBe('contacted');
  });
});
