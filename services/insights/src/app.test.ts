import type { Principal } from '@parkmatch/service-kit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figures } from '../test/events.ts';
import { openInsights } from '../test/open-insights.ts';
import { SCENARIO, SCENARIO_NOW } from '../test/scenario.ts';

// The HTTP API over the scenario of test/scenario.ts (Q1 2026): who may ask what, bad input,
// CSV, and targets with their progress and history.

let insights: Awaited<ReturnType<typeof openInsights>>;
const tokens: Record<string, string> = {};
const PRINCIPALS: Record<string, Principal> = {
  admin: { sub: 'admin', role: 'admin' },
  city: { sub: 'city-manager', role: 'manager' },
  dadukouManager: { sub: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
  dadukou: { sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
  firm: { sub: 'firm', role: 'firm', leadId: 'L1' },
};

beforeAll(async () => {
  insights = await openInsights({ now: () => new Date(SCENARIO_NOW) });
  await insights.model.apply(SCENARIO);
  for (const [name, principal] of Object.entries(PRINCIPALS))
    tokens[name] = await insights.tokens.sign(principal);
});
afterAll(async () => insights?.close());

const get = (path: string, who: string, headers: Record<string, string> = {}) =>
  insights.app.request(path, { headers: { authorization: `Bearer ${tokens[who]}`, ...headers } });
const put = (body: unknown, who: string) =>
  insights.app.request('/v1/targets', {
    method: 'PUT',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const Q1 = 'period=quarter&date=2026-02-15';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csvText = async (res: Response) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

/** A workbook's sheets: name → rows of cell values (header row first). */
async function sheets(res: Response): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const out: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => void rows.push((row.values as unknown[]).slice(1)));
    out[sheet.name] = rows;
  });
  return out;
}

describe('metrics over HTTP', () => {
  it('answers the city funnel for a city manager', async () => {
    const res = await get(`/v1/metrics/funnel?${Q1}`, 'city');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      scope: { parkId: null };
      stages: { stage: string; entered: number }[];
    };
    expect(body.scope.parkId).toBeNull();
    expect(body.stages.find((s) => s.stage === 'lead')?.entered).toBe(5);
  });

  it('gives an analyst its own park when none is named, and 403 for another park', async () => {
    const own = (await (await get(`/v1/metrics/conversion?${Q1}`, 'dadukou')).json()) as {
      scope: { parkId: string };
      steps: { cohort: number }[];
    };
    expect(own.scope.parkId).toBe('dadukou-ivd');
    expect(own.steps[0]?.cohort).toBe(3);
    expect((await get(`/v1/metrics/funnel?${Q1}&parkId=bio-city`, 'dadukou')).status).toBe(403);
  });

  it('refuses firms and callers without a token', async () => {
    expect((await get(`/v1/metrics/funnel?${Q1}`, 'firm')).status).toBe(403);
    expect((await insights.app.request('/v1/metrics/funnel')).status).toBe(401);
  });

  it('answers 400 with the field for a period ending before it starts, an unknown park, a bad threshold', async () => {
    const backwards = await get('/v1/metrics/time-in-stage?from=2026-03-01&to=2026-02-01', 'admin', {
      'accept-language': 'zh',
    });
    expect(backwards.status).toBe(400);
    const problem = (await backwards.json()) as {
      detail: string;
      errors: { path: string; messageEn: string }[];
    };
    expect(problem.detail).toContain('统计期间');
    expect(problem.errors[0]).toMatchObject({
      path: 'to',
      messageEn: expect.stringContaining('before it starts'),
    });

    const unknown = await get('/v1/metrics/funnel?parkId=atlantis', 'admin');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('parkId');

    const threshold = await get('/v1/metrics/time-in-stage?stuckAfterDays=-3', 'admin');
    expect(threshold.status).toBe(400);
    expect(((await threshold.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'stuckAfterDays',
    );
  });

  it('serves each view’s tables as CSV with a BOM', async () => {
    const res = await get(`/v1/metrics/time-in-stage?${Q1}&format=csv&table=stuck`, 'admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF线索 leadId,')).toBe(true);
    // Times as the leads export writes them: the Shanghai wall clock, to the minute (L3 came at
    // 09:00 on 8 January, Shanghai time; 01:00 UTC)
    expect(text).toContain('L3,,lead,2026-01-08 09:00,');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect((await get(`/v1/metrics/funnel?${Q1}&format=csv&table=nope`, 'admin')).status).toBe(400);
  });

  it('serves every table of a view as an xlsx workbook, a sheet each, Chinese headers with the field codes', async () => {
    const res = await get(`/v1/metrics/time-in-stage?${Q1}&format=xlsx`, 'admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="getTimeInStage_city_2026-01-01_2026-03-31.xlsx"',
    );
    const book = await sheets(res);
    expect(Object.keys(book)).toEqual(['停留时长 stages', '滞留线索 stuck']);
    expect(book['停留时长 stages']?.[0]?.slice(0, 4)).toEqual([
      '阶段 stage',
      '阶段名称 label',
      '期间离开 left',
      '自然日中位数 calendarMedian',
    ]);
    // The same figures as the JSON view, as numbers (a date as a date)
    const json = (await (await get(`/v1/metrics/time-in-stage?${Q1}`, 'admin')).json()) as {
      stages: { stage: string; left: number }[];
      stuck: { leadId: string; enteredAt: string }[];
    };
    expect(book['停留时长 stages']?.slice(1).map((r) => [r[0], r[2]])).toEqual(
      json.stages.map((r) => [r.stage, r.left]),
    );
    const stuck = book['滞留线索 stuck']?.slice(1) ?? [];
    expect(stuck.map((r) => r[0])).toEqual(json.stuck.map((s) => s.leadId));
    expect(stuck[0]?.[3]).toBeInstanceOf(Date);

    // One table when `table` names it; 400 with the field for one the view does not have
    const one = await sheets(await get(`/v1/metrics/quality?${Q1}&format=xlsx&table=sla`, 'admin'));
    expect(Object.keys(one)).toEqual(['认领时效 sla']);
    const nope = await get(`/v1/metrics/quality?${Q1}&format=xlsx&table=nope`, 'admin');
    expect(nope.status).toBe(400);
    expect(((await nope.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('table');
  });

  it('answers `Accept: text/csv` and the xlsx type with the tables; an explicit `format` wins', async () => {
    const csv = await get(`/v1/metrics/funnel?${Q1}`, 'admin', { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csvText(csv)).split('\r\n')[0]).toBe(
      '\uFEFF阶段 stage,阶段名称 label,期间进入 entered,期末在该阶段 atEnd',
    );
    const xlsx = await get(`/v1/metrics/conversion?${Q1}`, 'admin', {
      accept: `${XLSX}, application/json;q=0.5`,
    });
    expect(Object.keys(await sheets(xlsx))).toEqual(['阶段转化 steps', '总体转化 overall']);
    const preferJson = await get(`/v1/metrics/funnel?${Q1}`, 'admin', {
      accept: 'text/csv;q=0.2, application/json',
    });
    expect(preferJson.headers.get('content-type')).toContain('application/json');
    const explicit = await get(`/v1/metrics/funnel?${Q1}&format=json`, 'admin', { accept: 'text/csv' });
    expect(explicit.headers.get('content-type')).toContain('application/json');
  });

  it('documents the downloads in the OpenAPI: the format, the table and the three content types', async () => {
    const doc = (await (await insights.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        {
          get: {
            operationId: string;
            parameters: { name: string }[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          };
        }
      >;
    };
    for (const [path, operationId] of [
      ['/v1/metrics/funnel', 'getFunnel'],
      ['/v1/metrics/conversion', 'getConversion'],
      ['/v1/metrics/time-in-stage', 'getTimeInStage'],
      ['/v1/metrics/investment', 'getInvestment'],
      ['/v1/metrics/lost', 'getLost'],
      ['/v1/metrics/appeals', 'getAppeals'],
      ['/v1/metrics/quality', 'getQuality'],
      ['/v1/metrics/activity', 'getActivity'],
      ['/v1/targets', 'listTargets'],
    ] as const) {
      const get = doc.paths[path]?.get;
      expect(get?.operationId, path).toBe(operationId);
      expect(
        get?.parameters.map((p) => p.name),
        path,
      ).toEqual(expect.arrayContaining(['format', 'table']));
      expect(Object.keys(get?.responses['200']?.content ?? {}), path).toEqual([
        'application/json',
        'text/csv',
        XLSX,
      ]);
    }
  });

  it('names the unit of every amount in its header, and shows amounts as whole 元 with separators', async () => {
    const csv = await csvText(await get(`/v1/metrics/investment?${Q1}&format=csv`, 'admin'));
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFF月份 month,签约 signedLeads,协议投资额(元) agreedInvestmentCny,投产 operatingLeads,预计年产值(元) expectedAnnualOutputCny',
    );
    expect(csv).toContain('2026-02,1,150000000,0,0\r\n');
    const book = await workbook(await get(`/v1/metrics/investment?${Q1}&format=xlsx`, 'admin'));
    const feb = book.getWorksheet('投资按月 byMonth')?.getRow(3);
    expect(feb?.getCell(3).value).toBe(150_000_000);
    expect(feb?.getCell(3).numFmt).toBe('#,##0');
    const financing = await sheets(await get(`/v1/metrics/financing?${Q1}&format=xlsx`, 'admin'));
    for (const rows of Object.values(financing))
      for (const h of rows[0] as string[]) if (/Cny$/.test(h)) expect(h, h).toMatch(/\(元\) /);
  });

  it('answers every metric', async () => {
    for (const metric of [
      'activity',
      'funnel',
      'conversion',
      'time-in-stage',
      'investment',
      'lost',
      'appeals',
      'quality',
    ]) {
      expect((await get(`/v1/metrics/${metric}?${Q1}`, 'admin')).status, metric).toBe(200);
      expect((await get(`/v1/metrics/${metric}?${Q1}&format=csv`, 'admin')).status, metric).toBe(200);
      expect((await get(`/v1/metrics/${metric}?${Q1}&format=xlsx`, 'admin')).status, metric).toBe(200);
    }
  });
});

describe('targets over HTTP', () => {
  const dadukou2026 = {
    scope: 'dadukou-ivd',
    year: 2026,
    targets: { firms: 210, revenueCny: 14_000_000_000, certificates: 10, signedInvestmentCny: 300_000_000 },
    baseline: { year: 2025, firms: 206, revenueCny: 13_760_000_000 },
    note: '2026 年度目标',
  };

  it('lets a park’s manager set its park’s target, and shows progress from the pipeline and the figures', async () => {
    await insights.model.apply([
      figures('L1', 'dadukou-ivd', '2026-01', 10_000_000, 2, '2026-02-03T02:00:00.000Z'),
      figures('L1', 'dadukou-ivd', '2026-02', 20_000_000, 1, '2026-03-03T02:00:00.000Z'),
      figures('L1', 'dadukou-ivd', '2026-02', 15_000_000, 1, '2026-03-05T02:00:00.000Z', true),
    ]);
    const res = await put(dadukou2026, 'dadukouManager');
    expect(res.status).toBe(201);
    const view = (await res.json()) as {
      window: { from: string };
      progress: { measure: string; actual: number; onPace: boolean; neededPerMonth: number }[];
    };
    expect(view.window.from).toBe('2026-01-01');
    const measure = (m: string) => view.progress.find((p) => p.measure === m);
    expect(measure('firms')?.actual).toBe(207); // 206 + L1 registered in March
    expect(measure('signedInvestmentCny')?.actual).toBe(150_000_000);
    expect(measure('certificates')?.actual).toBe(3);
    // (10 M + 15 M) / 2 months × 12 = 150 M on top of 13.76 billion
    expect(measure('revenueCny')?.actual).toBe(13_910_000_000);
    expect(measure('signedInvestmentCny')?.onPace).toBe(true); // 150 M in 3.5 months: ≈ 517 M by December
    expect(measure('firms')?.onPace).toBe(false); // 1 firm in 3.5 months: ≈ 209.4 by December, 210 set
  });

  it('keeps the history of changes', async () => {
    const res = await put(
      { ...dadukou2026, targets: { ...dadukou2026.targets, firms: 220 }, note: '上调' },
      'admin',
    );
    expect(res.status).toBe(200);
    const list = (await (await get('/v1/targets?scope=dadukou-ivd', 'dadukou')).json()) as {
      items: { targets: { firms: number }; history: { by: string; targets: { firms: number } }[] }[];
    };
    expect(list.items[0]?.targets.firms).toBe(220);
    expect(list.items[0]?.history.map((h) => [h.by, h.targets.firms])).toEqual([
      ['dadukou-manager', 210],
      ['admin', 220],
    ]);
  });

  it('lets only city managers and admins set the city’s and other parks’ targets; analysts set none', async () => {
    const city = { scope: 'city', year: 2035, targets: { revenueCny: 200_000_000_000 } };
    expect((await put(city, 'dadukouManager')).status).toBe(403);
    expect((await put({ ...city, scope: 'bio-city' }, 'dadukouManager')).status).toBe(403);
    expect((await put(dadukou2026, 'dadukou')).status).toBe(403);
    expect((await put(city, 'city')).status).toBe(201);
    expect((await get('/v1/targets?scope=city', 'dadukou')).status).toBe(403);
    const all = (await (await get('/v1/targets', 'city')).json()) as {
      items: { scope: { parkId: string | null } }[];
    };
    expect(all.items.map((t) => t.scope.parkId)).toEqual([null, 'dadukou-ivd']);
  });

  it('gives the targets’ progress and history as CSV and xlsx', async () => {
    const csv = await csvText(await get('/v1/targets?scope=dadukou-ivd&format=csv', 'dadukou'));
    const lines = csv.split('\r\n');
    expect(lines[0]?.startsWith('\uFEFF范围 scope,范围名称 scopeName,年份 year,指标 measure,')).toBe(true);
    expect(lines.filter((l) => l.startsWith('dadukou-ivd,')).map((l) => l.split(',')[3])).toEqual([
      'firms',
      'revenueCny',
      'certificates',
      'signedInvestmentCny',
    ]);
    // Times in Shanghai time, to the minute: as of now, 12:00 on 15 April
    const progressRows = lines.filter((l) => l.startsWith('dadukou-ivd,'));
    expect(progressRows[0]?.endsWith(',2026-01-01,2026-04-15 12:00')).toBe(true);
    expect(lines[0]).toContain('预计目标年末 projected');
    const book = await sheets(await get('/v1/targets?scope=dadukou-ivd', 'dadukou', { accept: XLSX }));
    expect(Object.keys(book)).toEqual(['目标进度 progress', '目标调整记录 history']);
    // Each row's measure names its unit; an amount of CNY is whole 元 with separators, a count a number
    const progress = (
      await workbook(await get('/v1/targets?scope=dadukou-ivd&format=xlsx', 'dadukou'))
    ).getWorksheet('目标进度 progress');
    const rowOf = (measure: string) => {
      let found: ExcelJS.Row | undefined;
      progress?.eachRow((row) => {
        if (row.getCell(4).value === measure) found = row;
      });
      return found;
    };
    expect(rowOf('revenueCny')?.getCell(5).value).toBe('营收(元)');
    expect(rowOf('firms')?.getCell(5).value).toBe('企业数(家)');
    for (const column of [6, 7, 8, 10, 11, 12]) {
      expect(rowOf('revenueCny')?.getCell(column).numFmt, `revenue ${column}`).toBe('#,##0');
      expect(rowOf('firms')?.getCell(column).numFmt, `firms ${column}`).toBe('#,##0.0');
    }
    expect(rowOf('revenueCny')?.getCell(8).value).toBe(13_910_000_000);
    // history: two settings (210, then 220 firms) of four measures each
    expect(
      book['目标调整记录 history']
        ?.slice(1)
        .filter((r) => r[5] === 'firms')
        .map((r) => r[7]),
    ).toEqual([210, 220]);
  });

  it('answers 400 with the field for a figure that is not a finite number, and changes nothing', async () => {
    const before = await (await get('/v1/targets?scope=dadukou-ivd', 'admin')).json();
    const raw = (body: string) =>
      insights.app.request('/v1/targets', {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
        body,
      });
    for (const [body, path] of [
      ['{"scope":"dadukou-ivd","year":2026,"targets":{"firms":"NaN"}}', 'targets.firms'],
      ['{"scope":"dadukou-ivd","year":2026,"targets":{"revenueCny":1e999}}', 'targets.revenueCny'],
      ['{"scope":"dadukou-ivd","year":2026,"targets":{"certificates":null}}', 'targets.certificates'],
      // one good figure beside a bad one: nothing of it is applied
      [
        '{"scope":"dadukou-ivd","year":2026,"targets":{"firms":500,"signedInvestmentCny":-5}}',
        'targets.signedInvestmentCny',
      ],
    ] as const) {
      const res = await raw(body);
      expect(res.status, body).toBe(400);
      expect(
        ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path),
        body,
      ).toContain(path);
    }
    expect(await (await get('/v1/targets?scope=dadukou-ivd', 'admin')).json()).toEqual(before);
  });

  it('refuses a target for a year that is over (history is not rewritten), naming the field', async () => {
    const res = await put({ ...dadukou2026, year: 2025, baseline: { year: 2024, firms: 200 } }, 'admin');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'year',
    ]);
    expect((await (await get('/v1/targets?scope=dadukou-ivd&year=2025', 'admin')).json()) as unknown).toEqual(
      {
        items: [],
      },
    );
  });

  it('answers 400 with the field for a negative or non-numeric figure and an unknown scope', async () => {
    const negative = await put({ ...dadukou2026, targets: { firms: -1 } }, 'admin');
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('targets.firms');
    const text = await put({ ...dadukou2026, targets: { revenueCny: 'lots' } }, 'admin');
    expect(((await text.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'targets.revenueCny',
    );
    const baseline = await put({ ...dadukou2026, baseline: { year: 2026, firms: 1 } }, 'admin');
    expect(((await baseline.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('baseline.year');
    const unknown = await put({ ...dadukou2026, scope: 'atlantis' }, 'admin');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('scope');
  });
});
