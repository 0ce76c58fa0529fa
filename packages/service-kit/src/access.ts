import { isWorkableTier, type Tier } from '@parkmatch/contracts';
import type { Filter } from '@parkmatch/store';
import type { Principal } from './auth.ts';
import { HttpProblem } from './problem.ts';

// Who may see what: the one home of the park-scope rule and the lead-visibility rule.
// Every park-owned repository turns a principal into a filter here; every lead read and
// every ranked list asks the same question, so a lead that is listed always opens.

/** Parks whose data a principal may read: every park, or a list (possibly empty). */
export type ParkScope = 'all' | readonly string[];

export function parkScope(principal: Principal): ParkScope {
  if (principal.role === 'admin') return 'all';
  if (principal.role === 'manager' && !principal.parkId) return 'all';
  if ((principal.role === 'manager' || principal.role === 'analyst') && principal.parkId)
    return [principal.parkId];
  return [];
}

export function canSeePark(principal: Principal, parkId: string): boolean {
  const scope = parkScope(principal);
  return scope === 'all' || scope.includes(parkId);
}

/** Throws 403 unless the principal may read this park's data. */
export function assertPark(principal: Principal, parkId: string): void {
  if (!canSeePark(principal, parkId))
    throw new HttpProblem(403, { zh: `无权访问园区 ${parkId}`, en: `no access to park ${parkId}` });
}

/**
 * The store filter that keeps a park-owned collection to what the principal may read:
 * nothing added for city-wide principals, `{ [field]: { $in: parks } }` otherwise.
 */
export function parkFilter(principal: Principal, field = 'parkId'): Filter {
  const scope = parkScope(principal);
  return scope === 'all' ? {} : { [field]: { $in: [...scope] } };
}

/**
 * May the principal see a lead as one park rated it? City-wide principals see every
 * rating; a park's team sees its own park's, and only a lead worth working (tier A–C).
 */
export function canSeeLeadAt(principal: Principal, parkId: string, tier: Tier): boolean {
  const scope = parkScope(principal);
  return scope === 'all' || (scope.includes(parkId) && isWorkableTier(tier));
}

/** May the principal see a lead with these park ratings? (A firm sees only its own lead.) */
export function canSeeLead(
  principal: Principal,
  lead: { id: string; parks: Readonly<Record<string, { tier: Tier }>> },
): boolean {
  if (principal.role === 'firm') return principal.leadId === lead.id;
  if (parkScope(principal) === 'all') return true;
  return Object.entries(lead.parks).some(([parkId, rating]) => canSeeLeadAt(principal, parkId, rating.tier));
}
