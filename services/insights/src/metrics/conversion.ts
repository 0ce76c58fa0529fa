import {
  type ConversionStep,
  type ConversionView,
  PIPELINE_STAGES,
  type PipelineStage,
} from '@parkmatch/contracts';
import type { LeadFacts } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, head, inPeriod, isParksRow, type MetricQuery, moveInScope } from './query.ts';
import { rate } from './stats.ts';

/** Pairs of pipeline ranks: each consecutive pair, then 线索→签约 and 线索→投产. */
const PAIRS: [number, number][] = [
  ...PIPELINE_STAGES.slice(0, -1).map((_, i): [number, number] => [i, i + 1]),
  [0, 4],
  [0, 7],
];
const STEPS = PIPELINE_STAGES.length - 1;

/**
 * Cohort conversion: of the leads that entered `from` during the period (as in the funnel), how
 * many reached `to` or a later stage afterwards (skipping is allowed), up to now.
 */
export function conversion(t: LeadTable, q: MetricQuery): ConversionView {
  const cohort = new Array<number>(PAIRS.length).fill(0);
  const hit = new Array<number>(PAIRS.length).fill(0);
  const { startMs, endMs } = q.period;
  const entry = new Array<number>(PIPELINE_STAGES.length);
  let furthest: number[] = [];
  for (let row = 0; row < t.size; row++) {
    if (!isParksRow(t, row, q) || !activeRow(t, row, q)) continue;
    const lead = t.facts[row] as LeadFacts;
    const moves = lead.moves;
    // entry[r]: index of the first move into rank r within the period (-1: entered at intake; -2: not entered)
    entry.fill(-2);
    if (inPeriod(lead.intakeMs, q)) entry[0] = -1;
    let any = entry[0] === -1;
    for (let i = 0; i < moves.length; i++) {
      const move = moves[i] as (typeof moves)[number];
      if (move.ms < startMs || move.toRank < 0 || entry[move.toRank] !== -2) continue;
      if (move.ms >= endMs) break;
      if (!moveInScope(lead, move, q)) continue;
      entry[move.toRank] = i;
      any = true;
    }
    if (!any) continue;
    // furthest[i]: the furthest rank the scope moved the lead to at moves[i] or later
    if (furthest.length < moves.length + 1) furthest = new Array<number>(moves.length + 1);
    furthest[moves.length] = -1;
    for (let i = moves.length - 1; i >= 0; i--) {
      const move = moves[i] as (typeof moves)[number];
      const rank = moveInScope(lead, move, q) ? move.toRank : -1;
      furthest[i] = Math.max(rank, furthest[i + 1] as number);
    }
    PAIRS.forEach(([from, to], p) => {
      const at = entry[from] as number;
      if (at === -2) return;
      cohort[p] = (cohort[p] ?? 0) + 1;
      if ((furthest[at === -1 ? 0 : at] as number) >= to) hit[p] = (hit[p] ?? 0) + 1;
    });
  }
  const step = ([from, to]: [number, number], p: number): ConversionStep => ({
    from: PIPELINE_STAGES[from] as PipelineStage,
    to: PIPELINE_STAGES[to] as PipelineStage,
    cohort: cohort[p] ?? 0,
    reached: hit[p] ?? 0,
    rate: rate(hit[p] ?? 0, cohort[p] ?? 0),
  });
  const all = PAIRS.map(step);
  return { ...head(q), steps: all.slice(0, STEPS), overall: all.slice(STEPS) };
}
