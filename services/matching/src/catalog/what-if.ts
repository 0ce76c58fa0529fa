import type { Engine, ParkCatalog } from '../engine/index.ts';
import type { ProfileRepository } from '../profiles/repository.ts';
import { diffRankings, type RankEntry } from '../ranking/ranking-diff.ts';
import { rescore } from '../rerank/rescore.ts';
import type { MatchRepository } from '../scores/repository.ts';

/** Stored scores a read; profiles a scoring page (small, as in a re-rank: less survives each GC). */
const SCORES_PAGE = 1000;
const PROFILES_PAGE = 100;

/**
 * Every lead scored with a draft catalog, against the park's list today (its stored scores,
 * read a page at a time): the new top and who moves. Both lists are held as small entries
 * (lead id, score, tier); firm names are read for the leads shown only.
 */
export async function whatIf(
  deps: { profiles: ProfileRepository; matches: MatchRepository; engine: Pick<Engine, 'scoreWith'> },
  draft: ParkCatalog,
  limit: number,
) {
  const before: RankEntry[] = [];
  for await (const page of deps.matches.rankings(draft.id, { size: SCORES_PAGE })) {
    for (const { leadId, score, tier } of page) before.push({ leadId, score, tier });
  }
  const after: RankEntry[] = [];
  for await (const page of rescore(deps.profiles, deps.engine, draft, { size: PROFILES_PAGE })) {
    for (const { lead, result } of page)
      after.push({ leadId: lead.leadId, score: result.score, tier: result.tier });
  }
  const diff = diffRankings(before, after, limit);
  const shown = [...diff.top, ...diff.tierUp, ...diff.tierDown].map((c) => c.leadId);
  const profiles = await deps.profiles.byIds([...new Set(shown)]);
  const named = <T extends { leadId: string }>(items: T[]) =>
    items.map((item) => ({ ...item, firmName: profiles.get(item.leadId)?.profile.firm.name ?? '' }));
  return {
    parkId: draft.id,
    baseVersion: draft.version - 1,
    ...diff,
    top: named(diff.top),
    tierUp: named(diff.tierUp),
    tierDown: named(diff.tierDown),
  };
}
