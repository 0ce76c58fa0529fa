import { type InvestmentView, STAGE_LABELS, type Stage } from '@parkmatch/contracts';
import { monthsOf } from '../calendar/period.ts';
import { type LeadFacts, type MoveFact, stageIndex } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { activeRow, endStateAt, head, isParksRow, type MetricQuery, moveInScope } from './query.ts';

const HELD_STAGES: readonly Stage[] = ['signed', 'registered', 'construction', 'operating'];
const HELD_INDEXES = new Set(HELD_STAGES.map(stageIndex));
/** The leads with a move into 签约 or 投产 (LeadTable.movedTo): the only ones whose moves count here. */
const MONEY_MOVES = (1 << stageIndex('signed')) | (1 << stageIndex('operating'));

const monthIndexOf = (month: string): number =>
  Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

interface MonthRow {
  month: string;
  signedLeads: number;
  agreedInvestmentCny: number;
  operatingLeads: number;
  expectedAnnualOutputCny: number;
}

/** Adds a lead's move into 签约 or 投产 (the one the period counts) to its month's row. */
function addToMonth(row: MonthRow | undefined, move: MoveFact): void {
  if (!row) return;
  if (move.to === 'signed') {
    row.signedLeads++;
    row.agreedInvestmentCny += move.investment ?? 0;
  } else {
    row.operatingLeads++;
    row.expectedAnnualOutputCny += move.output ?? 0;
  }
}

/**
 * Signed investment (协议投资额) and expected output: what entered 签约 and 投产 during the
 * period, and what the leads at 签约 … 投产 hold at the end of the period.
 *
 * A lead signed more than once in the period (signed, moved back, signed again) counts once:
 * its latest signing within the period, with the figure recorded then — the earlier one was
 * undone. The months count that same signing, in its month, so the months of a view add up to
 * its total (likewise 投产). Each period is counted on its own, as the funnel's `entered` is: a
 * lead signed in March and again in May counts in Q1 (March) and in Q2 (May) asked apart, and
 * once (May) in the year.
 */
export function investment(t: LeadTable, q: MetricQuery): InvestmentView {
  const months = monthsOf(q.period);
  const first = monthIndexOf(months[0] ?? '0000-01');
  const byMonth: MonthRow[] = months.map((month) => ({
    month,
    signedLeads: 0,
    agreedInvestmentCny: 0,
    operatingLeads: 0,
    expectedAnnualOutputCny: 0,
  }));
  const signed = { leads: 0, agreedInvestmentCny: 0 };
  const operating = { leads: 0, expectedAnnualOutputCny: 0 };
  const byStage = new Map(
    HELD_STAGES.map((s) => [s, { leads: 0, agreedInvestmentCny: 0, expectedAnnualOutputCny: 0 }]),
  );
  const { startMs, endMs } = q.period;

  for (let i = 0; i < t.size; i++) {
    if (!isParksRow(t, i, q)) continue;
    // Only leads at 签约 … 投产 hold figures (or those whose history after asOf must be walked).
    const late = (t.lastMs[i] as number) > q.asOfMs;
    const end = late || HELD_INDEXES.has(t.endStage[i] as number) ? endStateAt(t, i, q) : undefined;
    const held = end ? byStage.get(end.stage) : undefined;
    if (end && held) {
      held.leads++;
      held.agreedInvestmentCny += end.investment;
      held.expectedAnnualOutputCny += end.output;
    }
    if (((t.movedTo[i] as number) & MONEY_MOVES) === 0 || !activeRow(t, i, q)) continue;
    const lead = t.facts[i] as LeadFacts;
    // The latest move into 签约 / 投产 of the period: the one the total and its month count.
    let lastSigned: MoveFact | undefined;
    let lastOperating: MoveFact | undefined;
    for (const move of lead.moves) {
      if (move.ms < startMs) continue;
      if (move.ms >= endMs) break;
      if ((move.to !== 'signed' && move.to !== 'operating') || !moveInScope(lead, move, q)) continue;
      if (move.to === 'signed') lastSigned = move;
      else lastOperating = move;
    }
    if (lastSigned) {
      addToMonth(byMonth[lastSigned.monthIndex - first], lastSigned);
      signed.leads++;
      signed.agreedInvestmentCny += lastSigned.investment ?? 0;
    }
    if (lastOperating) {
      addToMonth(byMonth[lastOperating.monthIndex - first], lastOperating);
      operating.leads++;
      operating.expectedAnnualOutputCny += lastOperating.output ?? 0;
    }
  }
  return {
    ...head(q),
    signed,
    operating,
    byStage: HELD_STAGES.map((stage) => ({
      stage,
      label: { ...STAGE_LABELS[stage] },
      ...(byStage.get(stage) ?? { leads: 0, agreedInvestmentCny: 0, expectedAnnualOutputCny: 0 }),
    })),
    byMonth,
  };
}
