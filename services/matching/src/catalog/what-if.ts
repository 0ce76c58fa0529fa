import type { Engine, ParkCatalog } from '../engine/index.ts';
import type { ProfileRepository } from '../profiles/repository.ts';
import type { RankIndex } from '../ranking/rank-index.ts';
import { diffRankings } from '../ranking/ranking-diff.ts';
import { rescore } from '../rerank/rescore.ts';

/** Every lead scored with a draft catalog, against the park's list today: the new top and who moves. */
export async function whatIf(
  deps: { profiles: ProfileRepository; engine: Pick<Engine, 'scoreWith'>; ranking: RankIndex },
  draft: ParkCatalog,
  limit: number,
) {
  const names = new Map<string, string>();
  const after = [];
  for await (const page of rescore(deps.profiles, deps.engine, draft, { size: 1000 })) {
    for (const { lead, result } of page) {
      names.set(lead.leadId, lead.profile.firm.name);
      after.push({
        leadId: lead.leadId,
        score: result.score,
        tier: result.tier,
        directions: result.matchedDirections.map((d) => d.code),
      });
    }
  }
  const diff = diffRankings(deps.ranking.ranked(draft.id), after, limit);
  const named = <T extends { leadId: string }>(items: T[]) =>
    items.map((item) => ({ ...item, firmName: names.get(item.leadId) ?? '' }));
  return {
    parkId: draft.id,
    baseVersion: draft.version - 1,
    ...diff,
    top: named(diff.top),
    tierUp: named(diff.tierUp),
    tierDown: named(diff.tierDown),
  };
}
