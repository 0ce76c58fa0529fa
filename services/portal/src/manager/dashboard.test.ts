import {
  type FunnelView,
  PIPELINE_STAGES,
  SIDE_EXITS,
  STAGE_LABELS,
  type TargetList,
  type TargetView,
  type TimeInStageView,
} from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { openPortal, type Visitor } from '../../test/portal.ts';
import { gapClosed } from './dashboard-page.ts';

// The dashboard shows what insights answers, all of it and compared like with like: every
// stage row the API gives, the targets' gap closed since the baseline against the time
// elapsed, the projection named for the end of the target year, and no week shown as a month.

async function signIn(member: Visitor, username: string) {
  const { csrf } = await member.form('/signin');
  expect((await member.post('/signin', { _csrf: csrf, username, password: 'demo1234' })).status).toBe(303);
}

const STAGES = [...PIPELINE_STAGES, ...SIDE_EXITS];
const head = {
  scope: { parkId: null, name: { zh: '全市', en: 'City' } },
  period: { kind: 'month' as const, from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-18T02:00:00.000Z' },
};

/** The funnel and time in stage as insights answers them: a row for every stage, 已撤回 and 投产 among them. */
const FUNNEL: FunnelView = {
  ...head,
  stages: STAGES.map((stage, i) => ({ stage, label: STAGE_LABELS[stage], entered: 10 + i, atEnd: 20 + i })),
};
const TIME_IN_STAGE: TimeInStageView = {
  ...head,
  stuckAfterDays: 30,
  unit: 'calendar',
  stages: STAGES.map((stage, i) => ({
    stage,
    label: STAGE_LABELS[stage],
    left: 30 + i,
    calendarDays: { median: 3, p90: 7 },
    workingDays: { median: 2, p90: 5 },
    current: 40 + i,
    stuck: 0,
  })),
  stuck: [],
  stuckTotal: 0,
};

/** A 2035 target: 206 firms in 2022, 209 now, 1,000 set (20.9 % with the baseline in it; 3 of the 794 needed gained). */
const LONG_RANGE: TargetView = {
  scope: { parkId: null, name: { zh: '全市', en: 'City' } },
  year: 2035,
  targets: { firms: 1_000, signedInvestmentCny: 2e9 },
  baseline: { year: 2022, firms: 206 },
  window: { from: '2023-01-01', to: '2035-12-31', asOf: '2026-03-18T02:00:00.000Z' },
  progress: [
    {
      measure: 'firms',
      target: 1_000,
      baseline: 206,
      actual: 209,
      share: 0.209,
      pacePerMonth: 0.1,
      neededPerMonth: 6.8,
      projected: 224,
      onPace: false,
    },
    {
      measure: 'signedInvestmentCny',
      target: 2e9,
      baseline: 0,
      actual: 5e8,
      share: 0.25,
      pacePerMonth: 1e7,
      neededPerMonth: 1.3e7,
      projected: 1.7e9,
      onPace: false,
    },
  ],
  history: [],
  updatedBy: 'city-manager',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

function openDashboard() {
  return openPortal({
    answer: (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/v1/metrics/funnel') return Response.json(FUNNEL);
      if (path === '/v1/metrics/time-in-stage') return Response.json(TIME_IN_STAGE);
      if (path === '/v1/targets') return Response.json({ items: [LONG_RANGE] } satisfies TargetList);
      return undefined;
    },
  });
}

/** The rows of the table captioned `caption`: header cell then data cells, tags stripped. */
function tableRows(html: string, caption: string): string[][] {
  const at = html.indexOf(`<caption>${caption}</caption>`);
  expect(at, caption).toBeGreaterThan(-1);
  const table = html.slice(at, html.indexOf('</table>', at));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? '').replace(/<[^>]+>/g, ''),
    ),
  );
}

describe('the dashboard shows every row the API gives', () => {
  it('lists 已撤回 in the funnel and 投产 (and the side exits) in time in stage', async () => {
    const { visitor } = openDashboard();
    const city = visitor();
    await signIn(city, 'city-manager');
    const html = await (await city.get('/team/dashboard')).text();
    const funnel = tableRows(html, '招商漏斗');
    expect(funnel.map((r) => r[0])).toEqual(STAGES.map((s) => STAGE_LABELS[s].zh));
    expect(funnel.find((r) => r[0] === '已撤回')).toEqual(['已撤回', '20', '30']);
    const time = tableRows(html, '阶段停留时间');
    expect(time.map((r) => r[0])).toEqual(STAGES.map((s) => STAGE_LABELS[s].zh));
    expect(time.find((r) => r[0] === '投产')?.[1]).toBe('37');
  });
});

describe('the targets on the dashboard', () => {
  it('charts the gap closed since the baseline against the time elapsed, and keeps the API’s share', async () => {
    const { visitor } = openDashboard();
    const city = visitor();
    await signIn(city, 'city-manager');
    const html = await (await city.get('/team/dashboard')).text();
    // The chart's legend names what it compares
    expect(html).toContain('缺口完成率（自基数起）');
    expect(html).toContain('时间进度');
    const [firms, investment] = tableRows(html, '目标进度：全市 · 2035');
    // firms: 3 of the 794 from 206 to 1,000 gained (0.4 %), against 24.7 % of 2023–2035 elapsed;
    // the API's 20.9 % (the baseline in it) is shown as such
    expect(firms?.slice(4, 7)).toEqual(['0.4%', '24.7%', '20.9%']);
    // No baseline: the gap closed is the share
    expect(investment?.slice(4, 7)).toEqual(['25%', '24.7%', '25%']);
    // The projection is for the end of the target year, 2035, and says so
    expect(html).toContain('预计目标年末（2035年）');
    expect(html).not.toContain('预计年底');

    const en = await (await city.get('/team/dashboard?lang=en')).text();
    expect(en).toContain('Gap closed since the baseline');
    expect(en).toContain('Projected, end of 2035');
  });

  it('computes the gap from the baseline, the share without one, and none for a target not above it', () => {
    expect(gapClosed({ target: 1_000, baseline: 206, actual: 209 })).toBeCloseTo(3 / 794, 6);
    expect(gapClosed({ target: 300, baseline: 0, actual: 75 })).toBe(0.25);
    expect(gapClosed({ target: 200, baseline: 206, actual: 209 })).toBeNull();
  });
});

describe('the dashboard’s periods', () => {
  it('refuses a week (or a period it does not know) rather than showing a month under it', async () => {
    const { visitor } = openDashboard();
    const manager = visitor();
    await signIn(manager, 'dadukou-manager');
    for (const period of ['week', 'decade']) {
      const html = await (await manager.get(`/team/dashboard?period=${period}&date=2026-03-18`)).text();
      expect(html, period).toContain('统计周期应为月、季度或年');
      expect(html, period).toContain('href="#f-period"');
      expect(html, period).not.toContain('<caption>招商漏斗</caption>');
      expect(html, period).not.toMatch(/class="chart" role="img"/);
    }
    // The CSV of a metric neither: 400, not a month's file.
    const csv = await manager.get('/team/dashboard/csv/funnel?period=week&date=2026-03-18');
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain('统计周期应为月、季度或年');
    const month = await (await manager.get('/team/dashboard?period=month&date=2026-03-18')).text();
    expect(month).not.toContain('统计周期应为月、季度或年');
    expect(month).toContain('<caption>招商漏斗</caption>');
  });
});
