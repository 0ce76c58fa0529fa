import { PARK_IDS, parseEvent, TIERS } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { syntheticHistory } from '../../bench/synthetic.ts';
import { resolvePeriod } from '../calendar/period.ts';
import { READ_MODEL_EVENTS, type ReadModelEvent } from '../read-model/events.ts';
import { factsOf, type LeadFacts, stageIndex } from '../read-model/facts.ts';
import { fold } from '../read-model/fold.ts';
import { emptyLeadState, type LeadState } from '../read-model/lead-state.ts';
import { LeadTable } from '../read-model/lead-table.ts';
import { quality } from './quality.ts';
import { type MetricQuery, metricQuery, moveInScope } from './query.ts';
import { rate } from './stats.ts';

// The quality metric reads packed columns (tier, claim, 签约 by scope, directions as ids); here
// it is checked against the same counts taken straight from each lead's facts, on a generated
// history, for the city and every park over periods from a week to the whole history.

const SIGNED = stageIndex('signed');

/** Quality from the facts alone (as it was computed before the columns). */
function fromFacts(all: readonly LeadFacts[], q: MetricQuery, slaWorkingDays: number) {
  const row = () => ({ leads: 0, claimed: 0, signed: 0 });
  const tiers = TIERS.map(row);
  const directions = new Map<string, ReturnType<typeof row>>();
  const sla = { eligible: 0, withinSla: 0, later: 0, byOtherPark: 0, unclaimed: 0 };
  for (const lead of all) {
    if (lead.intakeMs === undefined || lead.intakeMs < q.period.startMs || lead.intakeMs >= q.period.endMs)
      continue;
    const tier = q.park === -1 ? lead.bestIntakeTier : lead.ratings[q.park]?.intakeTier;
    if (tier === undefined) continue;
    const claimed = lead.claim !== undefined && (q.park === -1 || lead.claim.park === q.park);
    const signed = lead.moves.some((m) => m.toIndex === SIGNED && moveInScope(lead, m, q));
    const counted = [tiers[TIERS.indexOf(tier)] as ReturnType<typeof row>];
    for (const d of q.park === -1 ? lead.intakeDirections : (lead.ratings[q.park]?.intakeDirections ?? [])) {
      if (!directions.has(d)) directions.set(d, row());
      counted.push(directions.get(d) as ReturnType<typeof row>);
    }
    for (const r of counted) {
      r.leads++;
      if (claimed) r.claimed++;
      if (signed) r.signed++;
    }
    if (tier !== 'A' && tier !== 'B') continue;
    sla.eligible++;
    if (lead.claim === undefined) sla.unclaimed++;
    else if (!claimed) sla.byOtherPark++;
    else if (lead.claim.work - lead.intakeWork <= slaWorkingDays) sla.withinSla++;
    else sla.later++;
  }
  return {
    byTier: TIERS.map((tier, i) => {
      const r = tiers[i] as ReturnType<typeof row>;
      return { tier, ...r, signedRate: rate(r.signed, r.leads) };
    }),
    byDirection: [...directions.entries()]
      .map(([direction, r]) => ({ direction, ...r }))
      .sort((a, b) => b.leads - a.leads || (a.direction < b.direction ? -1 : 1)),
    sla: { ...sla, share: rate(sla.withinSla, sla.eligible) },
  };
}

describe('lead quality from the packed columns', () => {
  it('counts as the facts do, for the city and every park, the table filled as leads change', () => {
    const now = Date.parse('2026-06-30T12:00:00+08:00');
    const states = new Map<string, LeadState>();
    const slots = new Map<string, number>();
    const table = new LeadTable();
    // Leads changed one event at a time: rows written over, appended, repacked.
    for (const m of syntheticHistory(1500, 7)) {
      const input = { name: m.name, event: parseEvent(READ_MODEL_EVENTS[m.name], m.value) } as ReadModelEvent;
      const id = input.event.payload.leadId;
      const state = fold(states.get(id) ?? emptyLeadState(id), input);
      states.set(id, state);
      const slot = slots.get(id) ?? table.size;
      slots.set(id, slot);
      table.set(slot, factsOf(state));
    }
    const all = table.facts;
    const periods = [
      { period: 'month', date: '2026-05-10' },
      { period: 'quarter', date: '2026-02-01' },
      { period: 'year', date: '2025-06-01' },
      { from: '2024-01-01', to: '2026-06-30' },
      { period: 'week', date: '2026-03-18' },
    ] as const;
    let directions = 0;
    for (const asked of periods) {
      const { period } = resolvePeriod(asked, now) as { period: Parameters<typeof metricQuery>[1] };
      for (const parkId of [undefined, ...PARK_IDS]) {
        const q = metricQuery(parkId, period, now);
        for (const slaDays of [0, 1, 3]) {
          const view = quality(table, q, slaDays);
          const { byTier, byDirection, sla } = fromFacts(all, q, slaDays);
          expect({ byTier: view.byTier, byDirection: view.byDirection, sla: view.sla }, `${parkId}`).toEqual({
            byTier,
            byDirection,
            sla,
          });
          directions += byDirection.length;
        }
      }
    }
    // The history is rich enough to mean something: directions, signings and claims by park.
    expect(directions).toBeGreaterThan(100);
    const { period: whole } = resolvePeriod(periods[3], now) as { period: Parameters<typeof metricQuery>[1] };
    const park = fromFacts(all, metricQuery(PARK_IDS[0], whole, now), 1);
    expect(park.byTier[0]?.signed).toBeGreaterThan(0);
    expect(park.sla.byOtherPark).toBeGreaterThan(0);
    expect(park.sla.withinSla).toBeGreaterThan(0);
  });
});
