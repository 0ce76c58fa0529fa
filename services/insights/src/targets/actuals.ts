import type { TargetMeasure } from '@parkmatch/contracts';
import { dayOf, monthOfDay } from '../calendar/days.ts';
import type { LeadFacts } from '../read-model/facts.ts';
import { parkIndexOf } from '../read-model/facts.ts';

// What the pipeline and the 重点培育 monthly figures brought a park (or the city) within a
// window of time: the "actual" side of a target.
//
// - firms: leads that registered locally (entered 注册落地) in the window, each once;
// - signedInvestmentCny: the 协议投资额 of leads that entered 签约 in the window;
// - certificates: registration certificates obtained, summed over the months of the window;
// - revenueCny: a level, not a flow: each key firm's average monthly revenue over the last 12
//   months reported up to the as-of month, × 12 (a firm with three months reported counts its
//   three-month average × 12), summed over the firms.

export interface Window {
  startMs: number;
  /** The as-of instant: the end of the window so far. */
  asOfMs: number;
}

const monthOfMs = (ms: number): string => monthOfDay(dayOf(ms));

/** `YYYY-MM` twelve months before (`2026-03` → `2025-04`, the first of a trailing year ending in March). */
function trailingStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 11;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function actuals(
  leads: Iterable<LeadFacts>,
  parkId: string | undefined,
  window: Window,
): Record<TargetMeasure, number> {
  const firstMonth = monthOfMs(window.startMs);
  const lastMonth = monthOfMs(window.asOfMs);
  const fromMonth = trailingStart(lastMonth);
  let firms = 0;
  let signedInvestmentCny = 0;
  let certificates = 0;
  let revenueCny = 0;
  const park = parkIndexOf(parkId);
  const inScope = (p: number) => park === -1 || p === park;
  for (const lead of leads) {
    let registered = false;
    let investment: number | undefined;
    for (const move of lead.moves) {
      if (move.ms < window.startMs || move.ms > window.asOfMs || !inScope(move.park)) continue;
      if (move.to === 'registered') registered = true;
      if (move.to === 'signed') investment = move.investment ?? 0;
    }
    if (registered) firms++;
    if (investment !== undefined) signedInvestmentCny += investment;
    let months = 0;
    let revenue = 0;
    for (const f of lead.figures) {
      if (!inScope(f.park)) continue;
      if (f.month > lastMonth) continue;
      if (f.month >= firstMonth) certificates += f.certificates;
      if (f.month >= fromMonth) {
        months++;
        revenue += f.revenueCny;
      }
    }
    if (months > 0) revenueCny += (revenue / months) * 12;
  }
  return { firms, signedInvestmentCny, certificates, revenueCny: Math.round(revenueCny) };
}
