import { TIER_RANK, type Tier } from '@parkmatch/contracts';
import { compareRank, type RankEntry } from './rank-index.ts';

// What a draft catalog would change: the new top of the list, and who moved.

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
  const previous = new Map(sortedBefore.map((e, i) => [e.leadId, { rank: i + 1, entry: e }]));
  const changes = sortedAfter.map((e, i): RankedChange => {
    const was = previous.get(e.leadId);
    return {
      leadId: e.leadId,
      rank: i + 1,
      score: e.score,
      tier: e.tier,
      previousRank: was?.rank ?? null,
      previousScore: was?.entry.score ?? null,
      previousTier: was?.entry.tier ?? null,
    };
  });
  const moved = (c: RankedChange) => Math.abs(c.score - (c.previousScore ?? 0));
  const up = changes.filter((c) => c.previousTier && TIER_RANK[c.tier] > TIER_RANK[c.previousTier]);
  const down = changes.filter((c) => c.previousTier && TIER_RANK[c.tier] < TIER_RANK[c.previousTier]);
  const topAfter = new Set(sortedAfter.slice(0, limit).map((e) => e.leadId));
  const topBefore = new Set(sortedBefore.slice(0, limit).map((e) => e.leadId));
  return {
    total: sortedAfter.length,
    top: changes.slice(0, limit),
    tierUp: up.sort((a, b) => moved(b) - moved(a)).slice(0, limit),
    tierDown: down.sort((a, b) => moved(b) - moved(a)).slice(0, limit),
    tierUpCount: up.length,
    tierDownCount: down.length,
    enteredTop: [...topAfter].filter((id) => !topBefore.has(id)),
    leftTop: [...topBefore].filter((id) => !topAfter.has(id)),
  };
}
