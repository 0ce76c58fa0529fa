import {
  APPEAL_CATEGORIES,
  APPEAL_CATEGORY_LABELS,
  type AppealRow,
  type AppealsView,
} from '@parkmatch/contracts';
import type { AppealFact, LeadFacts } from '../read-model/facts.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { head, inPeriod, type MetricQuery } from './query.ts';
import { DayHistogram } from './stats.ts';

interface Tally {
  opened: number;
  resolved: number;
  rejected: number;
  closedLate: number;
  openAtEnd: number;
  overdueAtEnd: number;
  calendar: DayHistogram;
  working: DayHistogram;
}

const tally = (): Tally => ({
  opened: 0,
  resolved: 0,
  rejected: 0,
  closedLate: 0,
  openAtEnd: 0,
  overdueAtEnd: 0,
  calendar: new DayHistogram(),
  working: new DayHistogram(),
});

function count(t: Tally, a: AppealFact, q: MetricQuery): void {
  if (inPeriod(a.openedMs, q)) t.opened++;
  if (inPeriod(a.closedMs, q)) {
    if (a.outcome === 'resolved') {
      t.resolved++;
      t.calendar.add(a.closedDay - a.openedDay);
      t.working.add(a.closedWork - a.openedWork);
    } else t.rejected++;
    if (a.closedDay > a.dueDay) t.closedLate++;
  }
  if (a.openedMs <= q.asOfMs && a.closedMs > q.asOfMs) {
    t.openAtEnd++;
    if (a.dueDay < q.asOfDay) t.overdueAtEnd++;
  }
}

const row = ({ calendar, working, ...counts }: Tally): AppealRow => ({
  ...counts,
  resolveCalendarDays: calendar.summary(),
  resolveWorkingDays: working.summary(),
});

/** Appeals (诉求) of the scope's leads: opened, closed, late, open and overdue; time to resolve. */
export function appeals(t: LeadTable, q: MetricQuery): AppealsView {
  const total = tally();
  const byCategory = new Map<string, Tally>(APPEAL_CATEGORIES.map((c) => [c, tally()]));
  for (let i = 0; i < t.size; i++) {
    if (t.appeals[i] === 0) continue;
    const lead = t.facts[i] as LeadFacts;
    for (const appeal of lead.appeals) {
      if (q.park !== -1 && appeal.park !== q.park) continue;
      count(total, appeal, q);
      const category = byCategory.get(appeal.category);
      if (category) count(category, appeal, q);
    }
  }
  return {
    ...head(q),
    total: row(total),
    byCategory: APPEAL_CATEGORIES.map((category) => ({
      category,
      label: { ...APPEAL_CATEGORY_LABELS[category] },
      ...row(byCategory.get(category) ?? tally()),
    })),
  };
}
