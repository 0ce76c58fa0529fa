import { type ActivityView, PARKS } from '@parkmatch/contracts';
import { monthsOf } from '../calendar/period.ts';
import { type LeadFacts, liaisonAt, monthIndexOfDay, ownerAt } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { endStageAt, head, type MetricQuery } from './query.ts';

// The 一企一策 ledger's activity: visits and talks by the day visited, liaisons named, and how
// far the leads being worked have a liaison and a visit.

/** FUNNEL_ORDER indexes of 初步接洽 … 投产: the stages a lead is worked in. */
const WORKED_FIRST = 1;
const WORKED_LAST = 7;
const LIAISON_LIST = 200;

interface Counts {
  visits: number;
  leadsVisited: number;
  liaisonsAssigned: number;
}
const zero = (): Counts => ({ visits: 0, leadsVisited: 0, liaisonsAssigned: 0 });

interface LiaisonRow {
  liaison: string;
  park: number;
  leads: number;
  visits: number;
}

export function activity(t: LeadTable, q: MetricQuery): ActivityView {
  const { firstDay, lastDay, startMs, endMs } = q.period;
  const months = monthsOf(q.period);
  const firstMonth = monthIndexOfDay(firstDay);
  const total = zero();
  const byMonth = months.map(zero);
  const byPark = PARKS.map(zero);
  // By park, then name (no key to build per visit).
  const liaisons = PARKS.map(() => new Map<string, LiaisonRow>());
  const liaisonRow = (park: number, name: string): LiaisonRow => {
    const names = liaisons[park] as Map<string, LiaisonRow>;
    let row = names.get(name);
    if (!row) {
      row = { liaison: name, park, leads: 0, visits: 0 };
      names.set(name, row);
    }
    return row;
  };
  const coverage = { worked: 0, withLiaison: 0, visitedInPeriod: 0 };

  for (let i = 0; i < t.size; i++) {
    const stage = endStageAt(t, i, q);
    const worked = stage >= WORKED_FIRST && stage <= WORKED_LAST;
    if (worked) coverage.worked++;
    if ((t.ledger[i] as number) === 0) continue;
    const active = (t.ledgerLastMs[i] as number) >= startMs && (t.ledgerFirstMs[i] as number) < endMs;
    if (!active && !worked) continue;
    const lead = t.facts[i] as LeadFacts;
    let visited = false;
    if (active) {
      let lastMonth = -1;
      let parksSeen = 0;
      for (const v of lead.visits) {
        if (v.day < firstDay) continue;
        if (v.day > lastDay) break;
        if (q.park !== -1 && v.park !== q.park) continue;
        total.visits++;
        if (!visited) total.leadsVisited++;
        visited = true;
        const month = byMonth[v.monthIndex - firstMonth];
        if (month) {
          month.visits++;
          if (v.monthIndex !== lastMonth) month.leadsVisited++;
        }
        lastMonth = v.monthIndex;
        if (v.park < 0) continue;
        const park = byPark[v.park] as Counts;
        park.visits++;
        if ((parksSeen & (1 << v.park)) === 0) park.leadsVisited++;
        parksSeen |= 1 << v.park;
        if (v.liaison !== undefined) liaisonRow(v.park, v.liaison).visits++;
      }
      for (const l of lead.liaisons) {
        if (l.ms < startMs) continue;
        if (l.ms >= endMs) break;
        if (q.park !== -1 && l.park !== q.park) continue;
        total.liaisonsAssigned++;
        const month = byMonth[l.monthIndex - firstMonth];
        if (month) month.liaisonsAssigned++;
        const park = byPark[l.park];
        if (park) park.liaisonsAssigned++;
      }
    }
    if (!worked) continue;
    if (visited) coverage.visitedInPeriod++;
    const owner = ownerAt(lead, q.asOfMs);
    const name = owner >= 0 ? liaisonAt(lead.liaisons, owner, q.asOfMs) : undefined;
    if (name === undefined) continue;
    coverage.withLiaison++;
    liaisonRow(owner, name).leads++;
  }
  const inScope = (park: number) => q.park === -1 || park === q.park;
  const rows = liaisons
    .flatMap((names, park) => (inScope(park) ? [...names.values()] : []))
    .sort((a, b) => b.visits - a.visits || b.leads - a.leads || (a.liaison < b.liaison ? -1 : 1))
    .slice(0, LIAISON_LIST);
  return {
    ...head(q),
    ...total,
    coverage: {
      ...coverage,
      liaisonShare: coverage.worked === 0 ? null : coverage.withLiaison / coverage.worked,
    },
    byMonth: months.map((month, i) => ({ month, ...(byMonth[i] as Counts) })),
    byPark: PARKS.flatMap((park, i) =>
      inScope(i) ? [{ parkId: park.id, name: { ...park.name }, ...(byPark[i] as Counts) }] : [],
    ),
    byLiaison: rows.map((r) => ({
      liaison: r.liaison,
      parkId: PARKS[r.park]?.id ?? '',
      leads: r.leads,
      visits: r.visits,
    })),
  };
}
