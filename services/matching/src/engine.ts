import type { PublicProfile } from '@parkmatch/contracts';
import {
  compareResults,
  compileCatalog,
  type MatchResult,
  type ParkCatalog,
  readProfile,
  scoreReading,
  type Taxonomy,
} from './domain/index.ts';

/**
 * The engine with the catalogs in force: reads a profile once and scores it at every
 * park. Publishing a catalog version swaps it in; what-if runs use a copy.
 */
export class Engine {
  readonly taxonomy: Taxonomy;
  readonly #catalogs = new Map<string, ParkCatalog>();

  constructor(taxonomy: Taxonomy, catalogs: Iterable<ParkCatalog>) {
    this.taxonomy = taxonomy;
    for (const catalog of catalogs) this.use(catalog);
  }

  use(catalog: ParkCatalog): void {
    compileCatalog(catalog, this.taxonomy); // compile now, not on the first request
    this.#catalogs.set(catalog.id, catalog);
  }

  catalogs(): ParkCatalog[] {
    return [...this.#catalogs.values()];
  }

  catalog(parkId: string): ParkCatalog | undefined {
    return this.#catalogs.get(parkId);
  }

  /** Every park, best first. */
  match(profile: PublicProfile): MatchResult[] {
    const reading = readProfile(profile, this.taxonomy);
    return this.catalogs()
      .map((catalog) => scoreReading(reading, profile, catalog, compileCatalog(catalog, this.taxonomy)))
      .sort(compareResults);
  }

  /** One park, with the given catalog (the one in force by default). */
  scoreAt(profile: PublicProfile, catalog: ParkCatalog): MatchResult {
    return scoreReading(
      readProfile(profile, this.taxonomy),
      profile,
      catalog,
      compileCatalog(catalog, this.taxonomy),
    );
  }
}
