import { TIER_RANK, type Tier } from '@parkmatch/contracts';

// What a draft catalog would change: the new top of the list, and who moved. Pure: the
// caller brings both lists (a park's stored scores and the draft's), in any order.

/** A lead's place in one ranking of a park. */
export interface RankEntry {
  readonly leadId: string;
  readonly score: number;
  readonly tier: Tier;
}

/** Rank order, as the stored lists (ranked-leads): score descending, then lead id. */
export function compareRank(a: Pick<RankEntry, 'score' | 'leadId'>, b: Pick<RankEntry, 'score' | 'leadId'>) {
  return b.score - a.score || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0);
}

export interface RankedChange {
  leadId: string;
  rank: number;
  score: number;
  tier: Tier;
  previousRank: number | null;
  previousScore: number | null;
  previousTier: Tier | null;
}

export interface RankingDiff {
  total: number;
  /** The new list's top `limit`, with where each lead stood before. */
  top: RankedChange[];
  /** Leads whose tier would rise / fall, biggest score change first (at most `limit` each). */
  tierUp: RankedChange[];
  tierDown: RankedChange[];
  tierUpCount: number;
  tierDownCount: number;
  /** Leads that enter / leave the top `limit`. */
  enteredTop: string[];
  leftTop: string[];
}

export function diffRankings(
  before: readonly RankEntry[],
  after: readonly RankEntry[],
  limit: number,
): RankingDiff {
  const sortedAfter = [...after].sort(compareRank);
  const sortedBefore = [...before].sort(compareRank);
  // Only ranks: a change is built for the leads listed (the top and the tier movers), not for all.
  const previousRank = new Map(sortedBefore.map((e, i) => [e.leadId, i]));
  const change = (e: RankEntry, i: number): RankedChange => {
    const at = previousRank.get(e.leadId);
    const was = at === undefined ? undefined : sortedBefore[at];
    return {
      leadId: e.leadId,
      rank: i + 1,
      score: e.score,
      tier: e.tier,
      previousRank: at === undefined ? null : at + 1,
      previousScore: was?.score ?? null,
      previousTier: was?.tier ?? null,
    };
  };
  const up: RankedChange[] = [];
  const down: RankedChange[] = [];
  sortedAfter.forEach((e, i) => {
    const at = previousRank.get(e.leadId);
    const was = at === undefined ? undefined : sortedBefore[at];
    if (!was || was.tier === e.tier) return;
    (TIER_RANK[e.tier] > TIER_RANK[was.tier] ? up : down).push(change(e, i));
  });
  const moved = (c: RankedChange) => Math.abs(c.score - (c.previousScore ?? 0));
  const topAfter = new Set(sortedAfter.slice(0, limit).map((e) => e.leadId));
  const topBefore = new Set(sortedBefore.slice(0, limit).map((e) => e.leadId));
  return {
    total: sortedAfter.length,
    top: sortedAfter.slice(0, limit).map(change),
    tierUp: up.sort((a, b) => moved(b) - moved(a)).slice(0, limit),
    tierDown: down.sort((a, b) => moved(b) - moved(a)).slice(0, limit),
    tierUpCount: up.length,
    tierDownCount: down.length,
    enteredTop: [...topAfter].filter((id) => !topBefore.has(id)),
    leftTop: [...topBefore].filter((id) => !topAfter.has(id)),
  };
}
