import type { PublicProfile } from '@parkmatch/contracts';
import { OUTBOX_INDEX, type OutboxFields } from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import type { CatalogVersionDoc } from './catalogs.ts';
import type { MatchResult } from './domain/index.ts';
import type { RerankDoc } from './rerank.ts';

/** The latest revision of each lead's public profile, kept for re-ranking. */
export interface ProfileDoc {
  _id: string; // leadId
  revision: number;
  profile: PublicProfile;
  receivedAt: string;
}

/**
 * One lead scored against one park. Reasons and the component breakdown are not stored:
 * they are derived again (deterministically) from the profile and the catalog version
 * when someone reads them — see explain.ts — which keeps 600,000 scores small.
 */
export interface MatchDoc extends Omit<MatchResult, 'reasons' | 'components'>, OutboxFields {
  _id: string; // `${leadId}:${parkId}`
  leadId: string;
  firmName: string;
  projectTitle: string;
  profileRevision: number;
  updatedAt: string;
}

export interface Repositories {
  profiles: Collection<ProfileDoc>;
  matches: Collection<MatchDoc>;
  catalogVersions: Collection<CatalogVersionDoc>;
  reranks: Collection<RerankDoc>;
  outboxCollections: string[];
}

export const matchId = (leadId: string, parkId: string) => `${leadId}:${parkId}`;

/** A stored profile as the engine reads it. */
export const leadOf = (doc: ProfileDoc) => ({
  leadId: doc._id,
  revision: doc.revision,
  profile: doc.profile,
});

/**
 * Every stored profile after `after` (an _id), in _id order, `size` at a time. The ids are
 * taken once at the start and each page fetched by id: paging by `_id > cursor` would make
 * the embedded store sort what is left for every page.
 */
export async function* profilePages(
  profiles: Collection<ProfileDoc>,
  { after = '', size }: { after?: string; size: number },
): AsyncGenerator<ProfileDoc[]> {
  const ids = (await profiles.find({}, { projection: { _id: 1 } }))
    .map((p) => p._id)
    .filter((id) => id > after)
    .sort();
  for (let start = 0; start < ids.length; start += size) {
    const page = await profiles.find({ _id: { $in: ids.slice(start, start + size) } });
    if (page.length > 0) yield page.sort((a, b) => (a._id < b._id ? -1 : 1));
  }
}

export async function openRepositories(store: DocumentStore): Promise<Repositories> {
  const profiles = store.collection<ProfileDoc>('profiles');
  const matches = store.collection<MatchDoc>('matches');
  // Ranked lists are served from the in-memory RankIndex (ranking.ts), not from a
  // { parkId, score } index: six parks make a low-cardinality index that slows every write.
  await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores at every park" });
  await matches.createIndex({
    keys: { updatedAt: 1 },
    purpose: 'ranking catch-up: matches written since a watermark',
  });
  await matches.createIndex(OUTBOX_INDEX);
  const catalogVersions = store.collection<CatalogVersionDoc>('catalog_versions');
  await catalogVersions.createIndex({
    keys: { parkId: 1, version: -1 },
    purpose: "a park's catalog history, newest first",
  });
  const reranks = store.collection<RerankDoc>('reranks');
  await reranks.createIndex({ keys: { parkId: 1, queuedAt: -1 }, purpose: "a park's latest re-rank" });
  return { profiles, matches, catalogVersions, reranks, outboxCollections: ['matches'] };
}
