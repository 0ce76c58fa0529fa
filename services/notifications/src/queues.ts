// Queue names and worker settings in one place (novu style).

export const QUEUES = {
  inbox: 'notifications-inbox',
} as const;

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
