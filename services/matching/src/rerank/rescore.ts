import type { LeadRevision } from '@parkmatch/contracts';
import type { Engine, MatchResult, ParkCatalog } from '../engine/index.ts';
import type { ProfileRepository } from '../profiles/repository.ts';

/**
 * The one loop that scores every stored profile with one catalog (published or draft),
 * a page at a time in lead-id order, after `after`. Re-rank stores the pages; what-if
 * only compares them.
 */
export async function* rescore(
  profiles: ProfileRepository,
  engine: Pick<Engine, 'scoreWith'>,
  catalog: ParkCatalog,
  { after = '', size }: { after?: string; size: number },
): AsyncGenerator<{ lead: LeadRevision; result: MatchResult }[]> {
  for await (const page of profiles.pages({ after, size })) {
    yield page.map((lead) => ({ lead, result: engine.scoreWith(lead, catalog, { keep: false }) }));
  }
}
