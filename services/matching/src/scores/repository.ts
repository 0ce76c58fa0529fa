import { OUTBOX_INDEX, type OutboxFields } from '@parkmatch/service-kit';
import type { Collection, DocumentStore, Filter, UpdateById } from '@parkmatch/store';
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
}

export const matchId = (leadId: string, parkId: string) => `${leadId}:${parkId}`;

/** What a new result is compared with: is the stored score current, did the tier move? */
export type StoredScore = Pick<
  MatchDoc,
  '_id' | 'tier' | 'profileRevision' | 'engineVersion' | 'catalogVersion'
>;

/** What a ranking needs of a stored score. */
export type RankedScore = Pick<
  MatchDoc,
  'leadId' | 'parkId' | 'score' | 'tier' | 'matchedDirections' | 'updatedAt'
>;

const RANKED_PROJECTION = {
  leadId: 1,
  parkId: 1,
  score: 1,
  tier: 1,
  'matchedDirections.code': 1,
  updatedAt: 1,
} as const;

/** The `matches` collection: every lead's score at every park, with their scored events. */
export class MatchRepository {
  static readonly COLLECTION = 'matches';
  readonly #matches: Collection<MatchDoc>;

  private constructor(matches: Collection<MatchDoc>) {
    this.#matches = matches;
  }

  static async open(store: DocumentStore): Promise<MatchRepository> {
    const matches = store.collection<MatchDoc>(MatchRepository.COLLECTION);
    // Ranked lists are served from the in-memory RankIndex (ranking/), not from a
    // { parkId, score } index.
    await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores at every park" });
    await matches.createIndex({
      keys: { updatedAt: 1 },
      purpose: 'ranking catch-up: matches written since a watermark',
    });
    await matches.createIndex(OUTBOX_INDEX);
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

  /** Scores written at or after `since` (every score when not given), as a ranking needs them. */
  rankedSince(since?: string): Promise<RankedScore[]> {
    return this.#matches.find(since ? { updatedAt: { $gte: since } } : {}, { projection: RANKED_PROJECTION });
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
}
