import { catalogVersionId, fromStored } from './catalogs.ts';
import type { MatchResult, ParkCatalog } from './domain/index.ts';
import type { Engine } from './engine.ts';
import { leadOf, type MatchDoc, type Repositories } from './repositories.ts';

// The full result behind stored scores — reasons in both languages and the component
// breakdown — derived again from the profile and the exact catalog version that was
// scored. Scoring is deterministic, so this is the result that was stored.

export class Explainer {
  readonly #repos: Repositories;
  readonly #engine: Engine;
  /** Published catalog versions never change, so they are cached for good. */
  readonly #versions = new Map<string, ParkCatalog>();

  constructor(repos: Repositories, engine: Engine) {
    this.#repos = repos;
    this.#engine = engine;
  }

  async catalogAt(parkId: string, version: number): Promise<ParkCatalog> {
    const id = catalogVersionId(parkId, version);
    const cached = this.#versions.get(id);
    if (cached) return cached;
    const current = this.#engine.catalog(parkId);
    const doc = current?.version === version ? null : await this.#repos.catalogVersions.findOne({ _id: id });
    const catalog = doc ? fromStored(doc.catalog) : current;
    if (!catalog || catalog.version !== version) throw new Error(`no catalog ${id}`);
    this.#versions.set(id, catalog);
    return catalog;
  }

  /** The full results for these stored scores, in the same order. */
  async explain(docs: readonly MatchDoc[]): Promise<MatchResult[]> {
    const leadIds = [...new Set(docs.map((d) => d.leadId))];
    const profiles = new Map(
      (await this.#repos.profiles.find({ _id: { $in: leadIds } })).map((p) => [p._id, p] as const),
    );
    const results: MatchResult[] = [];
    for (const doc of docs) {
      const profile = profiles.get(doc.leadId);
      if (!profile) throw new Error(`no profile for lead ${doc.leadId}`);
      const catalog = await this.catalogAt(doc.parkId, doc.catalogVersion);
      results.push(this.#engine.scoreWith(leadOf(profile), catalog));
    }
    return results;
  }
}
