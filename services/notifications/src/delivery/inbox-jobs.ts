import { type InboxKind, QUEUES } from '@parkmatch/contracts';
import { type JobSettings, type Logger, startJobQueue } from '@parkmatch/service-kit';
import { buildInboxEntry, inboxKey, type LeadScored } from '../inbox/entry.ts';
import type { InboxRepository } from '../inbox/repository.ts';

// BullMQ delivery to the inbox: consumers enqueue, workers write. The job id is the inbox
// key, so an event delivered twice enqueues once; the inbox write is idempotent on the
// same key.

const INBOX_JOBS: JobSettings = {
  concurrency: 8,
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  lockDuration: 30_000,
  /** Completed jobs are kept a day so a redelivered event with the same job id is a no-op. */
  keepCompletedSeconds: 24 * 3600,
  keepFailedSeconds: 7 * 24 * 3600,
};

export interface InboxJob {
  event: LeadScored;
  kind: InboxKind;
}

export function startInboxJobs(options: {
  redisUrl: string;
  prefix: string;
  inbox: InboxRepository;
  logger: Logger;
}) {
  const jobs = startJobQueue<InboxJob>({
    ...options,
    name: QUEUES.inbox,
    settings: INBOX_JOBS,
    process: (job) => options.inbox.add([buildInboxEntry(job.data.event, job.data.kind, new Date())]),
  });
  return {
    /** One job per entry due, one round trip; an entry already queued (same key) is not added again. */
    enqueue: (due: readonly InboxJob[]) =>
      jobs.addBulk(due.map((job) => ({ data: job, jobId: inboxKey(job.event.payload) }))),
    ping: () => jobs.ping(),
    close: () => jobs.close(),
  };
}

export type InboxJobs = ReturnType<typeof startInboxJobs>;
