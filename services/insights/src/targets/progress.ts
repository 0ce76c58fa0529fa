import { TARGET_MEASURES, type TargetView } from '@parkmatch/contracts';
import { dateOfDay, dayOfParts, startOfDay } from '../calendar/days.ts';
import { scopeView } from '../metrics/query.ts';
import type { LeadFacts } from '../read-model/facts.ts';
import { actuals } from './actuals.ts';
import { CITY, type TargetDoc } from './target.ts';

// Progress to a target, pure: how far the baseline plus what came since has got, the pace
// since the window opened, the pace still needed, and whether the current pace gets there.

const MONTH_MS = (365.2425 / 12) * 86_400_000;
const round2 = (n: number): number => Math.round(n * 100) / 100;

export function targetView(doc: TargetDoc, leads: Iterable<LeadFacts>, nowMs: number): TargetView {
  const firstDay = doc.baseline ? dayOfParts(doc.baseline.year + 1, 1, 1) : dayOfParts(doc.year, 1, 1);
  const lastDay = dayOfParts(doc.year + 1, 1, 1) - 1;
  const startMs = startOfDay(firstDay);
  const endMs = startOfDay(lastDay + 1);
  const asOfMs = Math.max(startMs, Math.min(nowMs, endMs - 1));
  const parkId = doc.scope === CITY ? undefined : doc.scope;
  const gained = actuals(leads, parkId, { startMs, asOfMs });
  const elapsed = (asOfMs - startMs) / MONTH_MS;
  // None once the year is over (asOf is its last instant): the shortfall is then what was missed.
  const left = Math.max(0, endMs - 1 - asOfMs) / MONTH_MS;

  const progress = TARGET_MEASURES.flatMap((measure) => {
    const target = doc.targets[measure];
    if (target === undefined) return [];
    const baseline = doc.baseline?.[measure] ?? 0;
    const actual = baseline + gained[measure];
    const pace = elapsed > 0 ? gained[measure] / elapsed : 0;
    const still = Math.max(0, target - actual);
    const projected = actual + pace * left;
    return [
      {
        measure,
        target,
        baseline,
        actual: round2(actual),
        share: target === 0 ? null : Math.round((actual / target) * 10_000) / 10_000,
        pacePerMonth: round2(pace),
        neededPerMonth: round2(left > 0 ? still / left : still),
        projected: round2(projected),
        onPace: projected >= target,
      },
    ];
  });

  const { year: _year, ...baseline } = doc.baseline ?? { year: 0 };
  return {
    scope: scopeView(parkId),
    year: doc.year,
    targets: { ...doc.targets } as Record<string, number>,
    ...(doc.baseline ? { baseline: { year: doc.baseline.year, ...baseline } as Record<string, number> } : {}),
    window: { from: dateOfDay(firstDay), to: dateOfDay(lastDay), asOf: new Date(asOfMs).toISOString() },
    progress,
    history: doc.history.map((h) => ({
      targets: { ...h.targets } as Record<string, number>,
      ...(h.baseline ? { baseline: { ...h.baseline } as Record<string, number> } : {}),
      ...(h.note ? { note: h.note } : {}),
      by: h.by,
      at: h.at,
    })),
    updatedBy: doc.updatedBy,
    updatedAt: doc.updatedAt,
  };
}
