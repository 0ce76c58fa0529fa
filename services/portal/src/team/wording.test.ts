import { type InboxItem, ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import type { FakeServices } from '../../test/fake-services.ts';
import { creditCode, openPortal, PROFILE, type Visitor } from '../../test/portal.ts';

// What a person reads on the team's pages, as an outside walk through the portal found it:
// no two tiers for one lead without a word, no raw codes, park ids, revision numbers or ISO
// dates where words are expected, deadlines on the day they fall, ownership as it came about.

async function signIn(member: Visitor, username = 'dadukou') {
  const { csrf } = await member.form('/signin');
  const res = await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' });
  expect(res.status).toBe(303);
}

/** The portal on the fakes, with some of the services' answers replaced by what the real ones say. */
const openPortalWith = (answer: (request: Request) => Response | undefined) => openPortal({ answer });

const problem = (status: number, detail: string, errors?: unknown[]) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'error', status, detail, errors }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('the inbox', () => {
  /** An entry announced at tier A, 77.5, of a lead re-scored since to B, 63.4. */
  function rescoredEntry(fakes: FakeServices, leadId: string): InboxItem {
    const entry: InboxItem = {
      id: 'inbox-rescored',
      parkId: 'dadukou-ivd',
      leadId,
      kind: 'new-lead',
      tier: 'B',
      score: 63.4,
      firmName: PROFILE.firm.name,
      projectTitle: PROFILE.project.title,
      title: { zh: `新线索（A级）：${PROFILE.firm.name}`, en: `New lead (tier A): ${PROFILE.firm.name}` },
      lines: {
        zh: ['大渡口体外诊断产业集聚区评分 77.5（A级）', '企业于 2026-04-10 提交'],
        en: ['Score at Dadukou IVD Cluster: 77.5 (tier A)', 'Submitted on 2026-04-10'],
      },
      reasons: { zh: [], en: [] },
      createdAt: '2026-04-10T02:00:00.000Z',
      readAt: null,
    };
    fakes.inbox.length = 0;
    fakes.inbox.push(entry);
    return entry;
  }

  it('says a lead was re-scored since an entry was announced, never showing two tiers unexplained', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    rescoredEntry(fakes, leadId);
    const member = visitor();
    await signIn(member);
    const zh = await (await member.get('/team/inbox')).text();
    expect(zh).toContain('当前评级');
    expect(zh).toContain('<span class="announced">通知于 2026年4月10日 10:00：</span>新线索（A级）');
    expect(zh).toContain('此后已重新评分：当前为 B 级（63.4 分），通知时为 A 级（77.5 分）。');
    const en = await (await member.get('/team/inbox?lang=en')).text();
    expect(en).toContain('Re-scored since: now tier B (63.4); when announced tier A (77.5).');
  });

  it('says nothing more of an entry whose lead still has the tier and score it announced', async () => {
    const { fakes, visitor } = openPortal();
    fakes.addLead(ProfileInput.parse(PROFILE)); // announced at A, 85.9; still A, 85.9
    const member = visitor();
    await signIn(member);
    const html = await (await member.get('/team/inbox')).text();
    expect(html).toContain('新线索（A级）');
    expect(html).not.toContain('重新评分');
    expect(html).not.toContain('class="announced"');
  });

  it('writes the days in an entry’s lines as the page’s language reads them', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    rescoredEntry(fakes, leadId);
    const member = visitor();
    await signIn(member);
    const zh = await (await member.get('/team/inbox')).text();
    expect(zh).toContain('企业于 2026年4月10日 提交');
    expect(zh).not.toContain('2026-04-10<');
    expect(zh).not.toContain('2026-04-10 ');
    const en = await (await member.get('/team/inbox?lang=en')).text();
    expect(en).toContain('Submitted on 10 Apr 2026');
  });
});

describe('the lead page in words', () => {
  it('names matched directions by their labels, the code only as a tooltip', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain('<strong title="ivd.mass-spec">临床质谱</strong>');
    expect(html).not.toContain('<code>ivd.mass-spec</code>');
  });

  it('names the park in the service’s refusal of a liaison, not its id', async () => {
    const { fakes, visitor } = openPortalWith((request) =>
      request.method === 'PUT' && request.url.endsWith('/liaison')
        ? problem(400, '联络员须为认领园区的分析员或经理', [
            {
              path: 'username',
              message: 'biocity-liaison 不是园区 dadukou-ivd 的分析员或经理',
              messageEn: 'biocity-liaison is not an analyst or manager of park dadukou-ivd',
              code: 'not-in-park',
            },
          ])
        : undefined,
    );
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const { csrf } = await member.form(`/team/leads/${leadId}`);
    const fields = { _csrf: csrf, username: 'biocity-liaison', pipelineRevision: '2' };
    const zh = await (await member.post(`/team/leads/${leadId}/liaison`, fields)).text();
    expect(zh).toContain('biocity-liaison 不是「大渡口体外诊断产业集聚区」的分析员或经理');
    expect(zh).not.toContain('园区 dadukou-ivd');
    const en = await (await member.post(`/team/leads/${leadId}/liaison?lang=en`, fields)).text();
    expect(en).toContain('biocity-liaison is not an analyst or manager of Dadukou IVD Cluster');
  });

  it('says an appeal changed meanwhile with its status in words, no revision number', async () => {
    const { fakes, visitor } = openPortalWith((request) =>
      request.method === 'PATCH' && request.url.includes('/v1/appeals/')
        ? problem(409, '诉求已被他人修改（当前状态 in-progress，版本 2），请重新读取后再试', [
            { path: 'revision', message: '已过期，当前为 2', messageEn: 'stale', code: 'stale' },
          ])
        : undefined,
    );
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const { csrf } = await member.form(`/team/leads/${leadId}`);
    const opened = await member.post(`/team/leads/${leadId}/appeals`, {
      _csrf: csrf,
      category: 'registration',
      title: '注册证办理',
      description: '需要协调省药监局',
      department: '市场监管局',
      dueOn: '2026-12-20',
    });
    expect(opened.status).toBe(303);
    const appeal = fakes.appeals[0];
    if (!appeal) throw new Error('no appeal');
    // Someone else took it up meanwhile.
    appeal.status = 'in-progress';
    appeal.revision = 2;
    const html = await (
      await member.post(`/team/leads/${leadId}/appeals/${appeal.id}`, {
        _csrf: csrf,
        status: 'in-progress',
        revision: '1',
      })
    ).text();
    expect(html).toContain('此诉求已被他人更新，当前状态为「<strong>办理中</strong>」，请在最新页面上重试。');
    expect(html).not.toContain('当前状态 in-progress');
    expect(html).not.toContain('版本 2');
  });

  it('shows a deadline at the end of a day as that day, never 00:00 of the next', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const clock = {
      kind: 'appeal' as const,
      parkId: 'dadukou-ivd',
      leadId,
      appealId: 'appeal-1',
      liaison: null,
      startedAt: '2026-03-18T02:00:00.000Z',
      remindAt: '2026-12-18T01:00:00.000Z',
      escalateAt: '2026-12-24T16:00:00.000Z',
      stoppedAt: null,
      status: 'running' as const,
      remindedAt: null,
      overdueAt: null,
      escalatedAt: null,
    };
    // Due by the end of 20 December in Shanghai (the service's 24:00 of that day).
    fakes.clocks.push({ ...clock, id: 'clock-1', dueAt: '2026-12-20T16:00:00.000Z' });
    // A deadline with an hour of its own keeps it.
    fakes.clocks.push({
      ...clock,
      id: 'clock-2',
      kind: 'first-contact',
      appealId: null,
      dueAt: '2026-12-22T09:30:00.000Z',
    });
    const member = visitor();
    await signIn(member);
    const zh = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(zh).toContain('诉求办理 · <strong>期限</strong> 2026年12月20日（当日内）');
    expect(zh).not.toContain('2026年12月21日');
    expect(zh).toContain('首次接洽 · <strong>期限</strong> 2026年12月22日 17:30');
    const en = await (await member.get(`/team/leads/${leadId}?lang=en`)).text();
    expect(en).toContain('<strong>Due</strong> 20 Dec 2026 (by end of day)');
  });

  it('says a lead was transferred (划转): by whom, when, from which park', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE), {
      'dadukou-ivd': { tier: 'A', score: 85.9 },
      fuling: { tier: 'B', score: 60 },
    });
    fakes.claim(leadId, 'dadukou-ivd');
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    const at = '2026-03-18T06:30:00.000Z';
    lead.owner = { parkId: 'fuling', by: 'city-manager', since: at };
    lead.history.push({
      kind: 'transferred',
      at,
      by: 'city-manager',
      parkId: 'fuling',
      from: 'dadukou-ivd',
      to: 'fuling',
      note: '企业更看重原料药配套',
    });
    const city = visitor();
    await signIn(city, 'city-manager');
    const html = await (await city.get(`/team/leads/${leadId}`)).text();
    const ownership = html.slice(html.indexOf('id="ownership"'), html.indexOf('id="pipeline"'));
    expect(ownership).toContain('已划转至：涪陵现代中药产业集聚区');
    expect(ownership).toContain('<dt>划转自</dt><dd>大渡口体外诊断产业集聚区</dd>');
    expect(ownership).toContain('<dt>划转人</dt><dd>city-manager</dd>');
    expect(ownership).toContain('<dt>划转时间</dt><dd>2026年3月18日 14:30</dd>');
    expect(ownership).toContain('<dt>划转原因</dt><dd>企业更看重原料药配套</dd>');
    expect(ownership).not.toContain('认领人');
    expect(ownership).not.toContain('认领时间');
    const fuling = visitor();
    await signIn(fuling, 'fuling');
    const ours = await (await fuling.get(`/team/leads/${leadId}`)).text();
    expect(ours).toContain('已划转至本园区跟进');
    expect(ours).not.toContain('本园区跟进中');
  });

  it('says a lead was claimed as before when its last change of owner was a claim', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain('本园区跟进中');
    expect(html).toContain('<dt>认领人</dt><dd>dadukou</dd>');
    expect(html).not.toContain('划转人');
  });

  it('says a withdrawn lead was withdrawn by the firm, not that the park works it', async () => {
    const { fakes, visitor } = openPortal();
    const leadId = fakes.addLead(ProfileInput.parse(PROFILE));
    fakes.claim(leadId, 'dadukou-ivd');
    const lead = fakes.leads.get(leadId);
    if (!lead) throw new Error('no lead');
    lead.stage = 'withdrawn';
    lead.stageEnteredAt = '2026-03-18T02:00:00.000Z';
    const member = visitor();
    await signIn(member);
    const html = await (await member.get(`/team/leads/${leadId}`)).text();
    expect(html).toContain('企业已撤回此项目，不再跟进');
    expect(html).toContain('<dt>撤回时间</dt><dd>2026年3月18日 10:00</dd>');
    expect(html).not.toContain('本园区跟进中');
    // Unclaimed and withdrawn: not "no park has claimed it yet".
    const other = fakes.addLead(
      ProfileInput.parse({
        ...PROFILE,
        firm: { ...PROFILE.firm, creditCode: creditCode('91500000MA5U7W1') },
      }),
    );
    const unclaimed = fakes.leads.get(other);
    if (!unclaimed) throw new Error('no lead');
    unclaimed.stage = 'withdrawn';
    const closed = await (await member.get(`/team/leads/${other}`)).text();
    expect(closed).toContain('企业已撤回此项目');
    expect(closed).not.toContain('尚无园区认领');
  });
});

describe('forms in English', () => {
  it('mark optional fields with ASCII parentheses', async () => {
    const { visitor } = openPortal();
    const en = await (await visitor().get('/firm/new?lang=en')).text();
    expect(en).toContain('<span class="opt">(optional)</span>');
    expect(en).not.toContain('（optional）');
    const zh = await (await visitor().get('/firm/new')).text();
    expect(zh).toContain('<span class="opt">（选填）</span>');
  });
});
