import { type FunnelView, STAGE_LABELS } from '@parkmatch/contracts';
import { FUNNEL_ORDER } from '../read-model/facts-vocabulary.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, endStageAt, head, isParksRow, type MetricQuery } from './query.ts';

/** Leads entering each stage during the period (each lead once per stage), and in each stage at its end. */
export function funnel(t: LeadTable, q: MetricQuery): FunnelView {
  const entered = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const atEnd = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const { startMs, endMs } = q.period;
  const moves = t.moves;
  for (let i = 0; i < t.size; i++) {
    if (!isParksRow(t, i, q)) continue;
    const stage = endStageAt(t, i, q);
    if (stage >= 0) atEnd[stage] = (atEnd[stage] ?? 0) + 1;
    if (!activeRow(t, i, q)) continue;
    let seen = 0;
    const intakeMs = t.intakeMs[i] as number;
    if (intakeMs >= startMs && intakeMs < endMs) {
      seen = 1; // 线索 is stage 0
      entered[0] = (entered[0] ?? 0) + 1;
    }
    // The lead's moves, from the packed columns (a move counts for the park that made it; a
    // withdrawal, made by no park, for the parks whose lead it is).
    const own = ((t.parksMask[i] as number) & q.bit) !== 0;
    const first = moves.start[i] as number;
    const last = first + (moves.count[i] as number);
    for (let k = first; k < last; k++) {
      const at = moves.ms[k] as number;
      if (at < startMs) continue;
      if (at >= endMs) break;
      const to = moves.to[k] as number;
      const bit = 1 << to;
      if ((seen & bit) !== 0) continue;
      if (q.park !== -1) {
        const park = moves.park[k] as number;
        if (park === -1 ? !own : park !== q.park) continue;
      }
      seen |= bit;
      entered[to] = (entered[to] ?? 0) + 1;
    }
  }
  return {
    ...head(q),
    stages: FUNNEL_ORDER.map((stage, i) => ({
      stage,
      label: { ...STAGE_LABELS[stage] },
      entered: entered[i] ?? 0,
      atEnd: atEnd[i] ?? 0,
    })),
  };
}
