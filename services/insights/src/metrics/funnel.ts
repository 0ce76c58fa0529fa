import { type FunnelView, STAGE_LABELS } from '@parkmatch/contracts';
import type { LeadFacts } from '../read-model/facts.ts';
import { FUNNEL_ORDER } from '../read-model/facts-vocabulary.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, endStageAt, head, inPeriod, isParksRow, type MetricQuery, moveInScope } from './query.ts';

/** Leads entering each stage during the period (each lead once per stage), and in each stage at its end. */
export function funnel(t: LeadTable, q: MetricQuery): FunnelView {
  const entered = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const atEnd = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const { startMs, endMs } = q.period;
  for (let i = 0; i < t.size; i++) {
    if (!isParksRow(t, i, q)) continue;
    const stage = endStageAt(t, i, q);
    if (stage >= 0) atEnd[stage] = (atEnd[stage] ?? 0) + 1;
    if (!activeRow(t, i, q)) continue;
    const lead = t.facts[i] as LeadFacts;
    let seen = 0;
    if (inPeriod(lead.intakeMs, q)) {
      seen = 1; // 线索 is stage 0
      entered[0] = (entered[0] ?? 0) + 1;
    }
    for (const move of lead.moves) {
      if (move.ms < startMs) continue;
      if (move.ms >= endMs) break;
      const bit = 1 << move.toIndex;
      if ((seen & bit) !== 0 || !moveInScope(lead, move, q)) continue;
      seen |= bit;
      entered[move.toIndex] = (entered[move.toIndex] ?? 0) + 1;
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
