import { PIPELINE_STAGES, STAGE_LABELS, type Stage, type TimeInStageView } from '@parkmatch/contracts';
import { type EndState, type LeadFacts, parkIdOf, stageIndex } from '../read-model/facts.ts';
import { FUNNEL_ORDER } from '../read-model/facts-vocabulary.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, endStageAt, endStateAt, head, type MetricQuery } from './query.ts';
import { DayHistogram } from './stats.ts';

export const TIMED_STAGES: readonly Stage[] = [...PIPELINE_STAGES, 'on-hold'];
/** Where a lead can be stuck: the stages before 投产 (搁置 is waiting on purpose; the exits are final). */
const STUCK = new Set(PIPELINE_STAGES.filter((s) => s !== 'operating').map(stageIndex));
const TIMED = new Set(TIMED_STAGES.map(stageIndex));
const MAX_LISTED = 200;

export interface StuckRule {
  afterDays: number;
  unit: 'calendar' | 'working';
}

/**
 * How long leads stay in each stage: stays that ended during the period (calendar and working
 * days), and the leads in each stage at the end of the period, with those there too long.
 */
export function timeInStage(t: LeadTable, q: MetricQuery, rule: StuckRule): TimeInStageView {
  const calendar = FUNNEL_ORDER.map(() => new DayHistogram());
  const working = FUNNEL_ORDER.map(() => new DayHistogram());
  const current = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const stuckCount = new Array<number>(FUNNEL_ORDER.length).fill(0);
  const stuck: { lead: LeadFacts; spell: EndState; calendarDays: number; workingDays: number }[] = [];
  const { startMs, endMs } = q.period;

  const spells = t.spells;
  for (let i = 0; i < t.size; i++) {
    if (activeRow(t, i, q)) {
      // The lead's stays, from the packed columns.
      const first = spells.start[i] as number;
      const last = first + (spells.count[i] as number);
      for (let k = first; k < last; k++) {
        const leave = spells.leaveMs[k] as number;
        if (leave < startMs || leave >= endMs) continue;
        if (q.park !== -1 && spells.park[k] !== q.park) continue;
        const stage = spells.stage[k] as number;
        calendar[stage]?.add((spells.leaveDay[k] as number) - (spells.enterDay[k] as number));
        working[stage]?.add((spells.leaveWork[k] as number) - (spells.enterWork[k] as number));
      }
    }
    const stage = endStageAt(t, i, q);
    if (stage < 0) continue;
    current[stage] = (current[stage] ?? 0) + 1;
    if (!STUCK.has(stage)) continue;
    const now = endStateAt(t, i, q);
    if (!now) continue;
    const calendarDays = q.asOfDay - now.enterDay;
    const workingDays = q.asOfWork - now.enterWork;
    if ((rule.unit === 'calendar' ? calendarDays : workingDays) <= rule.afterDays) continue;
    stuckCount[now.stageIndex] = (stuckCount[now.stageIndex] ?? 0) + 1;
    stuck.push({ lead: t.facts[i] as LeadFacts, spell: now, calendarDays, workingDays });
  }
  // Longest first, only the listed ones sorted and written out: the age the 200th has, from a
  // histogram of the ages, then the few at or above it.
  const byAge = new DayHistogram();
  for (const s of stuck) byAge.add(s.calendarDays);
  const cutoff = byAge.largest(MAX_LISTED);
  const listed = stuck
    .filter((s) => s.calendarDays >= cutoff)
    .sort((a, b) => b.calendarDays - a.calendarDays || (a.lead.id < b.lead.id ? -1 : 1))
    .slice(0, MAX_LISTED)
    .map(({ lead, spell, calendarDays, workingDays }) => ({
      leadId: lead.id,
      parkId: parkIdOf(spell.park),
      stage: spell.stage,
      enteredAt: new Date(spell.enterMs).toISOString(),
      calendarDays,
      workingDays,
    }));
  return {
    ...head(q),
    stuckAfterDays: rule.afterDays,
    unit: rule.unit,
    stages: FUNNEL_ORDER.flatMap((stage, i) =>
      TIMED.has(i)
        ? [
            {
              stage,
              label: { ...STAGE_LABELS[stage] },
              left: calendar[i]?.count ?? 0,
              calendarDays: calendar[i]?.summary() ?? { median: null, p90: null },
              workingDays: working[i]?.summary() ?? { median: null, p90: null },
              current: current[i] ?? 0,
              stuck: stuckCount[i] ?? 0,
            },
          ]
        : [],
    ),
    stuck: listed,
    stuckTotal: stuck.length,
  };
}
