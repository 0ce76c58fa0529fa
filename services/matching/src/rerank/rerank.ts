import { QUEUES } from '@parkmatch/contracts';
import { type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import type { Engine } from '../engine/index.ts';
import type { ProfileRepository } from '../profiles/repository.ts';
import type { CatalogAt } from '../scores/explain.ts';
import { recordScores, tierMoved, withPrevious } from '../scores/record.ts';
import type { MatchRepository } from '../scores/repository.ts';
import { type RerankDoc, type RerankJob, type RerankRepository, rerankId } from './repository.ts';
import { rescore } from './rescore.ts';

// Re-ranking a park after a catalog version is published: a BullMQ job that walks every
// stored profile in lead-id order, re-scores it with the new catalog and stores the
// results a page at a time (one write a page). Progress is kept in the `reranks`
// collection (and on the job); a job that dies is retried by BullMQ and resumes from its
// stored cursor, so no profile is skipped. A new engine version re-ranks too: its scores
// and reasons differ from the stored ones.

/**
 * Profiles a page (one read, one write of their scores, one progress update). Small pages
 * keep less alive across garbage collections: at 100,000 profiles, pages of 100 peaked
 * ~70 MB lower than pages of 500 (three runs each), for the same CPU time.
 */
const PAGE = 100;
const RERANK_JOBS: JobSettings = {
  concurrency: 1,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  lockDuration: 60_000,
  keepCompletedSeconds: 7 * 24 * 3600,
  keepFailedSeconds: 30 * 24 * 3600,
};

export interface RerankDeps {
  matches: MatchRepository;
  profiles: ProfileRepository;
  reranks: RerankRepository;
  engine: Pick<Engine, 'catalog' | 'use' | 'scoreWith' | 'engineVersion'>;
  catalogAt: CatalogAt;
  onEventsWritten: () => void;
}

/** Re-scores every stored profile at one park with one catalog version; resumable. */
export async function runRerank(
  deps: RerankDeps,
  job: RerankJob,
  onProgress?: (done: number) => Promise<void>,
): Promise<void> {
  const { engine, reranks } = deps;
  const catalog = await deps.catalogAt(job.parkId, job.version);
  engine.use(catalog);
  let { cursor, done, changedTiers } = await reranks.start(job, await deps.profiles.count(), new Date());
  // The profiles to re-rank are fixed at the start: a profile that arrives later is scored
  // with this catalog by the consumer anyway (the engine uses it from now on).
  for await (const scored of rescore(deps.profiles, engine, catalog, { after: cursor, size: PAGE })) {
    if ((engine.catalog(job.parkId)?.version ?? 0) > job.version) {
      await reranks.finish(job, 'superseded', new Date());
      return;
    }
    const items = await withPrevious(deps.matches, scored);
    await recordScores(deps.matches, items, { announce: 'on-tier-change', now: new Date() });
    changedTiers += items.filter(tierMoved).length;
    cursor = scored.at(-1)?.lead.leadId ?? cursor;
    done += scored.length;
    await reranks.progress(job, { cursor, done, changedTiers });
    deps.onEventsWritten();
    await onProgress?.(done);
  }
  await reranks.finish(job, 'done', new Date());
}

export interface Reranking {
  /** Records the re-rank as queued and enqueues it (idempotent per park, catalog and engine version). */
  enqueue(parkId: string, version: number): Promise<RerankDoc>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function startReranking(
  deps: RerankDeps & { redisUrl: string; prefix: string; logger: Logger },
): Reranking {
  const jobs = startJobQueue<RerankJob>({
    redisUrl: deps.redisUrl,
    prefix: deps.prefix,
    name: QUEUES.rerank,
    settings: RERANK_JOBS,
    logger: deps.logger,
    process: async (job) => {
      deps.logger.info(job.data, 're-ranking park');
      await runRerank(deps, job.data, (done) => job.updateProgress({ done }));
      deps.logger.info(job.data, 're-ranked park');
    },
    onExhausted: (job, error) => deps.reranks.finish(job.data, 'failed', new Date(), error.message),
  });

  return {
    async enqueue(parkId, version) {
      const job = { parkId, version, engineVersion: deps.engine.engineVersion };
      const doc = await deps.reranks.queue(job, await deps.profiles.count(), new Date());
      await jobs.add(job, rerankId(job).replaceAll(/[^A-Za-z0-9._-]/g, '_'));
      return doc;
    },
    ping: () => jobs.ping(),
    close: () => jobs.close(),
  };
}
