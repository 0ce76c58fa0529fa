import type { Tier } from '@parkmatch/contracts';

// A park's leads in rank order (score desc, then lead id), kept in memory: the read
// model behind ranked-leads. Writes mark a park dirty; the next read sorts it once, so a
// bulk re-rank of 100,000 leads costs one sort, not 100,000 insertions.

export interface RankEntry {
  readonly leadId: string;
  readonly score: number;
  readonly tier: Tier;
  readonly directions: readonly string[];
}

export interface RankPosition {
  readonly score: number;
  readonly leadId: string;
}

export interface RankQuery {
  limit: number;
  after?: RankPosition | undefined;
  tier?: Tier | undefined;
  direction?: string | undefined;
  minScore?: number | undefined;
  /** Keeps only the entries this returns true for (the caller's visibility rule). */
  include?: ((entry: RankEntry) => boolean) | undefined;
}

interface ParkRanking {
  byLead: Map<string, RankEntry>;
  sorted: RankEntry[];
  dirty: boolean;
}

export function compareRank(a: RankPosition, b: RankPosition): number {
  return b.score - a.score || (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0);
}

export class RankIndex {
  readonly #parks = new Map<string, ParkRanking>();

  upsert(parkId: string, entry: RankEntry): void {
    const park = this.#park(parkId);
    park.byLead.set(entry.leadId, entry);
    park.dirty = true;
  }

  remove(parkId: string, leadId: string): void {
    const park = this.#parks.get(parkId);
    if (park?.byLead.delete(leadId)) park.dirty = true;
  }

  get(parkId: string, leadId: string): RankEntry | undefined {
    return this.#parks.get(parkId)?.byLead.get(leadId);
  }

  size(parkId: string): number {
    return this.#parks.get(parkId)?.byLead.size ?? 0;
  }

  /** All of a park's entries in rank order (sorted on demand). */
  ranked(parkId: string): readonly RankEntry[] {
    const park = this.#parks.get(parkId);
    if (!park) return [];
    if (park.dirty) {
      park.sorted = [...park.byLead.values()].sort(compareRank);
      park.dirty = false;
    }
    return park.sorted;
  }

  /** One page in rank order after `after`, filtered; `next` is set when more may follow. */
  page(parkId: string, query: RankQuery): { items: RankEntry[]; next: RankPosition | null } {
    const ranked = this.ranked(parkId);
    const items: RankEntry[] = [];
    let i = query.after ? firstAfter(ranked, query.after) : 0;
    for (; i < ranked.length && items.length < query.limit; i++) {
      const entry = ranked[i] as RankEntry;
      if (query.minScore !== undefined && entry.score < query.minScore) break; // sorted: nothing better follows
      if (query.tier && entry.tier !== query.tier) continue;
      if (query.include && !query.include(entry)) continue;
      if (query.direction && !entry.directions.includes(query.direction)) continue;
      items.push(entry);
    }
    const last = items.at(-1);
    const more = items.length === query.limit && i < ranked.length;
    return { items, next: more && last ? { score: last.score, leadId: last.leadId } : null };
  }

  #park(parkId: string): ParkRanking {
    let park = this.#parks.get(parkId);
    if (!park) {
      park = { byLead: new Map(), sorted: [], dirty: false };
      this.#parks.set(parkId, park);
    }
    return park;
  }
}

/** Index of the first entry ranked strictly after `position` (binary search). */
function firstAfter(ranked: readonly RankEntry[], position: RankPosition): number {
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRank(ranked[mid] as RankEntry, position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
