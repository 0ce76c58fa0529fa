import type { JobSettings } from '@parkmatch/service-kit';

// Settings of this service's queues in one place (novu style); queue names are in contracts.

export const INBOX_JOBS: JobSettings = {
  concurrency: 8,
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  lockDuration: 30_000,
  /** Completed jobs are kept a day so a redelivered event with the same job id is a no-op. */
  keepCompletedSeconds: 24 * 3600,
  keepFailedSeconds: 7 * 24 * 3600,
};
