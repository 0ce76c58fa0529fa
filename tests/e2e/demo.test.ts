import type { FiguresList, LeadListPage, Stage } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAMES, type DemoSummary, loadDemoData } from '../../scripts/demo/load.ts';
import { STORIES } from '../../scripts/demo/stories.ts';
import { getJson, signIn, TestSystem } from '../support/system.ts';

// The demo data `npm start` loads, run twice against leads, matching and notifications as
// processes: a living pipeline (every stage holds a lead), the same counts after the second
// run (it reads what exists and adds only what is missing), accounts that sign in, and a
// year of monthly figures for the key firms.

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

describe('demo data', () => {
  let system: TestSystem;
  let admin: string;
  const said: string[] = [];
  let first: DemoSummary;
  let second: DemoSummary;

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl')).start(['leads', 'matching', 'notifications']);
    // Insights is not started here: the loader is given the URLs of the services that run.
    const { leads, matching, notifications } = system.urls;
    const options = { urls: { leads, matching, notifications }, say: (msg: string) => said.push(msg) };
    first = await (await loadDemoData(options)).history;
    second = await (await loadDemoData(options)).history;
    admin = await signIn(system.urls.leads, 'admin', 'admin');
  }, 90_000);

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
});
