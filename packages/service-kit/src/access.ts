import { isWorkableTier, TIERS, type Tier } from '@parkmatch/contracts';
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

/**
 * May the principal see how one park rated a lead it sees there (its score)? canSeeLeadAt, and
 * the owner park's team sees its own park's rating whatever the tier: canSeeLead lets it open
 * the lead it owns (a D after the firm rewrote its profile, or after a transfer), so its score
 * there opens too.
 */
export function canSeeRatingAt(
  principal: Principal,
  parkId: string,
  tier: Tier,
  owner: { parkId: string } | null | undefined,
): boolean {
  return canSeeLeadAt(principal, parkId, tier) || (owner?.parkId === parkId && canSeePark(principal, parkId));
}

/** What the lead rules look at: the park ratings and the owner park. */
export interface LeadAccess {
  id: string;
  parks: Readonly<Record<string, { tier: Tier }>>;
  owner?: { parkId: string } | undefined;
}

/**
 * May the principal see a lead with these park ratings and this owner? A park's team sees
 * the leads its park rated A–C and the leads its park owns; a firm sees only its own lead.
 */
export function canSeeLead(principal: Principal, lead: LeadAccess): boolean {
  if (principal.role === 'firm') return principal.leadId === lead.id;
  const scope = parkScope(principal);
  if (scope === 'all') return true;
  if (lead.owner && scope.includes(lead.owner.parkId)) return true;
  return Object.entries(lead.parks).some(([parkId, rating]) => canSeeLeadAt(principal, parkId, rating.tier));
}

const WORKABLE_TIERS = TIERS.filter(isWorkableTier);

/**
 * canSeeLead as a store filter over the `leads` collection (fields `parks.<parkId>.tier` and
 * `owner.parkId`), for lists: a lead that is listed always opens.
 */
export function leadFilter(principal: Principal): Filter {
  if (principal.role === 'firm') return { _id: { $in: principal.leadId ? [principal.leadId] : [] } };
  const scope = parkScope(principal);
  if (scope === 'all') return {};
  if (scope.length === 0) return { _id: { $in: [] } };
  return {
    $or: [
      ...scope.map((parkId) => ({ [`parks.${parkId}.tier`]: { $in: WORKABLE_TIERS } })),
      { 'owner.parkId': { $in: [...scope] } },
    ],
  };
}

/**
 * May the principal claim a lead for `parkId` (首报首谈)? Only for a park that rated it A–C
 * (`rating`), and only as that park's team or as city-wide staff claiming on its behalf.
 */
export function canClaimFor(
  principal: Principal,
  parkId: string,
  rating: { tier: Tier } | undefined,
): boolean {
  return rating !== undefined && isWorkableTier(rating.tier) && canSeeLeadAt(principal, parkId, rating.tier);
}

/** May the principal work a lead (move it, keep its ledgers)? Its owner park's team, or city-wide staff. */
export function canWorkLead(principal: Principal, lead: { owner?: { parkId: string } | undefined }): boolean {
  return lead.owner !== undefined && principal.role !== 'firm' && canSeePark(principal, lead.owner.parkId);
}

/** City-wide staff (admins, managers without a park): they hand leads from one park to another. */
export function isCityWide(principal: Principal): boolean {
  return principal.role !== 'firm' && parkScope(principal) === 'all';
}

/** A manager's say in the pipeline (moving a lead back, reopening a lost one): managers and admins. */
export function hasManagerRights(principal: Principal): boolean {
  return principal.role === 'manager' || principal.role === 'admin';
}
