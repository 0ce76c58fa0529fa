import type { JobSettings } from '@parkmatch/service-kit';

/** BullMQ queues of the notifications service (names may not contain ':'). */
export const NOTIFICATION_QUEUES = {
  /** One job per (notification, channel, recipient). */
  deliver: 'notifications-deliver',
  /** Repeatable jobs: the SLA sweep every minute, the daily digest at 08:30 Asia/Shanghai. */
  scheduled: 'notifications-scheduled',
} as const;

/**
 * Delivery jobs: many at once per process (a delivery mostly waits — on a robot's answer, an
 * SMTP server, a batched store commit — so concurrency, not CPU, bounds the rate); 8 attempts, exponential backoff from 2 s with 50 % jitter (about 4 minutes
 * from the first attempt to the dead letter), completed jobs kept a day so an enqueue with
 * the same id is a no-op (the delivery record keeps that true after).
 */
export const DELIVERY_JOBS: JobSettings = {
  concurrency: 100,
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  // A job whose process died is taken up again within lock + check interval (about 25 s);
  // a live worker renews its locks every 7.5 s, however long a send takes.
  lockDuration: 15_000,
  stalledIntervalMs: 10_000,
  // A job whose process died in the middle of it is run again (its send logged as
  // interrupted, deliver.ts), even when that happens more than once.
  maxStalledCount: 5,
  keepCompletedSeconds: 24 * 3600,
  keepFailedSeconds: 7 * 24 * 3600,
  // And at most this many (Redis memory stays bounded under a burst); past them a job id may be
  // enqueued again, and its run finds the delivery record and sends nothing.
  keepCompletedCount: 50_000,
  keepFailedCount: 20_000,
};

/** The repeatable jobs: one attempt each (the next run comes anyway), a short history. */
export const SCHEDULED_JOBS: JobSettings = {
  concurrency: 2,
  attempts: 3,
  backoff: { type: 'fixed', delay: 5_000 },
  lockDuration: 120_000,
  keepCompletedSeconds: 3600,
  keepFailedSeconds: 7 * 24 * 3600,
  keepCompletedCount: 1_000,
  keepFailedCount: 1_000,
};
