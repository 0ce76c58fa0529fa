import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createRedisStreamsBus } from '@parkmatch/bus';
import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getJson, postJson, signIn, TestSystem } from '../support/system.ts';
import { creditCode, massSpecProfile } from './fixtures.ts';

// Insights end to end: leads, matching and insights as separate processes on a real Redis. The
// test drives four Dadukou leads through the closed loop over the leads service's public API,
// reads funnel, conversion, time in stage, investment and quality back from insights, and
// compares them with what it counts from what it did. Then every event is delivered again
// (no number moves), and `insights:rebuild` rebuilds the read model from the event history
// into a new generation, which the running service swaps to (the same numbers).

const root = path.resolve(import.meta.dirname, '../..');
const PARK = 'dadukou-ivd';
const prefix = `e2eins${Math.random().toString(36).slice(2, 8)}`;
const secret = 'e2e-secret-e2e-secret-e2e-secret-42';

interface TeamLead {
  id: string;
  stage: string;
  pipelineRevision: number;
  parks: Record<string, { tier: string }>;
}
interface Funnel {
  stages: { stage: string; entered: number; atEnd: number }[];
}
interface Conversion {
  steps: { from: string; cohort: number; reached: number; rate: number | null }[];
  overall: { to: string; cohort: number; reached: number }[];
}
interface TimeInStage {
  stages: { stage: string; left: number; calendarDays: { median: number | null }; current: number }[];
}

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const today = shanghaiDate(Date.now());
// Yesterday to tomorrow: everything the test does falls inside, whatever the hour.
const RANGE = `from=${shanghaiDate(Date.now() - 86_400_000)}&to=${shanghaiDate(Date.now() + 86_400_000)}`;

describe('insights over the closed loop', () => {
  let system: TestSystem;
  let admin: string;
  let analyst: string;
  let manager: string;
  const leads: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const tiers: Record<string, string> = {};

  const metric = async <T>(name: string, query = '') =>
    (await getJson<T>(`${system.urls.insights}/v1/metrics/${name}?parkId=${PARK}&${RANGE}${query}`, manager))
      .body;
  /** Every metric as the manager reads it, without the instant it was taken at. */
  const allNumbers = async () => {
    const views: Record<string, unknown> = {};
    for (const name of [
      'funnel',
      'conversion',
      'time-in-stage',
      'investment',
      'lost',
      'appeals',
      'quality',
      'activity',
    ]) {
      const view = await metric<{ period: { asOf?: string } }>(name);
      delete view.period.asOf;
      views[name] = view;
    }
    return views;
  };

  async function move(leadId: string, to: string, facts?: Record<string, unknown>): Promise<TeamLead> {
    const current = (await getJson<TeamLead>(`${system.urls.leads}/v1/leads/${leadId}`, analyst)).body;
    const res = await postJson(
      `${system.urls.leads}/v1/leads/${leadId}/stage`,
      { to, pipelineRevision: current.pipelineRevision, ...(facts ? { facts } : {}) },
      analyst,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as TeamLead;
  }

  beforeAll(async () => {
    system = await new TestSystem(inject('redisUrl'), { REDIS_PREFIX: prefix }).start([
      'leads',
      'matching',
      'insights',
    ]);
    admin = await signIn(system.urls.leads, 'admin', 'admin');
    for (const [username, role] of [
      ['dadukou', 'analyst'],
      ['dadukou-manager', 'manager'],
    ] as const) {
      const res = await postJson(
        `${system.urls.leads}/v1/users`,
        { username, password: 'demo1234', role, parkId: PARK },
        admin,
      );
      expect(res.status).toBe(201);
    }
    analyst = await signIn(system.urls.leads, 'dadukou', 'demo1234');
    manager = await signIn(system.urls.leads, 'dadukou-manager', 'demo1234');

    for (const [name, seed] of [
      ['A', 'MA1PX11'],
      ['B', 'MA1PX12'],
      ['C', 'MA1PX13'],
      ['D', 'MA1PX14'],
    ] as const) {
      const res = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile(seed));
      expect(res.status).toBe(201);
      leads[name] = ((await res.json()) as { id: string }).id;
    }
    // The leads service learns how Dadukou rated each lead (its team may then claim it).
    for (const id of Object.values(leads)) {
      await vi.waitFor(
        async () => {
          const lead = (await getJson<TeamLead>(`${system.urls.leads}/v1/leads/${id}`, admin)).body;
          const tier = lead.parks?.[PARK]?.tier;
          if (!tier) throw new Error(`${PARK} has not rated ${id} yet`);
          tiers[id] = tier;
        },
        { timeout: 15_000, interval: 100 },
      );
    }
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('drives four leads through the loop over the leads API', async () => {
    for (const id of [leads.A, leads.B, leads.C]) {
      const res = await postJson(`${system.urls.leads}/v1/leads/${id}/claim`, {}, analyst);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    // A: all the way to 注册落地
    await move(leads.A, 'contacted');
    await move(leads.A, 'site-visit');
    await move(leads.A, 'negotiating');
    await move(leads.A, 'signed', { agreedInvestmentCny: 120_000_000, signedOn: today });
    await move(leads.A, 'registered', {
      entityName: '谱析质谱（重庆）有限公司',
      creditCode: creditCode('91500104MA1PXA1'),
      registeredCapitalCny: 50_000_000,
      registeredOn: today,
    });
    // B: contacted, then lost to another region; C: contacted; D: never claimed
    await move(leads.B, 'contacted');
    await move(leads.B, 'lost', { reason: 'other-region' });
    const c = await move(leads.C, 'contacted');
    expect(c.stage).toBe('contacted');
    // The 一企一策 ledger: C gets a liaison (the park's manager), A a visit.
    const liaison = await fetch(`${system.urls.leads}/v1/leads/${leads.C}/liaison`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dadukou-manager', pipelineRevision: c.pipelineRevision }),
    });
    expect(liaison.status, await liaison.clone().text()).toBe(200);
    const visit = await postJson(
      `${system.urls.leads}/v1/leads/${leads.A}/visits`,
      { date: today, participants: ['区招商局 张科长', '谱析质谱 王经理'], summary: '陪同企业考察标准厂房' },
      analyst,
    );
    expect(visit.status, await visit.clone().text()).toBe(201);
  });

  it('reads back the funnel, conversion, time in stage, investment and quality counted by hand', async () => {
    // What the test did: 4 leads in; 3 contacted (A, B, C); A visited, negotiated, signed, registered; B lost.
    const entered = {
      lead: 4,
      contacted: 3,
      'site-visit': 1,
      negotiating: 1,
      signed: 1,
      registered: 1,
      lost: 1,
    };
    const atEnd = { lead: 1, contacted: 1, registered: 1, lost: 1 };
    const nonZero = (rows: Funnel['stages'], key: 'entered' | 'atEnd') =>
      Object.fromEntries(rows.filter((r) => r[key] > 0).map((r) => [r.stage, r[key]]));
    await expect
      .poll(async () => nonZero((await metric<Funnel>('funnel')).stages, 'entered'), {
        timeout: 20_000,
        interval: 200,
      })
      .toEqual(entered);
    expect(nonZero((await metric<Funnel>('funnel')).stages, 'atEnd')).toEqual(atEnd);

    const conversion = await metric<Conversion>('conversion');
    expect(conversion.steps.map((s) => [s.from, s.cohort, s.reached])).toEqual([
      ['lead', 4, 3],
      ['contacted', 3, 1],
      ['site-visit', 1, 1],
      ['negotiating', 1, 1],
      ['signed', 1, 1],
      ['registered', 1, 0],
      ['construction', 0, 0],
    ]);
    expect(conversion.steps[0]?.rate).toBe(0.75);
    expect(conversion.overall.map((s) => [s.to, s.cohort, s.reached])).toEqual([
      ['signed', 4, 1],
      ['operating', 4, 0],
    ]);

    // Stays that ended: 线索 A, B, C; 接洽 A, B; 考察, 在谈, 签约 A — all within today: 0 days.
    const time = await metric<TimeInStage>('time-in-stage');
    const left = Object.fromEntries(time.stages.filter((s) => s.left > 0).map((s) => [s.stage, s.left]));
    expect(left).toEqual({ lead: 3, contacted: 2, 'site-visit': 1, negotiating: 1, signed: 1 });
    expect(time.stages.find((s) => s.stage === 'contacted')?.calendarDays.median).toBe(0);
    const current = Object.fromEntries(
      time.stages.filter((s) => s.current > 0).map((s) => [s.stage, s.current]),
    );
    expect(current).toEqual({ lead: 1, contacted: 1, registered: 1 });

    const investment = await metric<{ signed: { leads: number; agreedInvestmentCny: number } }>('investment');
    expect(investment.signed).toEqual({ leads: 1, agreedInvestmentCny: 120_000_000 });

    // Claimed the day they came in: every A/B lead that was claimed is within a 1-working-day SLA.
    const quality = await metric<{ sla: { eligible: number; withinSla: number; unclaimed: number } }>(
      'quality',
    );
    const ab = (ids: string[]) => ids.filter((id) => ['A', 'B'].includes(tiers[id] ?? '')).length;
    expect(quality.sla).toMatchObject({
      eligible: ab(Object.values(leads)),
      withinSla: ab([leads.A, leads.B, leads.C]),
      unclaimed: ab([leads.D]),
    });

    // An analyst sees its own park; a park's team cannot ask for the city.
    const own = await getJson<{ scope: { parkId: string } }>(
      `${system.urls.insights}/v1/metrics/funnel?${RANGE}`,
      analyst,
    );
    expect(own.body.scope.parkId).toBe(PARK);
    expect((await getJson(`${system.urls.insights}/v1/metrics/funnel?parkId=bio-city`, analyst)).status).toBe(
      403,
    );
  });

  it('reads back the 一企一策 activity: the visit, the liaison, the coverage of the leads being worked', async () => {
    interface Activity {
      visits: number;
      leadsVisited: number;
      liaisonsAssigned: number;
      coverage: { worked: number; withLiaison: number; visitedInPeriod: number; liaisonShare: number | null };
      byLiaison: { liaison: string; parkId: string; leads: number; visits: number }[];
    }
    await expect
      .poll(async () => (await metric<Activity>('activity')).liaisonsAssigned, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(1);
    await expect
      .poll(async () => (await metric<Activity>('activity')).visits, { timeout: 20_000, interval: 200 })
      .toBe(1);
    const activity = await metric<Activity>('activity');
    expect(activity.leadsVisited).toBe(1);
    // Worked: A (注册落地) and C (初步接洽); C has a liaison, A was visited.
    expect(activity.coverage).toEqual({ worked: 2, withLiaison: 1, visitedInPeriod: 1, liaisonShare: 0.5 });
    // The visit to A was logged while A had no liaison: it counts for nobody's row.
    expect(activity.byLiaison).toEqual([{ liaison: 'dadukou-manager', parkId: PARK, leads: 1, visits: 0 }]);
  });

  it('changes no number when every event is delivered again', async () => {
    const before = await allNumbers();
    const status = async () =>
      (
        await getJson<{ generation: number; version: number }>(
          `${system.urls.insights}/v1/read-model`,
          manager,
        )
      ).body;
    const version = (await status()).version;
    const handled = async () => {
      const scrape = await fetch(`${system.urls.insights}/metrics`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const text = await scrape.text();
      return [...text.matchAll(/^bus_events_total\{[^}]*outcome="handled"[^}]*\} (\d+)/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      );
    };
    const handledBefore = await handled();

    // Read every event of the read model's topics off the bus and publish each again.
    const bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix, blockMs: 200 });
    const seen: { topic: string; key: string; value: string }[] = [];
    const subscriptions = await Promise.all(
      CONSUMER_GROUPS.insightsReadModel.topics.map((topic) =>
        bus.subscribe({
          topic,
          group: 'e2e-replay',
          batch: {
            handler: async (messages) =>
              void seen.push(...messages.map((m) => ({ topic, key: m.key, value: m.value }))),
          },
        }),
      ),
    );
    const lags = () =>
      Promise.all(CONSUMER_GROUPS.insightsReadModel.topics.map((t) => bus.lag(t, 'e2e-replay')));
    await expect
      .poll(async () => (await lags()).every((n) => n === 0), { timeout: 10_000, interval: 100 })
      .toBe(true);
    await Promise.all(subscriptions.map((s) => s.close()));
    expect(seen.filter((m) => m.topic === Events.stageChanged.topic)).toHaveLength(8); // A 5 moves, B 2, C 1
    for (const { topic, key, value } of seen) await bus.publish(topic, [{ key, value }]);
    await bus.close();

    await expect
      .poll(handled, { timeout: 20_000, interval: 200 })
      .toBeGreaterThanOrEqual(handledBefore + seen.length);
    expect(await allNumbers()).toEqual(before);
    expect((await status()).version).toBe(version);
  });

  it('rebuilds from the event history to the same numbers (npm run insights:rebuild)', async () => {
    const before = await allNumbers();
    const child = spawn(process.execPath, [path.join(root, 'services/insights/src/rebuild.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: prefix,
        AUTH_SECRET: secret,
        DATA_DIR: path.join(system.dataDir, 'insights'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    expect(output).toMatch(/rebuilt: generation 2, \d+ events folded into 4 leads/);

    await expect
      .poll(
        async () =>
          (await getJson<{ generation: number }>(`${system.urls.insights}/v1/read-model`, manager)).body
            .generation,
        { timeout: 15_000, interval: 200 },
      )
      .toBe(2);
    expect(await allNumbers()).toEqual(before);
  });
});
