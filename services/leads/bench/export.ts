// Figures for the lead-list exports: N leads (10,000 by default) on a fresh local store, then
// GET /v1/exports/leads.xlsx and .csv through the app as city-wide staff (every lead) and as
// one park's analyst (the leads its park rated A–C or owns), body read to the end, three
// times each. Prints rows, bytes, the median time and rows per second; no assertion on time.
// Run: node services/leads/bench/export.ts [leads]
import type { ParkRating, Profile, Tier } from '@parkmatch/contracts';
import { createLead } from '../src/lead/lead.ts';
import type { LeadDoc } from '../src/lead/repository.ts';
import { openLeads, profileInput } from '../test/open-leads.ts';

const LEADS = Number(process.argv[2] ?? 10_000);
const BATCH = 1_000;
const RUNS = 3;
const PARK_IDS = ['dadukou-ivd', 'bio-city', 'liangjiang', 'gaoxin', 'changshou', 'fuling'] as const;
const TIERS: Tier[] = ['A', 'B', 'C', 'D', 'D', 'D'];

const print = (label: string, figure: string) => process.stdout.write(`${label.padEnd(40)} ${figure}\n`);

/** Lead i: rated by every park (a spread of tiers), one in five owned and signed. */
function leadAt(i: number, now: Date): LeadDoc {
  const input = profileInput(i + 1, { plannedInvestmentCny: 1_000_000 * (1 + (i % 500)) });
  const id = `0190a000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
  const parks: Record<string, ParkRating> = {};
  PARK_IDS.forEach((parkId, p) => {
    const tier = TIERS[(i + p) % TIERS.length] ?? 'D';
    parks[parkId] = { tier, score: tier === 'A' ? 80 : tier === 'B' ? 60 : tier === 'C' ? 40 : 10 };
  });
  const lead = { ...createLead(id, input as Profile, now), parks };
  if (i % 5 !== 0) return lead;
  const parkId = PARK_IDS[i % PARK_IDS.length] ?? 'dadukou-ivd';
  const at = new Date(now.getTime() - (i % 90) * 86_400_000).toISOString();
  return {
    ...lead,
    stage: 'signed',
    stageEnteredAt: at,
    owner: { parkId, by: `${parkId}-analyst`, since: at },
    liaison: { username: `${parkId}-liaison`, by: `${parkId}-manager`, since: at },
    facts: { signed: { agreedInvestmentCny: 50_000_000 + i, signedOn: at.slice(0, 10) } },
  };
}

const t = await openLeads();
try {
  const now = new Date('2026-11-02T02:00:00.000Z');
  const started = performance.now();
  for (let from = 0; from < LEADS; from += BATCH) {
    const batch: LeadDoc[] = [];
    for (let i = from; i < Math.min(LEADS, from + BATCH); i++) batch.push(leadAt(i, now));
    await t.leadDocs().insertMany(batch);
  }
  print('leads stored', `${LEADS} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const callers = [
    { label: 'city manager', token: await t.manager() },
    { label: 'dadukou analyst', token: await t.analyst('dadukou-ivd') },
  ];
  for (const { label, token } of callers) {
    const rows =
      (await (await t.send('GET', '/v1/exports/leads.csv', undefined, token)).text()).split('\r\n').length -
      2;
    for (const format of ['xlsx', 'csv'] as const) {
      const runs: { seconds: number; bytes: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const began = performance.now();
        const res = await t.send('GET', `/v1/exports/leads.${format}`, undefined, token);
        if (res.status !== 200) throw new Error(`${format}: ${res.status} ${await res.text()}`);
        const bytes = (await res.arrayBuffer()).byteLength;
        runs.push({ seconds: (performance.now() - began) / 1000, bytes });
      }
      const { seconds, bytes } = runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(RUNS / 2)] ?? runs[0]!;
      print(
        `${label}, leads.${format}`,
        `${rows} rows, ${(bytes / 1024 / 1024).toFixed(2)} MiB, median of ${RUNS}: ${seconds.toFixed(2)} s, ` +
          `${Math.round(rows / seconds)} rows/s`,
      );
    }
  }
  print('peak resident memory', `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  await t.close();
}
