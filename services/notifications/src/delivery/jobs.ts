import { type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import { DelayedError, UnrecoverableError } from 'bullmq';
import { AttemptFailed, type Deliver, type SendMark } from './deliver.ts';
import { jobIdOf } from './delivery.ts';
import type { PlannedDelivery } from './plan.ts';
import { DELIVERY_JOBS, NOTIFICATION_QUEUES } from './settings.ts';

// The delivery queue: BullMQ retries with backoff and jitter, waits out rate limits without
// spending an attempt, and stops at once on a permanent refusal. The job id is the
// delivery's id, so enqueueing a delivery twice runs it once.

/** A delivery as planned (and how often it was replayed): all a job needs to know. */
export interface DeliveryJob {
  delivery: PlannedDelivery;
  replays?: number;
  /** Attempts made before the job existed (notify.ts: the inbox's first, in the batch). */
  attemptsBefore?: number;
  /** The last send this job marked as started (deliver.ts: a run that died mid-send). */
  sending?: SendMark;
}

export function startDeliveryJobs(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  deliver: Deliver;
  settings?: JobSettings;
}) {
  const settings = options.settings ?? DELIVERY_JOBS;
  const jobs = startJobQueue<DeliveryJob>({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    logger: options.logger,
    name: NOTIFICATION_QUEUES.deliver,
    settings,
    async process(job, token) {
      const attempt = (job.data.attemptsBefore ?? 0) + job.attemptsMade + 1;
      const last = job.attemptsMade + 1 >= settings.attempts;
      try {
        const outcome = await options.deliver(job.data.delivery, attempt, last, {
          previous: job.data.sending,
          // One write to the job's hash in Redis, before the receiver is called.
          mark: (sending) => job.updateData({ ...job.data, sending }),
        });
        if (outcome.kind === 'wait') {
          await job.moveToDelayed(Date.now() + outcome.ms, token);
          throw new DelayedError();
        }
      } catch (error) {
        if (error instanceof AttemptFailed && error.permanent) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  });
  return {
    /** One job per delivery, one round trip; quiet hours become the job's delay. */
    async enqueue(deliveries: readonly DeliveryJob[], now = Date.now()): Promise<void> {
      await jobs.addBulk(
        deliveries.map((data) => ({
          data,
          jobId: jobIdOf({ _id: data.delivery._id, ...(data.replays ? { replays: data.replays } : {}) }),
          ...delayOf(data, now, settings),
        })),
      );
    },
    queue: jobs.queue,
    ping: () => jobs.ping(),
    close: () => jobs.close(),
  };
}

/** Quiet hours wait until they end; a delivery already tried once waits as a retry would. */
function delayOf({ delivery, attemptsBefore }: DeliveryJob, now: number, settings: JobSettings) {
  if (delivery.notBefore) return { delayMs: Date.parse(delivery.notBefore) - now };
  return attemptsBefore ? { delayMs: settings.backoff.delay } : {};
}

export type DeliveryJobs = ReturnType<typeof startDeliveryJobs>;
