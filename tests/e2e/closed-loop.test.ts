import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { creditCode } from './fixtures.ts';

// Issue 9's journey, through the public API of the real processes: Dadukou's team claims a
// lead (Bio-City's claim is refused: 首报首谈), walks it from 线索 to 投产 with the facts of
// each stage (a stale move is refused), logs two visits, opens and resolves an appeal,
// reports three months of figures and downloads the ledgers as .xlsx with Chinese headers.

const DADUKOU = 'dadukou-ivd';
const BIO_CITY = 'bio-city';

/** A rehabilitation-aids maker: wanted by Dadukou and by Bio-City (both rate it above D). */
const rehabAids = {
  firm: {
    name: '康行智能康复器械有限公司',
    creditCode: creditCode('91440300MA5KX7Q1'),
    province: '广东',
    city: '深圳',
    foundedYear: 2016,
    employees: 120,
    qualifications: ['high-tech', 'specialised-sme'],
    registrationCertificates: 6,
  },
  project: {
    title: '智能康复辅具生产基地',
    type: 'production',
    description: '我们研发生产康复辅具：智能轮椅、下肢外骨骼康复机器人和助行器，拥有二类医疗器械注册证。',
    products: ['智能轮椅', '下肢外骨骼康复机器人'],
    growthStage: 'growth',
    plannedInvestmentCny: 120_000_000,
    expectedAnnualOutputCny: 200_000_000,
    timelineMonths: 8,
    needs: ['registration', 'standard-factory'],
  },
  contact: { name: '周经理', email: 'zhou@example.com' },
  consent: { dataUse: true },
};

/** Today as the parks count days (Asia/Shanghai): the lead was received today, so nothing of it is older. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface TeamLead {
  stage: string;
  pipelineRevision: number;
  owner?: { parkId: string };
  legalMoves: { to: string; needs: string[] }[];
}

describe('the closed loop through the API', () => {
  let system: TestSystem;
  let dadukou: string;
  let manager: string;
  let bioCity: string;
  let leadId: string;
  const leads = () => system.urls.leads;
  const send = (method: string, path: string, body: unknown, token: string) =>
    fetch(`${leads()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const lead = async () => (await getJson<TeamLead>(`${leads()}/v1/leads/${leadId}`, dadukou)).body;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start(['leads', 'matching']);
    const admin = await signIn(leads(), 'admin', 'admin');
    for (const [username, role, parkId] of [
      ['dadukou', 'analyst', DADUKOU],
      ['dadukou-manager', 'manager', DADUKOU],
      ['dadukou-liaison', 'analyst', DADUKOU],
      ['biocity', 'analyst', BIO_CITY],
    ] as const) {
      await postJson(`${leads()}/v1/users`, { username, password: 'demo1234', role, parkId }, admin);
    }
    dadukou = await signIn(leads(), 'dadukou', 'demo1234');
    manager = await signIn(leads(), 'dadukou-manager', 'demo1234');
    bioCity = await signIn(leads(), 'biocity', 'demo1234');
    const res = await postJson(`${leads()}/v1/profiles`, rehabAids);
    expect(res.status).toBe(201);
    leadId = ((await res.json()) as { id: string }).id;
    // Both parks rate it (matching → leads over the bus) before anyone may claim it.
    await vi.waitFor(
      async () => {
        const { body } = await getJson<{ parks: Record<string, { tier: string }> }>(
          `${leads()}/v1/profiles/${leadId}`,
          admin,
        );
        const tiers = [body.parks?.[DADUKOU]?.tier, body.parks?.[BIO_CITY]?.tier];
        if (!tiers.every((t) => t && t !== 'D')) throw new Error(`not rated A–C by both parks yet: ${tiers}`);
      },
      { timeout: 20_000, interval: 200 },
    );
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('gives the lead to the first park that claims it, and tells the second who owns it', async () => {
    const [first, second] = await Promise.all([
      send('POST', `/v1/leads/${leadId}/claim`, {}, dadukou),
      new Promise<Response>((resolve) =>
        setTimeout(() => resolve(send('POST', `/v1/leads/${leadId}/claim`, {}, bioCity)), 50),
      ),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(JSON.stringify(await second.json())).toContain(DADUKOU);
    expect((await lead()).owner?.parkId).toBe(DADUKOU);
  });

  it('walks it from 线索 to 投产 with the facts of each stage, refusing a stale move', async () => {
    const today = shanghaiToday();
    const steps: { to: string; facts?: Record<string, unknown> }[] = [
      { to: 'contacted' },
      { to: 'site-visit' },
      { to: 'negotiating' },
      { to: 'signed', facts: { agreedInvestmentCny: 120_000_000, signedOn: today } },
      {
        to: 'registered',
        facts: {
          entityName: '康行智能康复器械（重庆）有限公司',
          creditCode: creditCode('91500104MA7GX2L3'),
          registeredCapitalCny: 50_000_000,
          registeredOn: today,
        },
      },
      { to: 'construction', facts: { startedOn: today, expectedAnnualOutputCny: 200_000_000 } },
      { to: 'operating', facts: { startedOn: today, expectedAnnualOutputCny: 200_000_000 } },
    ];
    for (const step of steps) {
      const { pipelineRevision, legalMoves } = await lead();
      expect(legalMoves.map((m) => m.to)).toContain(step.to);
      const res = await send('POST', `/v1/leads/${leadId}/stage`, { ...step, pipelineRevision }, dadukou);
      expect(res.status, `${step.to}: ${await res.clone().text()}`).toBe(200);
      // The same move made on the revision read before it is stale now.
      const stale = await send('POST', `/v1/leads/${leadId}/stage`, { ...step, pipelineRevision }, dadukou);
      expect(stale.status).toBe(409);
    }
    expect((await lead()).stage).toBe('operating');
  });

  it('keeps the 一企一策 and 重点培育 ledgers and exports them as .xlsx with Chinese headers', async () => {
    const { pipelineRevision } = await lead();
    expect(
      (
        await send(
          'PUT',
          `/v1/leads/${leadId}/liaison`,
          { username: 'dadukou-liaison', pipelineRevision },
          manager,
        )
      ).status,
    ).toBe(200);
    // The day the lead was received: a visit is never dated before it.
    const visitDay = shanghaiToday();
    for (const summary of ['首次座谈：介绍园区注册服务与标准厂房', '实地考察标准厂房，确认洁净车间需求']) {
      const res = await send(
        'POST',
        `/v1/leads/${leadId}/visits`,
        { date: visitDay, participants: ['张伟', '周经理'], summary },
        dadukou,
      );
      expect(res.status).toBe(201);
    }
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const opened = await send(
      'POST',
      `/v1/leads/${leadId}/appeals`,
      {
        category: 'registration',
        title: '二类器械注册变更',
        description: '产地变更需加快注册',
        department: '区市场监管局',
        dueOn: due,
      },
      dadukou,
    );
    expect(opened.status).toBe(201);
    const appeal = (await opened.json()) as { id: string; revision: number };
    const resolved = await send(
      'PATCH',
      `/v1/appeals/${appeal.id}`,
      {
        status: 'resolved',
        resolution: '审评查验服务站提前介入，20 个工作日完成',
        revision: appeal.revision,
      },
      dadukou,
    );
    expect(resolved.status).toBe(200);
    const month = (back: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - back);
      return d.toISOString().slice(0, 7);
    };
    for (const back of [3, 2, 1]) {
      const res = await send(
        'PUT',
        `/v1/leads/${leadId}/figures/${month(back)}`,
        {
          mainBusiness: '康复辅具',
          productionScale: '年产智能轮椅 2 万台',
          revenueCny: 12_000_000 + back,
          taxCny: 800_000,
          employees: 120,
          certificatesObtained: 1,
        },
        dadukou,
      );
      expect([200, 201]).toContain(res.status);
    }

    const xlsx = await fetch(`${leads()}/v1/exports/ledgers.xlsx`, {
      headers: { authorization: `Bearer ${dadukou}` },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const headers = (name: string) => {
      const sheet = book.worksheets.find((s) => s.name.includes(name));
      return (sheet?.getRow(1).values as unknown[] | undefined)?.filter(Boolean) ?? [];
    };
    expect(book.worksheets.map((s) => s.name).join(' ')).toMatch(/一企一策.*重点培育/);
    expect(headers('走访').join(' ')).toMatch(/[\u4e00-\u9fff]/);
    const rows = (name: string) => (book.worksheets.find((s) => s.name.includes(name))?.rowCount ?? 1) - 1;
    expect(rows('走访')).toBe(2);
    expect(rows('诉求')).toBe(1);
    expect(rows('月度')).toBe(3);
    // Bio-City's team sees none of Dadukou's ledgers.
    const other = await fetch(`${leads()}/v1/exports/ledgers.xlsx`, {
      headers: { authorization: `Bearer ${bioCity}` },
    });
    const otherBook = new ExcelJS.Workbook();
    await otherBook.xlsx.load(await other.arrayBuffer());
    expect(otherBook.worksheets.every((s) => s.rowCount <= 1)).toBe(true);
  });
});
