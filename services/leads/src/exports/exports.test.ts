import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenLeads, openLeads, profileInput } from '../../test/open-leads.ts';

let t: OpenLeads;
beforeEach(async () => {
  t = await openLeads();
});
afterEach(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const firmName = (seed: number) => profileInput(seed).firm.name;

/**
 * Three leads: (1) Dadukou rated A; (2) Dadukou rated D, Bio-City B; (3) Dadukou rated D but
 * owns it (handed over by a transfer), signed, with a liaison.
 */
async function threeLeads() {
  const first = await t.ratedLead({ 'dadukou-ivd': { tier: 'A', score: 88 } }, 1);
  const second = await t.ratedLead(
    { 'dadukou-ivd': { tier: 'D', score: 10 }, 'bio-city': { tier: 'B', score: 60 } },
    2,
  );
  const third = await t.ratedLead(
    { 'dadukou-ivd': { tier: 'D', score: 20 }, gaoxin: { tier: 'A', score: 90 } },
    3,
  );
  await t.leadDocs().updateOne(
    { _id: third },
    {
      $set: {
        stage: 'signed',
        stageEnteredAt: '2026-10-15T02:00:00.000Z',
        owner: { parkId: 'dadukou-ivd', by: 'city-manager', since: '2026-09-01T02:00:00.000Z' },
        liaison: { username: 'zhang.wei', by: 'dadukou-manager', since: '2026-09-01T03:00:00.000Z' },
        facts: { signed: { agreedInvestmentCny: 120_000_000, signedOn: '2026-10-15' } },
      },
    },
  );
  return { first, second, third };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows) to rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function download(path: string, token?: string) {
  const res = await t.send('GET', path, undefined, token);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function sheetOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('线索清单');
  if (!sheet) throw new Error('no sheet 线索清单');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows: Map<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(new Map(headers.map((h, i) => [String(h), row.getCell(i + 1)])));
  });
  return { headers, rows };
}

describe('lead list export (.xlsx)', () => {
  it("gives a park's team the leads its park rated A–C or owns, with Chinese headers, dates and money", async () => {
    await threeLeads();
    const { res, bytes } = await download('/v1/exports/leads.xlsx', await t.analyst('dadukou-ivd'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toContain('attachment; filename="leads_dadukou-ivd_2026-11-02.xlsx"');
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('线索清单_大渡口体外诊断产业集聚区_2026-11-02.xlsx')}`,
    );

    const { headers, rows } = await sheetOf(bytes);
    expect(headers).toEqual(
      expect.arrayContaining([
        '企业名称',
        '统一社会信用代码',
        '项目',
        '阶段',
        '归属园区',
        '联络员',
        '本园评级',
        '进入阶段日期',
        '协议投资额(元)',
      ]),
    );
    expect(rows.map((r) => r.get('企业名称')?.value)).toEqual([firmName(1), firmName(3)]);
    const signed = rows[1];
    expect(signed?.get('阶段')?.value).toBe('签约');
    expect(signed?.get('归属园区')?.value).toBe('大渡口体外诊断产业集聚区');
    expect(signed?.get('联络员')?.value).toBe('zhang.wei');
    expect(signed?.get('本园评级')?.value).toBe('D');
    expect(signed?.get('协议投资额(元)')?.value).toBe(120_000_000);
    expect(signed?.get('协议投资额(元)')?.numFmt).toBe('#,##0.00');
    // 10:00 in Shanghai on 15 October: a date cell, shown as a date.
    expect(signed?.get('进入阶段日期')?.value).toEqual(new Date('2026-10-15T00:00:00.000Z'));
    expect(signed?.get('进入阶段日期')?.numFmt).toBe('yyyy-mm-dd');
    expect(signed?.get('本阶段天数')?.value).toBe(18);
    expect(rows[0]?.get('阶段')?.value).toBe('线索');
    expect(rows[0]?.get('归属园区')?.value).toBeNull();
  });

  it('gives city-wide staff every lead with every park’s tier; nothing to a firm or without a token', async () => {
    const { first } = await threeLeads();
    const { res, bytes } = await download('/v1/exports/leads.xlsx', await t.manager());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('leads_city_2026-11-02.xlsx');
    const { headers, rows } = await sheetOf(bytes);
    expect(headers).toContain('重庆国际生物城评级');
    expect(headers).not.toContain('本园评级');
    expect(rows.map((r) => r.get('企业名称')?.value)).toEqual([firmName(1), firmName(2), firmName(3)]);
    expect(rows[1]?.get('重庆国际生物城评级')?.value).toBe('B');

    const firm = await t.token({ sub: `firm:${first}`, role: 'firm', leadId: first });
    expect((await t.send('GET', '/v1/exports/leads.xlsx', undefined, firm)).status).toBe(403);
    expect((await t.send('GET', '/v1/exports/leads.xlsx')).status).toBe(401);
  });

  it("gives a park that rated a lead another park claimed (首报首谈) the business columns and the owner, never the owner's deal", async () => {
    await threeLeads();
    // Gaoxin rated the third lead A, but Dadukou owns it, signed, with a liaison.
    const { bytes } = await download('/v1/exports/leads.xlsx', await t.analyst('gaoxin'));
    const { rows } = await sheetOf(bytes);
    expect(rows.map((r) => r.get('企业名称')?.value)).toEqual([firmName(3)]);
    const [theirs] = rows;
    expect(theirs?.get('统一社会信用代码')?.value).toBe(profileInput(3).firm.creditCode);
    expect(theirs?.get('项目')?.value).toBe(profileInput(3).project.title);
    expect(theirs?.get('阶段')?.value).toBe('签约');
    expect(theirs?.get('归属园区')?.value).toBe('大渡口体外诊断产业集聚区');
    expect(theirs?.get('本园评级')?.value).toBe('A');
    expect(theirs?.get('本园匹配分')?.value).toBe(90);
    for (const withheld of ['联络员', '协议投资额(元)', '签约日期', '落地企业', '注册资本(元)', '注册日期'])
      expect(theirs?.get(withheld)?.value, withheld).toBeNull();
  });
});

describe('lead list export (CSV)', () => {
  it('is UTF-8 with a BOM, CRLF lines, only what the caller may see, and never a contact', async () => {
    await threeLeads();
    const { res, bytes } = await download('/v1/exports/leads.csv', await t.analyst('bio-city'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('线索清单_重庆国际生物城_2026-11-02.csv')}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['企业名称', '统一社会信用代码', '所在地', '项目']);
    expect(lines.slice(1, -1)).toHaveLength(1);
    expect(lines[1]).toContain(firmName(2));
    expect(lines.at(-1)).toBe('');
    expect(bytes.toString('utf8')).not.toContain(profileInput(2).contact.phone);
  });

  it('writes dates as dates, amounts as plain numbers, and never a formula', async () => {
    const { third } = await threeLeads();
    await t
      .leadDocs()
      .updateOne({ _id: third }, { $set: { 'profile.firm.name': '=HYPERLINK("http://x","点我")' } });
    const { bytes } = await download('/v1/exports/leads.csv', await t.analyst('dadukou-ivd'));
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    const [header = [], , row = []] = parseCsv(text.slice(1));
    const cells = new Map(header.map((h, i) => [h, row[i]]));
    expect(cells.get('企业名称')).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(cells.get('协议投资额(元)')).toBe('120000000');
    expect(cells.get('签约日期')).toBe('2026-10-15');
    expect(cells.get('进入阶段日期')).toBe('2026-10-15');
  });

  it("leaves the liaison and the deal's facts empty on a lead another park owns", async () => {
    const { third } = await threeLeads();
    await t.leadDocs().updateOne(
      { _id: third },
      {
        $set: {
          stage: 'registered',
          'facts.registered': {
            entityName: '重庆谱析体外诊断有限公司',
            creditCode: '91500104MA60000001',
            registeredCapitalCny: 50_000_000,
            registeredOn: '2026-10-20',
          },
        },
      },
    );
    const gaoxin = (await download('/v1/exports/leads.csv', await t.analyst('gaoxin'))).bytes.toString(
      'utf8',
    );
    const [header = [], row = []] = parseCsv(gaoxin.slice(1));
    const cells = new Map(header.map((h, i) => [h, row[i]]));
    expect(cells.get('企业名称')).toBe(firmName(3));
    expect(cells.get('归属园区')).toBe('大渡口体外诊断产业集聚区');
    expect(cells.get('阶段')).toBe('注册落地');
    for (const withheld of ['联络员', '协议投资额(元)', '签约日期', '落地企业', '注册资本(元)', '注册日期'])
      expect(cells.get(withheld), withheld).toBe('');
    for (const secret of ['zhang.wei', '120000000', '重庆谱析体外诊断有限公司', '50000000'])
      expect(gaoxin).not.toContain(secret);
    // The owner park's own export keeps them.
    const dadukou = (await download('/v1/exports/leads.csv', await t.analyst('dadukou-ivd'))).bytes.toString(
      'utf8',
    );
    for (const kept of ['zhang.wei', '120000000', '重庆谱析体外诊断有限公司'])
      expect(dadukou).toContain(kept);
  });
});

describe('reading the leads a caller may see, page by page', () => {
  it('pages in id order without repeats, and keeps to the caller’s scope', async () => {
    for (let seed = 1; seed <= 5; seed++)
      await t.ratedLead({ gaoxin: { tier: seed === 4 ? 'D' : 'C', score: 40 } }, seed);
    const pages: string[][] = [];
    for await (const page of t.leads.visiblePages({ sub: 'g', role: 'analyst', parkId: 'gaoxin' }, 2))
      pages.push(page.map((lead) => lead._id));
    expect(pages.map((p) => p.length)).toEqual([2, 2]);
    const ids = pages.flat();
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => !id.endsWith('4'))).toBe(true);
    const none: unknown[] = [];
    for await (const page of t.leads.visiblePages({ sub: 'f', role: 'analyst', parkId: 'fuling' }))
      none.push(page);
    expect(none).toEqual([]);
  });
});

describe('ledger export (.xlsx)', () => {
  /** Lead 1 owned by Dadukou (operating: a key firm) with visits, appeals and figures; lead 2 Bio-City's. */
  async function ledgers() {
    const ours = await t.ratedLead({ 'dadukou-ivd': { tier: 'A', score: 88 } }, 1);
    const theirs = await t.ratedLead({ 'bio-city': { tier: 'B', score: 60 } }, 2);
    const own = (parkId: string) => ({ parkId, by: `${parkId}-analyst`, since: '2026-06-01T02:00:00.000Z' });
    await t.leadDocs().updateOne(
      { _id: ours },
      {
        $set: {
          stage: 'operating',
          owner: own('dadukou-ivd'),
          liaison: { username: 'zhang.wei', by: 'dadukou-manager', since: '2026-06-01T03:00:00.000Z' },
          expectations: {
            expectedAnnualOutputCny: 200_000_000,
            by: 'zhang.wei',
            at: '2026-06-02T02:00:00.000Z',
          },
        },
      },
    );
    await t.leadDocs().updateOne({ _id: theirs }, { $set: { owner: own('bio-city') } });
    const visit = (id: string, leadId: string, parkId: string, date: string) => ({
      _id: id,
      leadId,
      parkId,
      date,
      participants: ['张伟', '企业总经理'],
      summary: `${date} 洽谈厂房面积`,
      by: 'zhang.wei',
      createdAt: `${date}T08:00:00.000Z`,
    });
    await t.ledgers.visits.insert(visit('v2', ours, 'dadukou-ivd', '2026-10-20'), []);
    await t.ledgers.visits.insert(visit('v1', ours, 'dadukou-ivd', '2026-09-10'), []);
    await t.ledgers.visits.insert(visit('v3', theirs, 'bio-city', '2026-10-01'), []);
    await t.ledgers.appeals.insert(
      {
        _id: 'a1',
        leadId: ours,
        parkId: 'dadukou-ivd',
        category: 'registration',
        title: '二类注册证审评加快',
        description: '希望加快化学发光试剂注册审评',
        department: '区市场监管局',
        dueOn: '2026-10-01',
        status: 'in-progress',
        revision: 2,
        history: [],
        openedBy: 'zhang.wei',
        openedAt: '2026-09-12T02:00:00.000Z',
        updatedAt: '2026-09-20T02:00:00.000Z',
      },
      [],
    );
    for (const [month, revenueCny] of [
      ['2026-09', 8_500_000],
      ['2026-08', 7_200_000],
    ] as const) {
      await t.ledgers.figures.insert(
        {
          _id: `${ours}:${month}`,
          leadId: ours,
          parkId: 'dadukou-ivd',
          month,
          mainBusiness: 'POCT 试剂',
          productionScale: '日产 10 万人份',
          revenueCny,
          taxCny: 420_000,
          employees: 130,
          certificatesObtained: 1,
          reportedBy: 'zhang.wei',
          reportedAt: `${month}-28T02:00:00.000Z`,
          history: [],
          revision: 1,
        },
        [],
      );
    }
  }

  async function workbookOf(bytes: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const out: Map<string, ExcelJS.Cell>[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) out.push(new Map(headers.map((h, i) => [h, row.getCell(i + 1)])));
      });
      return { headers, rows: out };
    };
    return { names: workbook.worksheets.map((s) => s.name), rows };
  }

  it("gives a park's team one sheet per part of its own park's ledgers, firm by firm", async () => {
    await ledgers();
    const { res, bytes } = await download('/v1/exports/ledgers.xlsx', await t.analyst('dadukou-ivd'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('两本台账_大渡口体外诊断产业集聚区_2026-11-02.xlsx')}`,
    );
    const book = await workbookOf(bytes);
    expect(book.names).toEqual([
      '一企一策·企业',
      '一企一策·走访洽谈',
      '一企一策·企业诉求',
      '重点培育·月度数据',
    ]);

    const firms = book.rows('一企一策·企业');
    expect(firms.rows.map((r) => r.get('企业名称')?.value)).toEqual([firmName(1)]);
    expect(firms.rows[0]?.get('联络员')?.value).toBe('zhang.wei');
    expect(firms.rows[0]?.get('预计年产值(元)')?.value).toBe(200_000_000);

    const visits = book.rows('一企一策·走访洽谈');
    expect(visits.headers.slice(0, 4)).toEqual(['企业名称', '统一社会信用代码', '归属园区', '走访日期']);
    expect(visits.rows.map((r) => r.get('走访日期')?.value)).toEqual([
      new Date('2026-09-10T00:00:00.000Z'),
      new Date('2026-10-20T00:00:00.000Z'),
    ]);
    expect(visits.rows[0]?.get('参与人员')?.value).toBe('张伟、企业总经理');

    const appeals = book.rows('一企一策·企业诉求');
    expect(appeals.rows).toHaveLength(1);
    expect(appeals.rows[0]?.get('诉求类别')?.value).toBe('注册审批');
    expect(appeals.rows[0]?.get('状态')?.value).toBe('办理中');
    expect(appeals.rows[0]?.get('是否逾期')?.value).toBe('是');

    const figures = book.rows('重点培育·月度数据');
    expect(figures.rows.map((r) => [r.get('月份')?.value, r.get('营业收入(元)')?.value])).toEqual([
      ['2026-08', 7_200_000],
      ['2026-09', 8_500_000],
    ]);
    expect(figures.rows[0]?.get('营业收入(元)')?.numFmt).toBe('#,##0.00');
  });

  it("gives city-wide staff every park's ledgers, and a firm nothing", async () => {
    await ledgers();
    const { bytes } = await download('/v1/exports/ledgers.xlsx', await t.manager());
    const book = await workbookOf(bytes);
    expect(book.rows('一企一策·企业').rows.map((r) => r.get('归属园区')?.value)).toEqual([
      '重庆国际生物城',
      '大渡口体外诊断产业集聚区',
    ]);
    expect(book.rows('一企一策·走访洽谈').rows).toHaveLength(3);
    const other = await t.analyst('bio-city');
    const theirs = await workbookOf((await download('/v1/exports/ledgers.xlsx', other)).bytes);
    expect(theirs.rows('一企一策·走访洽谈').rows.map((r) => r.get('企业名称')?.value)).toEqual([firmName(2)]);
    expect(theirs.rows('重点培育·月度数据').rows).toEqual([]);
    const firm = await t.token({ sub: 'firm:x', role: 'firm', leadId: 'x' });
    expect((await t.send('GET', '/v1/exports/ledgers.xlsx', undefined, firm)).status).toBe(403);
  });
});
