import type { Principal } from '@parkmatch/service-kit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINANCE_SCENARIO } from '../../test/finance.ts';
import { openInsights } from '../../test/open-insights.ts';
import { SCENARIO, SCENARIO_NOW } from '../../test/scenario.ts';
import type { FinancingView } from './view.ts';

// GET /v1/metrics/financing over HTTP: who may ask what, the figures, CSV and xlsx, OpenAPI.

let insights: Awaited<ReturnType<typeof openInsights>>;
const tokens: Record<string, string> = {};
const PRINCIPALS: Record<string, Principal> = {
  admin: { sub: 'admin', role: 'admin' },
  city: { sub: 'city-manager', role: 'manager' },
  dadukouManager: { sub: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
  dadukou: { sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
  firm: { sub: 'firm', role: 'firm', leadId: 'L1' },
  bank: { sub: 'officer-a', role: 'bank-officer' },
};

beforeAll(async () => {
  insights = await openInsights({ now: () => new Date(SCENARIO_NOW) });
  await insights.model.apply([...SCENARIO, ...FINANCE_SCENARIO]);
  for (const [name, principal] of Object.entries(PRINCIPALS))
    tokens[name] = await insights.tokens.sign(principal);
});
afterAll(async () => insights?.close());

const Q1 = 'period=quarter&date=2026-02-15';
const get = (query: string, who?: string, headers: Record<string, string> = {}) =>
  insights.app.request(`/v1/metrics/financing?${query}`, {
    headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers },
  });

describe('GET /v1/metrics/financing', () => {
  it('answers the city for a city manager and an admin', async () => {
    for (const who of ['city', 'admin']) {
      const res = await get(Q1, who);
      expect(res.status).toBe(200);
      const v = (await res.json()) as FinancingView;
      expect(v.scope.parkId).toBeNull();
      expect(v.financing).toMatchObject({ needs: 2, pushes: 3, offers: 1, declined: 2 });
      expect(v.vouchers).toMatchObject({ grantedCny: 150_000, spentCny: 10_000, balanceAtEndCny: 140_000 });
      expect(v.orders).toMatchObject({ placed: 2, completed: 1 });
    }
  });

  it('gives an analyst and a park manager their own park, and 403 for another', async () => {
    for (const who of ['dadukou', 'dadukouManager']) {
      const v = (await (await get(Q1, who)).json()) as FinancingView;
      expect(v.scope.parkId).toBe('dadukou-ivd');
      expect(v.financing).toMatchObject({ needs: 1, pushes: 2, offers: 1, declined: 1 });
      expect((await get(`${Q1}&parkId=bio-city`, who)).status).toBe(403);
    }
    const bio = (await (await get(`${Q1}&parkId=bio-city`, 'city')).json()) as FinancingView;
    expect(bio.financing).toMatchObject({ needs: 1, declined: 1 });
  });

  it('refuses firms, bank officers and callers without a token', async () => {
    expect((await get(Q1, 'firm')).status).toBe(403);
    expect((await get(Q1, 'bank')).status).toBe(403);
    expect((await get(Q1)).status).toBe(401);
  });

  it('says what is wrong with a bad period or table', async () => {
    const res = await get('from=2026-03-01&to=2026-02-01', 'city');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await get(`${Q1}&format=csv&table=nope`, 'city')).status).toBe(400);
  });

  it('downloads its tables as CSV and as an xlsx workbook', async () => {
    const csv = await get(`${Q1}&format=csv&table=byPark`, 'city');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(
      'getFinancing_city_2026-01-01_2026-03-31_byPark.csv',
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('融资需求 needs');
    expect(rows.find((r) => r.startsWith('dadukou-ivd,'))).toContain(',140000');

    const xlsx = await get(`${Q1}&format=xlsx`, 'dadukou');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toHaveLength(6);
    expect(names[0]).toContain('summary');
    const summary = workbook.worksheets[0];
    expect(summary?.getRow(1).getCell(1).value).toBe('融资需求 financing.needs');
    expect(summary?.getRow(2).getCell(1).value).toBe(1);
  });

  it('is in the OpenAPI document with its operationId and definitions', async () => {
    const doc = (await (await insights.app.request('/openapi.json')).json()) as {
      paths: Record<string, { get?: { operationId: string; description: string } }>;
    };
    const op = doc.paths['/v1/metrics/financing']?.get;
    expect(op?.operationId).toBe('getFinancing');
    expect(op?.description).toContain('needsWithOffer');
  });
});
