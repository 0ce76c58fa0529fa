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
// - revenueCny: a level, not a flow: each key firm's average monthly revenue over the trailing
//   twelve months ending with the latest month reported in the scope up to the as-of month, × 12
//   (a firm with three of those months reported counts its three-month average × 12), summed
//   over the firms. The months run to the latest one reported, not to the as-of month: in
//   December, with November the latest reported, they are December last year to November, not
//   January to November (which would drop a month and scale eleven by 12/11).

export interface Window {
  startMs: number;
  /** The as-of instant: the end of the window so far. */
  asOfMs: number;
}

const monthOfMs = (ms: number): string => monthOfDay(dayOf(ms));

/** `YYYY-MM` eleven months before (`2026-03` → `2025-04`, the first of a trailing year ending in March). */
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
  let firms = 0;
  let signedInvestmentCny = 0;
  let certificates = 0;
  const park = parkIndexOf(parkId);
  const inScope = (p: number) => park === -1 || p === park;
  // The key firms with figures in scope, and the latest month reported up to the as-of month.
  const reporting: LeadFacts[] = [];
  let latestMonth = '';
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
    let reports = false;
    for (const f of lead.figures) {
      if (!inScope(f.park) || f.month > lastMonth) continue;
      reports = true;
      if (f.month >= firstMonth) certificates += f.certificates;
      if (f.month > latestMonth) latestMonth = f.month;
    }
    if (reports) reporting.push(lead);
  }
  let revenueCny = 0;
  if (latestMonth !== '') {
    const fromMonth = trailingStart(latestMonth);
    for (const lead of reporting) {
      let months = 0;
      let revenue = 0;
      for (const f of lead.figures) {
        if (!inScope(f.park) || f.month < fromMonth || f.month > latestMonth) continue;
        months++;
        revenue += f.revenueCny;
      }
      if (months > 0) revenueCny += (revenue / months) * 12;
    }
  }
  return { firms, signedInvestmentCny, certificates, revenueCny: Math.round(revenueCny) };
}
