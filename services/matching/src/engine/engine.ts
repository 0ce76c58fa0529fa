import type { LeadRevision } from '@parkmatch/contracts';
import { LRUCache } from 'lru-cache';
import type { ParkCatalog } from './catalog.ts';
import { compileCatalog } from './compile-catalog.ts';
import { type ProfileReading, readProfile } from './reading/reading.ts';
import { compareResults } from './scoring/match.ts';
import { scoreReading } from './scoring/scoring.ts';
import type { Taxonomy } from './taxonomy/taxonomy.ts';
import type { MatchResult } from './types.ts';
import { engineVersionFor } from './version.ts';

/**
 * Readings kept for re-use: recent leads, the ones explained (every ranked-leads page) and
 * re-scored most. 5,000 readings of the labelled profiles hold ~6.5 MB of heap. A pass over
 * every stored profile (re-rank, what-if) does not keep what it reads (`keep: false`): it
 * reads each profile once, and reading allocates ~40 KB a profile, so keeping them would
 * only evict the recent leads and turn 100,000 readings into long-lived garbage.
 */
const READINGS_KEPT = 5_000;

export interface ReadOptions {
  /** Keep a reading made now for re-use (default true; false for a pass over every profile). */
  keep?: boolean;
}

/**
 * The engine with the catalogs in force. Reading a profile is the expensive step, so the
 * readings of recent leads are kept (per revision) and re-used when a catalog changes or a
 * score is explained.
 */
export class Engine {
  readonly taxonomy: Taxonomy;
  readonly #catalogs = new Map<string, ParkCatalog>();
  readonly #readings = new LRUCache<string, { revision: number; reading: ProfileReading }>({
    max: READINGS_KEPT,
  });

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

  /** The lead's reading: the kept one, or read now (and kept unless `keep` is false). */
  reading(lead: LeadRevision, { keep = true }: ReadOptions = {}): ProfileReading {
    const cached = this.#readings.get(lead.leadId);
    if (cached && cached.revision === lead.revision) return cached.reading;
    const reading = readProfile(lead.profile, this.taxonomy);
    if (keep) this.#readings.set(lead.leadId, { revision: lead.revision, reading });
    return reading;
  }

  /** Every park, best first. */
  match(lead: LeadRevision): MatchResult[] {
    const reading = this.reading(lead);
    return this.catalogs()
      .map((catalog) => scoreReading(reading, lead.profile, catalog, compileCatalog(catalog, this.taxonomy)))
      .sort(compareResults);
  }

  /** One park, with the given catalog (a published version or a draft). */
  scoreWith(lead: LeadRevision, catalog: ParkCatalog, options?: ReadOptions): MatchResult {
    return scoreReading(
      this.reading(lead, options),
      lead.profile,
      catalog,
      compileCatalog(catalog, this.taxonomy),
    );
  }
}
