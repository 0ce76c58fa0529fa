import {
  type ConversionStep,
  type ConversionView,
  PIPELINE_STAGES,
  type PipelineStage,
} from '@parkmatch/contracts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, head, isParksRow, type MetricQuery } from './query.ts';
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
  const moves = t.moves;
  for (let row = 0; row < t.size; row++) {
    if (!isParksRow(t, row, q) || !activeRow(t, row, q)) continue;
    // The lead's moves, from the packed columns: rows first … last - 1.
    const first = moves.start[row] as number;
    const last = first + (moves.count[row] as number);
    const own = ((t.parksMask[row] as number) & q.bit) !== 0;
    const inScope = (k: number): boolean => {
      if (q.park === -1) return true;
      const park = moves.park[k] as number;
      return park === -1 ? own : park === q.park;
    };
    // entry[r]: the row of the first move into rank r within the period (-1: entered at intake; -2: not entered)
    entry.fill(-2);
    const intakeMs = t.intakeMs[row] as number;
    if (intakeMs >= startMs && intakeMs < endMs) entry[0] = -1;
    let any = entry[0] === -1;
    for (let k = first; k < last; k++) {
      const at = moves.ms[k] as number;
      const rank = moves.rank[k] as number;
      if (at < startMs || rank < 0 || entry[rank] !== -2) continue;
      if (at >= endMs) break;
      if (!inScope(k)) continue;
      entry[rank] = k;
      any = true;
    }
    if (!any) continue;
    // furthest[k - first]: the furthest rank the scope moved the lead to at row k or later
    const n = last - first;
    if (furthest.length < n + 1) furthest = new Array<number>(n + 1);
    furthest[n] = -1;
    for (let k = last - 1; k >= first; k--) {
      const rank = inScope(k) ? (moves.rank[k] as number) : -1;
      furthest[k - first] = Math.max(rank, furthest[k - first + 1] as number);
    }
    for (let p = 0; p < PAIRS.length; p++) {
      const [from, to] = PAIRS[p] as [number, number];
      const at = entry[from] as number;
      if (at === -2) continue;
      cohort[p] = (cohort[p] ?? 0) + 1;
      if ((furthest[at === -1 ? 0 : at - first] as number) >= to) hit[p] = (hit[p] ?? 0) + 1;
    }
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
