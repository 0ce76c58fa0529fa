import { QUEUES } from '@parkmatch/contracts';

// Worker settings of this service's queues in one place (novu style); names are in contracts.

export const WORKERS = {
  [QUEUES.inbox]: {
    concurrency: 8,
    attempts: 8,
    backoff: { type: 'exponential', delay: 500 },
    lockDuration: 30_000,
    /** Completed jobs are kept a day so a redelivered event with the same job id is a no-op. */
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
} as const;
