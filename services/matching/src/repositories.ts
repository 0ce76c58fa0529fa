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
  await reranks.createIndex({ keys: { parkId: 1, version: -1 }, purpose: "a park's latest re-rank" });
  return { profiles, matches, catalogVersions, reranks, outboxCollections: ['matches'] };
}
