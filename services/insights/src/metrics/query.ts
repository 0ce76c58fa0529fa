import { PARKS } from '@parkmatch/contracts';
import { dayOf } from '../calendar/days.ts';
import type { Period } from '../calendar/period.ts';
import { workdayIndex } from '../calendar/workdays.ts';
import {
  type EndState,
  type LeadFacts,
  type MoveFact,
  ownerAt,
  parkIndexOf,
  spellAt,
} from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';

// What every metric is asked: a scope (a park, or the city), a period, and the instant the
// "at the end" figures are taken at; and the scope rules every metric shares.

export interface MetricQuery {
  /** Undefined: the city (every park). */
  parkId: string | undefined;
  /** The park's index in PARK_IDS, -1 for the city. */
  park: number;
  /** The park's bit in the facts' park masks (0 for the city). */
  bit: number;
  period: Period;
  /** The end of the period, or now if earlier (ms), its Shanghai day and working-day index. */
  asOfMs: number;
  asOfDay: number;
  asOfWork: number;
}

export function metricQuery(parkId: string | undefined, period: Period, nowMs: number): MetricQuery {
  const park = parkIndexOf(parkId);
  const asOfMs = Math.min(period.endMs - 1, nowMs);
  const asOfDay = dayOf(asOfMs);
  return {
    parkId,
    park,
    bit: park >= 0 ? 1 << park : 0,
    period,
    asOfMs,
    asOfDay,
    asOfWork: workdayIndex(asOfDay),
  };
}

export const inPeriod = (ms: number | undefined, q: MetricQuery): ms is number =>
  ms !== undefined && ms >= q.period.startMs && ms < q.period.endMs;

/** Does a move count for the scope? The park that owned the lead made it (a withdrawal: the lead is the park's). */
export function moveInScope(lead: LeadFacts, move: MoveFact, q: MetricQuery): boolean {
  if (q.park === -1) return true;
  return move.park === -1 ? (lead.parksMask & q.bit) !== 0 : move.park === q.park;
}

/** Is the lead the scope's at an instant? Owned by the park then, or unowned and the park's lead. */
export function heldAt(lead: LeadFacts, q: MetricQuery, at: number): boolean {
  if (q.park === -1) return true;
  const owner = ownerAt(lead, at);
  return owner === -1 ? (lead.parksMask & q.bit) !== 0 : owner === q.park;
}

export function scopeView(parkId: string | undefined) {
  if (parkId === undefined) return { parkId: null, name: { zh: '全市', en: 'City' } };
  const park = PARKS.find((p) => p.id === parkId);
  return { parkId, name: park ? { ...park.name } : { zh: parkId, en: parkId } };
}

export function periodView(q: MetricQuery) {
  const { kind, from, to } = q.period;
  return { kind, from, to, asOf: new Date(q.asOfMs).toISOString() };
}

export const head = (q: MetricQuery) => ({ scope: scopeView(q.parkId), period: periodView(q) });

/**
 * Where the lead stands at `asOf`, if it is the scope's then (undefined: not the scope's, or not
 * in the pipeline yet). Read from its end state when nothing has happened to it since.
 */
export function endAt(lead: LeadFacts, q: MetricQuery): EndState | undefined {
  const end = lead.end;
  if (!end) return undefined;
  if (q.asOfMs >= lead.lastMs) return q.park === -1 || (end.holderMask & q.bit) !== 0 ? end : undefined;
  const spell = spellAt(lead, q.asOfMs);
  if (!spell || !heldAt(lead, q, q.asOfMs)) return undefined;
  let investment = 0;
  let output = 0;
  for (const move of lead.moves) {
    if (move.ms > q.asOfMs) break;
    if (move.investment !== undefined) investment = move.investment;
    if (move.output !== undefined) output = move.output;
  }
  return { ...spell, holderMask: q.bit, investment, output };
}

// The same questions of the lead in slot `i` of a LeadTable, answered from its typed arrays
// where they suffice.

/** Is the lead the scope's (rated A–C or owned by the park)? */
export const isParksRow = (t: LeadTable, i: number, q: MetricQuery): boolean =>
  q.park === -1 || ((t.parksMask[i] as number) & q.bit) !== 0;

/** Did anything the period counts happen to the lead within it? */
export const activeRow = (t: LeadTable, i: number, q: MetricQuery): boolean =>
  (t.lastMs[i] as number) >= q.period.startMs && (t.intakeMs[i] as number) < q.period.endMs;

/** The lead's stage at `asOf` (an index into FUNNEL_ORDER) if it is the scope's then, else -1. */
export function endStageAt(t: LeadTable, i: number, q: MetricQuery): number {
  if (q.asOfMs >= (t.lastMs[i] as number)) {
    const stage = t.endStage[i] as number;
    return stage >= 0 && (q.park === -1 || ((t.endHolder[i] as number) & q.bit) !== 0) ? stage : -1;
  }
  // Something happened since: the stay it was in at asOf, from the packed columns (as spellAt).
  const spells = t.spells;
  const first = spells.start[i] as number;
  for (let k = first + (spells.count[i] as number) - 1; k >= first; k--) {
    if ((spells.enterMs[k] as number) > q.asOfMs) continue;
    if ((spells.leaveMs[k] as number) <= q.asOfMs) return -1;
    return q.park === -1 || heldAt(t.facts[i] as LeadFacts, q, q.asOfMs) ? (spells.stage[k] as number) : -1;
  }
  return -1;
}

/** endAt for the lead in slot `i`. */
export function endStateAt(t: LeadTable, i: number, q: MetricQuery): EndState | undefined {
  if (q.asOfMs < (t.lastMs[i] as number)) return endAt(t.facts[i] as LeadFacts, q);
  return endStageAt(t, i, q) >= 0 ? (t.facts[i] as LeadFacts).end : undefined;
}
