import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

// BullMQ, the way every service uses it: one connection, one queue and its worker, the
// settings in one object, and a shutdown that closes worker (finishing active jobs), then
// queue, then connection.

export interface JobSettings {
  concurrency: number;
  attempts: number;
  /** `jitter` (0–1): each delay is drawn from [delay × (1 − jitter), delay], so retries of many jobs spread out. */
  backoff: { type: 'exponential' | 'fixed'; delay: number; jitter?: number };
  lockDuration: number;
  /** How often a worker looks for jobs whose worker died (their lock expired); BullMQ's default is 30 s. */
  stalledIntervalMs?: number;
  /** How often one job may be found stalled (its worker died) and still be run again; BullMQ's default is 1. */
  maxStalledCount?: number;
  /** How long finished jobs are kept (their ids then dedupe repeated enqueues). */
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
  /** At most this many finished jobs are kept as well (whichever limit is reached first); none: the age alone. */
  keepCompletedCount?: number;
  keepFailedCount?: number;
}

export interface JobQueueOptions<T> {
  redisUrl: string;
  /** Key prefix shared with the rest of the system (REDIS_PREFIX). */
  prefix: string;
  name: string;
  settings: JobSettings;
  logger: Logger;
  /** `token` is the worker's lock token (for `job.moveToDelayed(ms, token)` from inside a job). */
  process: (job: Job<T>, token?: string) => Promise<void>;
  /** Called once a job has failed its last attempt (or threw BullMQ's UnrecoverableError). */
  onExhausted?: (job: Job<T>, error: Error) => Promise<void>;
}

export interface AddJobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

/** A repeatable job: a cron pattern in a time zone, or a fixed period. */
export type JobSchedule = { pattern: string; tz: string } | { everyMs: number };

export interface JobQueue<T> {
  /** Adds a job; a job id already present (or kept after completion) adds nothing. */
  add(data: T, jobId: string, options?: AddJobOptions): Promise<void>;
  /** Adds several jobs in one round trip (same rule per job id). */
  addBulk(jobs: readonly ({ data: T; jobId: string } & AddJobOptions)[]): Promise<void>;
  /**
   * Creates or updates a repeatable job (BullMQ job scheduler `id`). Every instance may call it:
   * the scheduler is one per id, and each of its runs is one job, whichever worker takes it.
   */
  schedule(id: string, schedule: JobSchedule, data: T): Promise<void>;
  /** The BullMQ queue itself, for dashboards (bull-board) and counts. */
  readonly queue: Queue;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function startJobQueue<T>(options: JobQueueOptions<T>): JobQueue<T> {
  const { redisUrl, name, settings, logger } = options;
  const prefix = `${options.prefix}:jobs`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: settings.backoff,
      removeOnComplete: {
        age: settings.keepCompletedSeconds,
        ...(settings.keepCompletedCount ? { count: settings.keepCompletedCount } : {}),
      },
      removeOnFail: {
        age: settings.keepFailedSeconds,
        ...(settings.keepFailedCount ? { count: settings.keepFailedCount } : {}),
      },
    },
  });
  const worker = new Worker<T>(name, options.process, {
    connection,
    prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDuration,
    ...(settings.stalledIntervalMs ? { stalledInterval: settings.stalledIntervalMs } : {}),
    ...(settings.maxStalledCount ? { maxStalledCount: settings.maxStalledCount } : {}),
    autorun: false,
  });
  // Run by hand, and closed only once started (its connections ready, or failing) and after
  // its run loop ended: a queue closed right after it started otherwise leaves BullMQ's
  // start-up commands in flight on closed connections (unhandled rejections).
  const started = new Promise<void>((resolve) => {
    worker.once('ready', () => resolve());
    worker.once('error', () => resolve());
  });
  const running = worker
    .run()
    .catch((error: unknown) => logger.error({ err: error, queue: name }, 'worker stopped'));
  worker.on('failed', (job, error) => {
    logger.warn({ err: error, queue: name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed');
    if (job && (job.attemptsMade >= settings.attempts || error instanceof UnrecoverableError)) {
      options
        .onExhausted?.(job, error)
        .catch((e: unknown) => logger.error({ err: e, queue: name }, 'onExhausted failed'));
    }
  });
  worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));

  return {
    async add(data, jobId, options = {}) {
      await queue.add(name, data, jobOptions(jobId, options));
    },
    async addBulk(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map(({ data, jobId, ...options }) => ({ name, data, opts: jobOptions(jobId, options) })),
      );
    },
    async schedule(id, schedule, data) {
      const repeat = 'everyMs' in schedule ? { every: schedule.everyMs } : schedule;
      await queue.upsertJobScheduler(id, repeat, { name, data });
    },
    queue,
    async ping() {
      await connection.ping();
    },
    async close() {
      await started;
      await worker.close();
      await running;
      await queue.close();
      await connection.quit();
    },
  };
}

function jobOptions(jobId: string, { delayMs }: AddJobOptions) {
  return { jobId: bullJobId(jobId), ...(delayMs && delayMs > 0 ? { delay: Math.ceil(delayMs) } : {}) };
}

/** BullMQ job ids may not contain ':'. */
const bullJobId = (jobId: string) => jobId.replaceAll(':', '_');
