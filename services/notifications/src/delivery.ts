import { QUEUES } from '@parkmatch/contracts';
import type { Logger } from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { buildInboxEntry, type InboxEntry, inboxKey, type LeadScored } from './domain/inbox.ts';
import { WORKERS } from './queues.ts';
import type { Repositories } from './repositories.ts';

interface InboxJob {
  event: LeadScored;
  kind: InboxEntry['kind'];
}

/**
 * BullMQ delivery: consumers enqueue, workers write. The job id is the inbox key, so an
 * event delivered twice enqueues once; the inbox insert is idempotent on the same key.
 */
export async function startDelivery(options: {
  redisUrl: string;
  prefix: string;
  repos: Repositories;
  logger: Logger;
}) {
  const { redisUrl, prefix, repos, logger } = options;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const settings = WORKERS[QUEUES.inbox];
  const queue = new Queue<InboxJob>(QUEUES.inbox, {
    connection,
    prefix: `${prefix}:jobs`,
    defaultJobOptions: {
      attempts: settings.attempts,
      backoff: settings.backoff,
      removeOnComplete: settings.removeOnComplete,
      removeOnFail: settings.removeOnFail,
    },
  });
  const worker = new Worker<InboxJob>(
    QUEUES.inbox,
    async (job) => {
      const entry = buildInboxEntry(job.data.event, job.data.kind, new Date());
      try {
        await repos.inbox.insertOne(entry);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    },
    {
      connection,
      prefix: `${prefix}:jobs`,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDuration,
    },
  );
  worker.on('failed', (job, error) => logger.warn({ err: error, jobId: job?.id }, 'inbox delivery failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'inbox worker error'));

  return {
    async enqueue(event: LeadScored, kind: InboxEntry['kind']) {
      // BullMQ job ids may not contain ':'.
      await queue.add(
        'inbox-entry',
        { event, kind },
        { jobId: inboxKey(event.payload).replaceAll(':', '_') },
      );
    },
    ping: async () => {
      await connection.ping();
    },
    /** Close worker (finishing active jobs), then queue, then connection. */
    async close() {
      await worker.close();
      await queue.close();
      await connection.quit();
    },
  };
}

export type Delivery = Awaited<ReturnType<typeof startDelivery>>;
