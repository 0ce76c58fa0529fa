import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

// BullMQ, the way every service uses it: one connection, one queue and its worker, the
// settings in one object, and a shutdown that closes worker (finishing active jobs), then
// queue, then connection.

export interface JobSettings {
  concurrency: number;
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  lockDuration: number;
  /** How long finished jobs are kept (their ids then dedupe repeated enqueues). */
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
}

export interface JobQueueOptions<T> {
  redisUrl: string;
  /** Key prefix shared with the rest of the system (REDIS_PREFIX). */
  prefix: string;
  name: string;
  settings: JobSettings;
  logger: Logger;
  process: (job: Job<T>) => Promise<void>;
  /** Called once a job has failed its last attempt. */
  onExhausted?: (job: Job<T>, error: Error) => Promise<void>;
}

export interface JobQueue<T> {
  /** Adds a job; a job id already present (or kept after completion) adds nothing. */
  add(data: T, jobId: string): Promise<void>;
  /** Adds several jobs in one round trip (same rule per job id). */
  addBulk(jobs: readonly { data: T; jobId: string }[]): Promise<void>;
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
      removeOnComplete: { age: settings.keepCompletedSeconds },
      removeOnFail: { age: settings.keepFailedSeconds },
    },
  });
  const worker = new Worker<T>(name, options.process, {
    connection,
    prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDuration,
  });
  worker.on('failed', (job, error) => {
    logger.warn({ err: error, queue: name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed');
    if (job && job.attemptsMade >= settings.attempts) {
      options
        .onExhausted?.(job, error)
        .catch((e: unknown) => logger.error({ err: e, queue: name }, 'onExhausted failed'));
    }
  });
  worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));

  return {
    async add(data, jobId) {
      await queue.add(name, data, { jobId: bullJobId(jobId) });
    },
    async addBulk(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(jobs.map(({ data, jobId }) => ({ name, data, opts: { jobId: bullJobId(jobId) } })));
    },
    async ping() {
      await connection.ping();
    },
    async close() {
      await worker.close();
      await queue.close();
      await connection.quit();
    },
  };
}

/** BullMQ job ids may not contain ':'. */
const bullJobId = (jobId: string) => jobId.replaceAll(':', '_');
