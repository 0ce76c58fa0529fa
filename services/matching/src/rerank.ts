import { QUEUES } from '@parkmatch/contracts';
import { type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import { catalogVersionId, fromStored } from './catalogs.ts';
import type { RankIndex } from './domain/rank-index.ts';
import type { Engine } from './engine.ts';
import { leadOf, matchId, profilePages, type Repositories } from './repositories.ts';
import { previousMatches, recordMatches } from './scoring.ts';

// Re-ranking a park after a catalog version is published: a BullMQ job that walks every
// stored profile in _id order, re-scores it with the new catalog and stores the results a
// page at a time (one write a page).
// Progress is kept in the `reranks` collection (and on the job); a job that dies is
// retried by BullMQ and resumes from its stored cursor, so no profile is skipped.
// A new engine version re-ranks too: its scores and reasons differ from the stored ones,
// so a re-rank is one per park, catalog version and engine version.

export interface RerankDoc {
  _id: string; // rerankId(parkId, version, engineVersion)
  parkId: string;
  version: number;
  /** The engine version the re-rank was started for. */
  engineVersion: string;
  status: 'queued' | 'running' | 'done' | 'superseded' | 'failed';
  total: number;
  done: number;
  changedTiers: number;
  /** Last profile _id done: where a retried job resumes. */
  cursor: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface RerankJob {
  parkId: string;
  version: number;
  engineVersion: string;
}

export const rerankId = (parkId: string, version: number, engineVersion: string) =>
  `${catalogVersionId(parkId, version)}/${engineVersion}`;

const PAGE = 500;
const RERANK_JOBS: JobSettings = {
  concurrency: 1,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  lockDuration: 60_000,
  keepCompletedSeconds: 7 * 24 * 3600,
  keepFailedSeconds: 30 * 24 * 3600,
};

export interface RerankDeps {
  repos: Repositories;
  engine: Engine;
  ranking: RankIndex;
  logger: Logger;
  onEventsWritten: () => void;
}

/** Re-scores every stored profile at one park with one catalog version; resumable. */
export async function runRerank(
  deps: RerankDeps,
  job: RerankJob,
  onProgress?: (done: number) => Promise<void>,
) {
  const { repos, engine, ranking } = deps;
  const { reranks } = repos;
  const id = rerankId(job.parkId, job.version, job.engineVersion);
  const versionDoc = await repos.catalogVersions.findOne({ _id: catalogVersionId(job.parkId, job.version) });
  if (!versionDoc) throw new Error(`no catalog ${job.parkId}@${job.version}`);
  const catalog = fromStored(versionDoc.catalog);
  engine.use(catalog);
  const state = await reranks.findOneAndUpdate(
    { _id: id },
    {
      $set: {
        status: 'running',
        startedAt: new Date().toISOString(),
        total: await repos.profiles.countDocuments(),
      },
    },
  );
  if (!state) throw new Error(`no rerank ${id}`);
  let { cursor, done, changedTiers } = state;
  // The profiles to re-rank are fixed at the start: a profile that arrives later is scored
  // with this catalog by the consumer anyway (the engine uses it from now on).
  for await (const profiles of profilePages(repos.profiles, { after: cursor, size: PAGE })) {
    if ((engine.catalog(job.parkId)?.version ?? 0) > job.version) {
      await reranks.updateOne(
        { _id: id },
        { $set: { status: 'superseded', finishedAt: new Date().toISOString() } },
      );
      return;
    }
    const previous = await previousMatches(
      repos,
      profiles.map((p) => matchId(p._id, job.parkId)),
    );
    const items = profiles.map((p) => {
      const lead = leadOf(p);
      return {
        lead,
        result: engine.scoreWith(lead, catalog),
        previous: previous.get(matchId(p._id, job.parkId)) ?? null,
      };
    });
    await recordMatches(repos, ranking, items, { announce: 'on-tier-change', now: new Date() });
    changedTiers += items.filter(
      ({ result, previous: before }) => before && before.tier !== result.tier,
    ).length;
    cursor = profiles.at(-1)?._id ?? cursor;
    done += profiles.length;
    await reranks.updateOne({ _id: id }, { $set: { cursor, done, changedTiers } });
    deps.onEventsWritten();
    await onProgress?.(done);
  }
  await reranks.updateOne({ _id: id }, { $set: { status: 'done', finishedAt: new Date().toISOString() } });
}

/** Parks holding scores of another engine version (after an upgrade): they need a re-rank. */
export async function parksWithStaleScores(repos: Repositories, engine: Engine): Promise<string[]> {
  const stale: string[] = [];
  const older = { engineVersion: { $ne: engine.engineVersion } };
  if ((await repos.matches.findOne(older, { projection: { _id: 1 } })) === null) return stale; // the usual case: one pass
  for (const { id } of engine.catalogs()) {
    const old = await repos.matches.findOne({ parkId: id, ...older }, { projection: { _id: 1 } });
    if (old) stale.push(id);
  }
  return stale;
}

/** Records a re-rank as queued (once per park, catalog and engine version) and returns its state. */
export async function queueRerank(repos: Repositories, job: RerankJob): Promise<RerankDoc> {
  const id = rerankId(job.parkId, job.version, job.engineVersion);
  const doc = await repos.reranks.findOneAndUpdate(
    { _id: id },
    {
      $setOnInsert: {
        ...job,
        status: 'queued',
        total: await repos.profiles.countDocuments(),
        done: 0,
        changedTiers: 0,
        cursor: '',
        queuedAt: new Date().toISOString(),
      },
    },
    { upsert: true },
  );
  if (!doc) throw new Error(`rerank ${id} vanished`);
  return doc;
}

export function startReranking(deps: RerankDeps & { redisUrl: string; prefix: string }) {
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
    onExhausted: async (job, error) => {
      await deps.repos.reranks.updateOne(
        { _id: rerankId(job.data.parkId, job.data.version, job.data.engineVersion) },
        { $set: { status: 'failed', error: error.message, finishedAt: new Date().toISOString() } },
      );
    },
  });

  return {
    /** Records the re-rank as queued and enqueues it (idempotent per park, catalog and engine version). */
    async enqueue(parkId: string, version: number): Promise<RerankDoc> {
      const job = { parkId, version, engineVersion: deps.engine.engineVersion };
      const doc = await queueRerank(deps.repos, job);
      await jobs.add(job, doc._id.replaceAll(/[^A-Za-z0-9._-]/g, '_'));
      return doc;
    },
    ping: () => jobs.ping(),
    close: () => jobs.close(),
  };
}

export type Reranking = ReturnType<typeof startReranking>;
