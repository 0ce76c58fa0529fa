import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbeddedStore } from '@parkmatch/store';
import { currentCatalogs, seedCatalogs } from './catalogs.ts';
import { loadLabelledSet, loadParkCatalogs, loadTaxonomy } from './domain/index.ts';
import { RankIndex } from './domain/rank-index.ts';
import { Engine } from './engine.ts';
import { openRepositories } from './repositories.ts';
import type { LeadToScore } from './scoring.ts';

// For tests: the matching service's repositories on a fresh embedded store, with the
// parks' catalogs seeded, an engine and an empty ranking.

const taxonomy = loadTaxonomy();
const labelled = loadLabelledSet(fileURLToPath(new URL('../eval/labelled.jsonl', import.meta.url)));

export async function openTestRepositories() {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-matching-'));
  const store = await createEmbeddedStore({ dir });
  const repos = await openRepositories(store);
  await seedCatalogs(repos.catalogVersions, loadParkCatalogs(taxonomy), new Date());
  const engine = new Engine(taxonomy, await currentCatalogs(repos.catalogVersions));
  return {
    repos,
    engine,
    ranking: new RankIndex(),
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Revision 1 of the i-th labelled profile (public part), as lead `lead-00i`. */
export function labelledLead(i: number): LeadToScore {
  const found = labelled[i];
  if (!found) throw new Error(`the labelled set has no case ${i}`);
  const { contact: _contact, consent: _consent, ...profile } = found.profile;
  return { leadId: `lead-${String(i).padStart(3, '0')}`, revision: 1, profile };
}
