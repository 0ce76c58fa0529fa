import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LeadRevision } from '@parkmatch/contracts';
import { createSqliteStore } from '@parkmatch/store';
import { loadLabelledSet } from '../eval/evaluation.ts';
import { CatalogRepository } from '../src/catalog/repository.ts';
import { Engine, loadParkCatalogs, loadTaxonomy } from '../src/engine/index.ts';
import { ProfileRepository } from '../src/profiles/repository.ts';
import { RerankRepository } from '../src/rerank/repository.ts';
import { LeadOwnerRepository } from '../src/scores/owners.ts';
import { type MatchDoc, MatchRepository } from '../src/scores/repository.ts';

// For tests: the matching service's repositories on a fresh local store, with the parks'
// catalogs seeded and an engine.

const taxonomy = loadTaxonomy();
const labelled = loadLabelledSet(fileURLToPath(new URL('../eval/labelled.jsonl', import.meta.url)));

export async function openMatching() {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-matching-'));
  const store = await createSqliteStore({ dir });
  const [catalogs, profiles, matches, reranks, owners] = await Promise.all([
    CatalogRepository.open(store),
    ProfileRepository.open(store),
    MatchRepository.open(store),
    RerankRepository.open(store),
    LeadOwnerRepository.open(store),
  ]);
  await catalogs.seed(loadParkCatalogs(taxonomy), new Date());
  const engine = new Engine(taxonomy, await catalogs.current());
  return {
    store,
    catalogs,
    profiles,
    matches,
    reranks,
    owners,
    engine,
    /** The raw `matches` collection, to look at what was stored. */
    storedMatches: () => store.collection<MatchDoc>(MatchRepository.COLLECTION),
    /** How many scored events a stored score's writes left waiting in the outbox. */
    announced: async (matchId: string) =>
      (await store.outbox(MatchRepository.COLLECTION).waiting(matchId)).length,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Revision 1 of the i-th labelled profile (public part), as lead `lead-00i`. */
export function labelledLead(i: number): LeadRevision {
  const found = labelled[i];
  if (!found) throw new Error(`the labelled set has no case ${i}`);
  const { contact: _contact, consent: _consent, ...profile } = found.profile;
  return { leadId: `lead-${String(i).padStart(3, '0')}`, revision: 1, profile };
}
