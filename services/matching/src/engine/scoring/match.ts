import { type PublicProfile, TIER_RANK } from '@parkmatch/contracts';
import type { ParkCatalog } from '../catalog.ts';
import { compileCatalog } from '../compile-catalog.ts';
import { readProfile } from '../reading/reading.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { MatchResult } from '../types.ts';
import { scoreReading } from './scoring.ts';

/** Reads the profile once and scores it at every park: best first (score, then tier, then park id). */
export function matchLead(
  profile: PublicProfile,
  catalogs: readonly ParkCatalog[],
  taxonomy: Taxonomy,
): MatchResult[] {
  const reading = readProfile(profile, taxonomy);
  const results = catalogs.map((catalog) =>
    scoreReading(reading, profile, catalog, compileCatalog(catalog, taxonomy)),
  );
  return results.sort(compareResults);
}

export function compareResults(a: MatchResult, b: MatchResult): number {
  return (
    b.score - a.score ||
    TIER_RANK[b.tier] - TIER_RANK[a.tier] ||
    (a.parkId < b.parkId ? -1 : a.parkId > b.parkId ? 1 : 0)
  );
}
