import { type LeadListPage, PARK_IDS, type ParkId, type Stage, type Tier } from '@parkmatch/contracts';
import { leadFilter, type Principal, parkScope } from '@parkmatch/service-kit';
import type { LeadRepository } from '../lead/repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { leadListItem } from './view.ts';

// The teams' lead list: what the caller may see (its park's A–C leads and the leads it owns;
// city-wide staff everything), newest activity first, filtered and searched.

export interface LeadListRequest {
  stage?: Stage | undefined;
  /** A park, or `none` for leads nobody owns yet. */
  owner?: ParkId | 'none' | undefined;
  liaison?: string | undefined;
  /** As the caller's park rated it (city-wide staff: as any park rated it). */
  tier?: Tier | undefined;
  /** Firm name or credit code contains it. */
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listLeads(
  deps: { leads: LeadRepository; now: () => Date },
  principal: Principal,
  request: LeadListRequest,
): Promise<LeadListPage> {
  const scope = parkScope(principal);
  // A liaison shows only on the leads the caller works (claimed-elsewhere.ts): for a park's team,
  // a search by liaison keeps to its own park's leads, or it would tell who liaises a rival's.
  const ownPark = scope === 'all' ? undefined : (scope[0] as ParkId | undefined);
  let owner = request.owner === 'none' ? null : request.owner;
  if (request.liaison && scope !== 'all') {
    if (owner !== undefined && owner !== ownPark) return { items: [], nextCursor: null };
    owner = ownPark;
  }
  const { leads, next } = await deps.leads.list({
    visible: leadFilter(principal),
    stage: request.stage,
    owner,
    liaison: request.liaison,
    tier: request.tier && { tier: request.tier, parkIds: scope === 'all' ? PARK_IDS : scope },
    text: request.q,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
  });
  const now = deps.now();
  return {
    items: leads.map((lead) => leadListItem(principal, lead, now)),
    nextCursor: next ? encodeCursor(next) : null,
  };
}
