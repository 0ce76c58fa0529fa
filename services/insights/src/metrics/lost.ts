import {
  LOST_REASON_LABELS,
  LOST_REASONS,
  type LostView,
  STAGE_LABELS,
  type Stage,
} from '@parkmatch/contracts';
import { type LeadFacts, stageIndex } from '../read-model/facts.ts';
import { FUNNEL_ORDER } from '../read-model/facts-vocabulary.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, head, inPeriod, isParksRow, type MetricQuery, moveInScope } from './query.ts';

const LOST_MOVE = 1 << stageIndex('lost');

/** Moves to 流失 during the period, by reason and by the stage the lead was lost from. */
export function lost(t: LeadTable, q: MetricQuery): LostView {
  const byReason = new Map<string, number>();
  const byStage = new Map<Stage, number>();
  let total = 0;
  for (let i = 0; i < t.size; i++) {
    if (((t.movedTo[i] as number) & LOST_MOVE) === 0 || !isParksRow(t, i, q) || !activeRow(t, i, q)) continue;
    const lead = t.facts[i] as LeadFacts;
    for (const move of lead.moves) {
      if (move.to !== 'lost' || !inPeriod(move.ms, q) || !moveInScope(lead, move, q)) continue;
      total++;
      const reason = move.lostReason ?? 'other';
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      byStage.set(move.from, (byStage.get(move.from) ?? 0) + 1);
    }
  }
  return {
    ...head(q),
    total,
    byReason: LOST_REASONS.map((reason) => ({
      reason,
      label: { ...LOST_REASON_LABELS[reason] },
      count: byReason.get(reason) ?? 0,
    })),
    byStage: FUNNEL_ORDER.filter((s) => byStage.has(s)).map((stage) => ({
      stage,
      label: { ...STAGE_LABELS[stage] },
      count: byStage.get(stage) ?? 0,
    })),
  };
}
