import { TIERS, type Tier } from '@parkmatch/contracts';
import type { OutboxFields } from '@parkmatch/service-kit';
import type { Collection, DocumentStore, Filter, FindOptions, UpdateById } from '@parkmatch/store';
import type { MatchResult } from '../engine/index.ts';

/**
 * One lead scored at one park. Reasons and the component breakdown are not stored: they
 * are derived again (deterministically) from the profile and the catalog version when
 * someone reads them — see explain.ts — which keeps 600,000 scores small.
 */
export interface MatchDoc extends Omit<MatchResult, 'reasons' | 'components'>, OutboxFields {
  _id: string; // matchId(leadId, parkId)
  leadId: string;
  firmName: string;
  projectTitle: string;
  profileRevision: number;
  updatedAt: string;
  /**
   * The matched direction codes as keys (`directionKey`), so that a direction filter is a
   * plain field the store answers in SQL (an array would be filtered row by row in JS).
   * Missing on scores stored before it existed (the filter falls back to matchedDirections).
   */
  hasDirection?: Record<string, true>;
}

export const matchId = (leadId: string, parkId: string) => `${leadId}:${parkId}`;

/** A direction code as a field name: dots would be read as a path (codes never hold ':'). */
export const directionKey = (code: string) => code.replaceAll('.', ':');

/** `hasDirection` of a result's matched directions. */
export const directionKeys = (directions: MatchResult['matchedDirections']): Record<string, true> =>
  Object.fromEntries(directions.map((d) => [directionKey(d.code), true as const]));

/** What a new result is compared with: is the stored score current, did the tier move? */
export type StoredScore = Pick<
  MatchDoc,
  '_id' | 'tier' | 'profileRevision' | 'engineVersion' | 'catalogVersion'
>;

/** A place in a park's ranked list: score descending, then lead id ascending. */
export interface RankPosition {
  readonly score: number;
  readonly leadId: string;
}

export interface RankedQuery {
  /** Scores on the page. */
  limit: number;
  /** Only scores ranked after this one (the previous page's last). */
  after?: RankPosition | undefined;
  tier?: Tier | undefined;
  /** A matched direction code. */
  direction?: string | undefined;
  minScore?: number | undefined;
  /** The tiers the caller may see (undefined: every tier). */
  tiers?: readonly Tier[] | undefined;
}

/** A page of a park's ranked list; `next` is set when more scores follow. */
export interface RankedPage<T> {
  items: T[];
  next: RankPosition | null;
}

/** What comparing rankings (what-if) needs of a stored score. */
export type RankedScore = Pick<MatchDoc, '_id' | 'leadId' | 'score' | 'tier'>;

const RANK_ORDER = { score: -1, leadId: 1 } as const;
const RANKED_PROJECTION = { leadId: 1, score: 1, tier: 1 } as const;

/**
 * The index behind ranked lists, in their order. `tier` comes last so that the store reads a
 * tier filter off the index entries instead of each document: `?tier=D`, or a team's list
 * (tiers A–C) near its end, skips tens of thousands of entries in a few milliseconds.
 */
export const RANKED_INDEX = {
  keys: { parkId: 1, score: -1, leadId: 1, tier: 1 },
  purpose: "a park's ranked list (score desc, lead id) paged by cursor, tier read off the index",
} as const;

/**
 * The store query for one page of a park's ranked list (limit + 1: the extra one says that
 * more follow), or null when the caller may see nothing the filter asks for. The cursor is
 * `score ≤ s AND (score < s OR leadId > id)`: the first part is a range on the index, the
 * second skips the ties already listed.
 */
export function rankedFind(
  parkId: string,
  query: RankedQuery,
): { filter: Filter; options: FindOptions } | null {
  const { after, tier, tiers, direction, minScore } = query;
  const filter: Filter = { parkId };
  if (tier !== undefined) {
    if (tiers && !tiers.includes(tier)) return null;
    filter.tier = tier;
  } else if (tiers && tiers.length < TIERS.length) {
    if (tiers.length === 0) return null;
    filter.tier = tiers.length === 1 ? tiers[0] : { $in: [...tiers] };
  }
  const score: Record<string, number> = {};
  if (minScore !== undefined) score.$gte = minScore;
  if (after) score.$lte = after.score;
  if (Object.keys(score).length > 0) filter.score = score;
  const and: Filter[] = [];
  if (after) and.push({ $or: [{ score: { $lt: after.score } }, { leadId: { $gt: after.leadId } }] });
  if (direction !== undefined) {
    and.push({
      $or: [
        { [`hasDirection.${directionKey(direction)}`]: true },
        { hasDirection: { $exists: false }, 'matchedDirections.code': direction },
      ],
    });
  }
  if (and.length === 1) Object.assign(filter, and[0]);
  else if (and.length > 1) filter.$and = and;
  return { filter, options: { sort: RANK_ORDER, limit: query.limit + 1 } };
}

/** The `matches` collection: every lead's score at every park, with their scored events. */
export class MatchRepository {
  static readonly COLLECTION = 'matches';
  readonly #matches: Collection<MatchDoc>;

  private constructor(matches: Collection<MatchDoc>) {
    this.#matches = matches;
  }

  static async open(store: DocumentStore): Promise<MatchRepository> {
    const matches = store.collection<MatchDoc>(MatchRepository.COLLECTION);
    await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores at every park" });
    await matches.createIndex(RANKED_INDEX);
    return new MatchRepository(matches);
  }

  /** What is stored for these ids (one query). */
  async stored(ids: readonly string[]): Promise<Map<string, StoredScore>> {
    const docs = await this.#matches.find(
      { _id: { $in: [...ids] } },
      { projection: { tier: 1, profileRevision: 1, engineVersion: 1, catalogVersion: 1 } },
    );
    return new Map(docs.map((d) => [d._id, d]));
  }

  /** Deletes every score of these leads (withdrawn: they leave every ranked list). */
  async deleteForLeads(leadIds: readonly string[]): Promise<void> {
    if (leadIds.length > 0) await this.#matches.deleteMany({ leadId: { $in: [...leadIds] } });
  }

  /** Stores several scores (with their events) as one write. */
  async write(ops: readonly UpdateById[]): Promise<void> {
    if (ops.length > 0) await this.#matches.bulkUpdateById(ops);
  }

  /** These scores, in the order of `ids` (missing ones left out). */
  async byIds(ids: readonly string[]): Promise<MatchDoc[]> {
    const byId = new Map((await this.#matches.find({ _id: { $in: [...ids] } })).map((d) => [d._id, d]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** A lead's scores at the parks `scope` allows (a park filter from service-kit's access rules). */
  forLead(leadId: string, scope: Filter): Promise<MatchDoc[]> {
    return this.#matches.find({ ...scope, leadId });
  }

  /** One page of a park's scores, best first (score desc, then lead id), read from the store in index order. */
  ranked(parkId: string, query: RankedQuery): Promise<RankedPage<MatchDoc>> {
    return this.#page(parkId, query);
  }

  /** Every score of a park in rank order, `size` at a time, with what a ranking needs. */
  async *rankings(parkId: string, { size }: { size: number }): AsyncGenerator<RankedScore[]> {
    let after: RankPosition | undefined;
    do {
      const page: RankedPage<RankedScore> = await this.#page(
        parkId,
        { limit: size, after },
        RANKED_PROJECTION,
      );
      if (page.items.length > 0) yield page.items;
      after = page.next ?? undefined;
    } while (after);
  }

  /** Parks among `parkIds` holding scores of an engine version other than `engineVersion` (a start-up scan). */
  async parksWithOtherEngine(engineVersion: string, parkIds: readonly string[]): Promise<string[]> {
    const other = { engineVersion: { $ne: engineVersion } };
    if ((await this.#matches.findOne(other, { projection: { _id: 1 } })) === null) return []; // the usual case
    const stale: string[] = [];
    for (const parkId of parkIds) {
      if (await this.#matches.findOne({ ...other, parkId }, { projection: { _id: 1 } })) stale.push(parkId);
    }
    return stale;
  }

  async #page<T extends Pick<MatchDoc, 'score' | 'leadId'>>(
    parkId: string,
    query: RankedQuery,
    projection?: FindOptions['projection'],
  ): Promise<RankedPage<T>> {
    const find = rankedFind(parkId, query);
    if (!find) return { items: [], next: null };
    const docs = (await this.#matches.find(find.filter, {
      ...find.options,
      ...(projection ? { projection } : {}),
    })) as unknown as T[];
    const items = docs.slice(0, query.limit);
    const last = items.at(-1);
    const more = docs.length > query.limit && last !== undefined;
    return { items, next: more ? { score: last.score, leadId: last.leadId } : null };
  }
}
