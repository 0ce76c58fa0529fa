import type { Engine, MatchResult, ParkCatalog } from '../engine/index.ts';
import { leadOf, type ProfileRepository } from '../profiles/repository.ts';
import type { MatchDoc } from './repository.ts';

// The full result behind stored scores — reasons in both languages and the component
// breakdown — derived again from the profile and the exact catalog version that was
// scored. Scoring is deterministic, so this is the result that was stored.

/** A park's catalog at a published version (throws when there is none). */
export type CatalogAt = (parkId: string, version: number) => Promise<ParkCatalog>;

export class Explainer {
  readonly #profiles: ProfileRepository;
  readonly #engine: Pick<Engine, 'scoreWith'>;
  readonly #catalogAt: CatalogAt;

  constructor(profiles: ProfileRepository, engine: Pick<Engine, 'scoreWith'>, catalogAt: CatalogAt) {
    this.#profiles = profiles;
    this.#engine = engine;
    this.#catalogAt = catalogAt;
  }

  /** The full results for these stored scores, in the same order. */
  async explain(docs: readonly MatchDoc[]): Promise<MatchResult[]> {
    const profiles = await this.#profiles.byIds([...new Set(docs.map((d) => d.leadId))]);
    const results: MatchResult[] = [];
    for (const doc of docs) {
      const profile = profiles.get(doc.leadId);
      if (!profile) throw new Error(`no profile for lead ${doc.leadId}`);
      const catalog = await this.#catalogAt(doc.parkId, doc.catalogVersion);
      results.push(this.#engine.scoreWith(leadOf(profile), catalog));
    }
    return results;
  }
}
