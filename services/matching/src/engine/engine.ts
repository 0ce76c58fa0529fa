import type { LeadRevision } from '@parkmatch/contracts';
import type { ParkCatalog } from './catalog.ts';
import { compileCatalog } from './compile-catalog.ts';
import { type ProfileReading, readProfile } from './reading/reading.ts';
import { compareResults } from './scoring/match.ts';
import { scoreReading } from './scoring/scoring.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import type { MatchResult } from './types.ts';
import { engineVersionFor } from './version.ts';

/**
 * The engine with the catalogs in force. Reading a profile is the expensive step, so each
 * lead's reading is kept (per revision) and re-used when a catalog changes: re-ranking
 * and what-if runs then cost only the cheap scoring.
 */
export class Engine {
  readonly taxonomy: Taxonomy;
  readonly #catalogs = new Map<string, ParkCatalog>();
  readonly #readings = new Map<string, { revision: number; reading: ProfileReading }>();

  /** Stored with every score: the scores of another engine version are stale. */
  readonly engineVersion: string;

  constructor(taxonomy: Taxonomy, catalogs: Iterable<ParkCatalog>) {
    this.taxonomy = taxonomy;
    this.engineVersion = engineVersionFor(taxonomy.version);
    for (const catalog of catalogs) this.use(catalog);
  }

  /** Puts a catalog in force (a newer version of a park replaces the older one). */
  use(catalog: ParkCatalog): void {
    const current = this.#catalogs.get(catalog.id);
    if (current && current.version > catalog.version) return;
    compileCatalog(catalog, this.taxonomy); // compile now, not on the first request
    this.#catalogs.set(catalog.id, catalog);
  }

  catalogs(): ParkCatalog[] {
    return [...this.#catalogs.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  catalog(parkId: string): ParkCatalog | undefined {
    return this.#catalogs.get(parkId);
  }

  reading(lead: LeadRevision): ProfileReading {
    const cached = this.#readings.get(lead.leadId);
    if (cached && cached.revision === lead.revision) return cached.reading;
    const reading = readProfile(lead.profile, this.taxonomy);
    this.#readings.set(lead.leadId, { revision: lead.revision, reading });
    return reading;
  }

  /**
   * Reads every lead ahead of need (after a start), yielding to the event loop as it goes,
   * so that the first re-rank or what-if costs only scoring.
   */
  async warm(leads: Iterable<LeadRevision>): Promise<number> {
    let count = 0;
    for (const lead of leads) {
      this.reading(lead);
      if (++count % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return count;
  }

  /** Every park, best first. */
  match(lead: LeadRevision): MatchResult[] {
    const reading = this.reading(lead);
    return this.catalogs()
      .map((catalog) => scoreReading(reading, lead.profile, catalog, compileCatalog(catalog, this.taxonomy)))
      .sort(compareResults);
  }

  /** One park, with the given catalog (a published version or a draft). */
  scoreWith(lead: LeadRevision, catalog: ParkCatalog): MatchResult {
    return scoreReading(this.reading(lead), lead.profile, catalog, compileCatalog(catalog, this.taxonomy));
  }
}
