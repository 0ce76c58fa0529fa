import type { FiguresList, LeadListPage, Stage } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAMES, type DemoSummary, loadDemoData } from '../../scripts/demo/load.ts';
import { STORIES } from '../../scripts/demo/stories.ts';
import { getJson, signIn, TestSystem } from '../support/system.ts';

// The demo data `npm start` loads, run twice against leads, matching, notifications and
// insights as processes: a living pipeline (every stage holds a lead), the same counts after
// the second run (it reads what exists and adds only what is missing), accounts that sign in,
// a year of monthly figures for the key firms, and numbers on insights that tell a believable
// story (issue 10 §6).

const STAGES: Stage[] = [
  'lead',
  'contacted',
  'site-visit',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
  'on-hold',
  'lost',
  'withdrawn',
];

// The views the insights checks read.
interface FunnelView {
  stages: { stage: Stage; entered: number; atEnd: number }[];
}
interface TimeInStageView {
  stages: { stage: Stage; current: number; stuck: number }[];
  stuckTotal: number;
}
interface ConversionView {
  overall: { from: string; to: string; cohort: number; reached: number; rate: number | null }[];
}
interface ActivityView {
  visits: number;
  coverage: { worked: number; withLiaison: number };
}
interface TargetList {
  items: {
    year: number;
    targets: Record<string, number>;
    progress: { measure: string; actual: number; target: number; share: number | null }[];
  }[];
}

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

describe('demo data', () => {
  let system: TestSystem;
  let admin: string;
  const said: string[] = [];
  let first: DemoSummary;
  let second: DemoSummary;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start([
      'leads',
      'matching',
      'notifications',
      'insights',
    ]);
    // The loader is given the URLs of the services that run, as `npm start` does.
    const { leads, matching, notifications, insights } = system.urls;
    const options = {
      urls: { leads, matching, notifications, insights },
      say: (msg: string) => said.push(msg),
    };
    first = await (await loadDemoData(options)).history;
    second = await (await loadDemoData(options)).history;
    admin = await signIn(system.urls.leads, 'admin', 'admin');
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('loads every story without a warning, and says so in one line', () => {
    const warnings = said.filter(
      (line) => !line.startsWith('demo data: ') || /refused|skipped|not /.test(line),
    );
    expect(warnings).toEqual([]);
    expect(first).toMatchObject({ skipped: 0, kept: 0, incomplete: 0 });
    expect(first.refusals).toBe(1);
    expect(first.transfers).toBe(1);
    expect(said.at(-1)).toMatch(/^demo data: \d+ leads \(\d+ new; 线索 \d+ · 初步接洽 \d+ .* — [\d.]+ s$/);
  });

  it('puts a lead in every stage, Dadukou the most', async () => {
    for (const stage of STAGES) {
      const { status, body } = await getJson<LeadListPage>(
        `${system.urls.leads}/v1/leads?stage=${stage}`,
        admin,
      );
      expect(status).toBe(200);
      expect(body.items.length, `leads at ${stage}`).toBeGreaterThan(0);
    }
    const owned = async (parkId: string) =>
      (await getJson<LeadListPage>(`${system.urls.leads}/v1/leads?owner=${parkId}&limit=200`, admin)).body
        .items.length;
    const dadukou = await owned('dadukou-ivd');
    for (const park of ['bio-city', 'liangjiang', 'gaoxin', 'changshou', 'fuling'])
      expect(await owned(park), park).toBeLessThan(dadukou);
    expect(first.leads).toBe(STORIES.length + 1); // and the furniture warehouse nobody claims
  });

  it('changes no count on the second run', () => {
    const counts = ({ leads, byStage, visits, appeals, figures }: DemoSummary) => ({
      leads,
      byStage,
      visits,
      appeals,
      figures,
    });
    expect(counts(second)).toEqual(counts(first));
    expect(second).toMatchObject({
      newProfiles: 0,
      skipped: 0,
      kept: 0,
      incomplete: 0,
      refusals: 0,
      transfers: 0,
    });
  });

  it('lets every demo account sign in', async () => {
    for (const username of DEMO_USERNAMES)
      await expect(signIn(system.urls.leads, username, DEMO_PASSWORD)).resolves.toBeTruthy();
  });

  it('keeps twelve months of figures for each operating key firm', async () => {
    const { body } = await getJson<LeadListPage>(
      `${system.urls.leads}/v1/leads?stage=operating&limit=200`,
      admin,
    );
    expect(body.items.length).toBeGreaterThanOrEqual(3);
    for (const lead of body.items) {
      const figures = await getJson<FiguresList>(`${system.urls.leads}/v1/leads/${lead.id}/figures`, admin);
      expect(figures.status).toBe(200);
      const months = figures.body.items.map((f) => f.month);
      expect(new Set(months).size, lead.firmName).toBe(12);
      // Reported once each: the second run sent the same figures and changed nothing.
      expect(figures.body.items.every((f) => f.history.length === 0)).toBe(true);
    }
  });

  // What a manager reads on insights from the demo data (issue 10 §6): a funnel that narrows, a
  // few leads stuck, Dadukou's progress near its DOMAIN.md §6 figures (by 2025: 300 firms, 20
  // billion CNY revenue, 800 registration certificates), and the 一企一策 ledger's visits.
  describe('on insights', () => {
    let city: string;
    let manager: string;
    // The whole demo history (the oldest story began about 20 months ago) up to tomorrow.
    const RANGE = `from=${shanghaiDate(Date.now() - 1_000 * 86_400_000)}&to=${shanghaiDate(Date.now() + 86_400_000)}`;
    const read = async <T>(path: string, token: string) => {
      const { status, body } = await getJson<T>(`${system.urls.insights}${path}`, token);
      expect(status, path).toBe(200);
      return body;
    };

    beforeAll(async () => {
      const summary = first;
      city = await signIn(system.urls.leads, 'city-manager', DEMO_PASSWORD);
      manager = await signIn(system.urls.leads, 'dadukou-manager', DEMO_PASSWORD);
      // Insights has folded it all: every lead in a stage of the city's funnel, every visit counted,
      // and then the read model stops changing (the figures' and appeals' topics too).
      await vi.waitFor(
        async () => {
          const funnel = await read<FunnelView>(`/v1/metrics/funnel?${RANGE}`, city);
          const held = funnel.stages.reduce((n, s) => n + s.atEnd, 0);
          if (held !== summary.leads) throw new Error(`insights holds ${held} of ${summary.leads} leads`);
          const activity = await read<ActivityView>(`/v1/metrics/activity?${RANGE}`, city);
          if (activity.visits !== summary.visits)
            throw new Error(`${activity.visits} of ${summary.visits} visits`);
        },
        { timeout: 60_000, interval: 500 },
      );
      let version = -1;
      await vi.waitFor(
        async () => {
          const now = (await read<{ version: number }>('/v1/read-model', city)).version;
          const changed = now !== version;
          version = now;
          if (changed) throw new Error('the read model is still changing');
        },
        { timeout: 30_000, interval: 1_500 },
      );
    }, 120_000);

    it('sets Dadukou’s targets once', () => {
      expect(first.targets).toBe(2);
      expect(second.targets).toBe(0);
    });

    it('shows Dadukou a funnel that narrows from 线索 to 签约', async () => {
      const funnel = await read<FunnelView>(`/v1/metrics/funnel?parkId=dadukou-ivd&${RANGE}`, manager);
      const entered = Object.fromEntries(funnel.stages.map((s) => [s.stage, s.entered]));
      const pipeline = ['lead', 'contacted', 'site-visit', 'negotiating', 'signed'] as const;
      for (let i = 1; i < pipeline.length; i++)
        expect(entered[pipeline[i] as Stage], `${pipeline[i - 1]} → ${pipeline[i]}`).toBeLessThanOrEqual(
          entered[pipeline[i - 1] as Stage] as number,
        );
      expect(entered.signed).toBeGreaterThan(0);
      expect(entered.lead).toBeGreaterThanOrEqual(2 * (entered.signed as number));
      const conversion = await read<ConversionView>(
        `/v1/metrics/conversion?parkId=dadukou-ivd&${RANGE}`,
        manager,
      );
      const toSigned = conversion.overall.find((s) => s.to === 'signed');
      expect(toSigned?.rate).toBeGreaterThan(0.05);
      expect(toSigned?.rate).toBeLessThan(0.6);
    });

    it('shows a few stuck leads, not the whole pipeline', async () => {
      const view = await read<TimeInStageView>(
        `/v1/metrics/time-in-stage?parkId=dadukou-ivd&${RANGE}`,
        manager,
      );
      const beforeOperating = view.stages
        .filter((s) => !['operating', 'on-hold', 'lost', 'withdrawn'].includes(s.stage))
        .reduce((n, s) => n + s.current, 0);
      expect(view.stuckTotal).toBeGreaterThanOrEqual(2);
      expect(view.stuckTotal).toBeLessThanOrEqual(Math.ceil(beforeOperating / 2));
    });

    it('shows Dadukou’s progress near its DOMAIN.md §6 figures, and the way to 2035', async () => {
      const { items } = await read<TargetList>('/v1/targets?scope=dadukou-ivd', manager);
      const year = items.find((t) => t.year !== 2035);
      const actual = (m: string) => year?.progress.find((p) => p.measure === m)?.actual ?? Number.NaN;
      // Within 10 % of the 2025 plan: 300 firms, 20 billion CNY, 800 certificates
      expect(actual('firms')).toBeGreaterThanOrEqual(270);
      expect(actual('firms')).toBeLessThanOrEqual(330);
      expect(actual('revenueCny')).toBeGreaterThanOrEqual(18e9);
      expect(actual('revenueCny')).toBeLessThanOrEqual(22e9);
      expect(actual('certificates')).toBeGreaterThanOrEqual(720);
      expect(actual('certificates')).toBeLessThanOrEqual(880);
      expect(actual('signedInvestmentCny')).toBeGreaterThan(0);
      const far = items.find((t) => t.year === 2035);
      expect(far?.targets).toEqual({ firms: 1_000, revenueCny: 100_000_000_000, certificates: 2_000 });
      for (const p of far?.progress ?? []) {
        expect(p.share, p.measure).toBeGreaterThan(0.15);
        expect(p.share, p.measure).toBeLessThan(0.6);
      }
    });

    it('counts the 一企一策 visits and the liaisons of the leads being worked', async () => {
      const view = await read<ActivityView>(`/v1/metrics/activity?parkId=dadukou-ivd&${RANGE}`, manager);
      expect(view.visits).toBeGreaterThan(0);
      expect(view.coverage.withLiaison).toBeGreaterThan(0);
      expect(view.coverage.withLiaison).toBeLessThanOrEqual(view.coverage.worked);
    });
  });
});
