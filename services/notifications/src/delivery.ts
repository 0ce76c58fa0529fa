import { QUEUES } from '@parkmatch/contracts';
import { type Logger, startJobQueue } from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { buildInboxEntry, type InboxEntry, inboxKey, type LeadScored } from './domain/inbox.ts';
import { INBOX_JOBS } from './queues.ts';
import type { Repositories } from './repositories.ts';

interface InboxJob {
  event: LeadScored;
  kind: InboxEntry['kind'];
}

/**
 * BullMQ delivery: consumers enqueue, workers write. The job id is the inbox key, so an
 * event delivered twice enqueues once; the inbox insert is idempotent on the same key.
 */
export function startDelivery(options: {
  redisUrl: string;
  prefix: string;
  repos: Repositories;
  logger: Logger;
}) {
  const { repos } = options;
  const jobs = startJobQueue<InboxJob>({
    ...options,
    name: QUEUES.inbox,
    settings: INBOX_JOBS,
    process: async (job) => {
      try {
        await repos.inbox.insertOne(buildInboxEntry(job.data.event, job.data.kind, new Date()));
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    },
  });
  return {
    enqueue: (event: LeadScored, kind: InboxEntry['kind']) =>
      jobs.add({ event, kind }, inboxKey(event.payload)),
    ping: () => jobs.ping(),
    close: () => jobs.close(),
  };
}

export type Delivery = ReturnType<typeof startDelivery>;
