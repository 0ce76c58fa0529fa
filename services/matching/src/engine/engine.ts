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
 * Readings kept for re-use. A reading is ~10 KB: keeping every lead's (100,000 leads: over
 * 1 GB) cost more memory than it saved time; a re-rank reads what is not kept again
 * (reading + scoring ~5,000 profiles/s), and recent leads — the ones explained and re-scored
 * most — stay.
 */
const READINGS_KEPT = 5_000;

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

  reading(lead: LeadRevision): ProfileReading {
    const cached = this.#readings.get(lead.leadId);
    if (cached && cached.revision === lead.revision) return cached.reading;
    const reading = readProfile(lead.profile, this.taxonomy);
    this.#readings.set(lead.leadId, { revision: lead.revision, reading });
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
  scoreWith(lead: LeadRevision, catalog: ParkCatalog): MatchResult {
    return scoreReading(this.reading(lead), lead.profile, catalog, compileCatalog(catalog, this.taxonomy));
  }
}
