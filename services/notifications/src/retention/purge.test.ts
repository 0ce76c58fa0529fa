import { randomUUID } from 'node:crypto';
import { createLogger, startJobQueue } from '@parkmatch/service-kit';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../../test/temp-store.ts';
import { DELIVERY_JOBS } from '../delivery/settings.ts';
import { BankInboxRepository } from '../finance/inbox.ts';
import { openRepositories, type Repositories } from '../repositories.ts';
import { createPurge } from './purge.ts';

// Retention: what the service writes does not grow forever. Documents as they were written
// days ago go into a real (SQLite) store; the purge at a chosen instant removes what is past
// its retention and keeps the rest. BullMQ's finished jobs are bounded on a real Redis.

const NOW = new Date('2026-06-01T00:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

let store: Awaited<ReturnType<typeof tempStore>>;
let repos: Repositories;
beforeEach(async () => {
  store = await tempStore();
  repos = await openRepositories(store);
});
afterEach(async () => {
  await store.remove();
});

/** Seeds a collection with documents as they were written (only the fields the purge reads, and an id). */
async function seed(collection: string, docs: Record<string, unknown>[]) {
  await store.collection<{ _id: string }>(collection).insertMany(docs as { _id: string }[]);
}
const ids = async (collection: string) =>
  (await store.collection<{ _id: string }>(collection).find({}, { sort: { _id: 1 } })).map((d) => d._id);

describe('retention', () => {
  it('purges read inbox entries after 180 days, unread after 365, delivery logs after 30, dead letters after 90', async () => {
    await seed('inbox', [
      { _id: 'read-200d', parkId: 'dadukou-ivd', createdAt: ago(200), readAt: ago(199) },
      { _id: 'read-100d', parkId: 'dadukou-ivd', createdAt: ago(100), readAt: ago(99) },
      { _id: 'unread-200d', parkId: 'dadukou-ivd', createdAt: ago(200), readAt: null },
      { _id: 'unread-400d', parkId: 'dadukou-ivd', createdAt: ago(400), readAt: null },
    ]);
    await seed('deliveries', [
      { _id: 'delivered-40d', notificationId: 'n-old', status: 'delivered', updatedAt: ago(40) },
      { _id: 'delivered-10d', notificationId: 'n-new', status: 'delivered', updatedAt: ago(10) },
      { _id: 'skipped-40d', notificationId: 'n-old', status: 'skipped', updatedAt: ago(40) },
      { _id: 'dead-40d', notificationId: 'n-dead', status: 'dead', updatedAt: ago(40) },
      { _id: 'dead-100d', notificationId: 'n-older', status: 'dead', updatedAt: ago(100) },
      { _id: 'retrying-100d', notificationId: 'n-older', status: 'retrying', updatedAt: ago(100) },
    ]);
    await seed('notifications', [
      { _id: 'n-old', parkId: 'dadukou-ivd', createdAt: ago(40) },
      { _id: 'n-dead', parkId: 'dadukou-ivd', createdAt: ago(40) }, // kept: an admin may replay its dead letter
      { _id: 'n-new', parkId: 'dadukou-ivd', createdAt: ago(10) },
      { _id: 'n-older', parkId: 'dadukou-ivd', createdAt: ago(100) },
    ]);
    await seed('sla-clocks', [
      { _id: 'stopped-400d', leadId: 'l1', startedAt: ago(400), stoppedAt: ago(390), nextAt: null },
      { _id: 'running-400d', leadId: 'l2', startedAt: ago(400), stoppedAt: null, nextAt: ago(1) },
      { _id: 'stopped-10d', leadId: 'l3', startedAt: ago(10), stoppedAt: ago(9), nextAt: null },
      { _id: 'stop-only-400d', leadId: 'l4', startedAt: null, stoppedAt: ago(400), nextAt: null },
    ]);

    const purge = createPurge({ ...repos, now: () => NOW });
    expect(await purge()).toEqual({ inbox: 2, deliveries: 4, notifications: 2, clocks: 2 });
    expect(await ids('inbox')).toEqual(['read-100d', 'unread-200d']);
    expect(await ids('deliveries')).toEqual(['dead-40d', 'delivered-10d']);
    expect(await ids('notifications')).toEqual(['n-dead', 'n-new']);
    expect(await ids('sla-clocks')).toEqual(['running-400d', 'stopped-10d']);
    expect(await purge()).toEqual({ inbox: 0, deliveries: 0, notifications: 0, clocks: 0 }); // nothing more
  });

  it('takes the configured retention', async () => {
    await seed('inbox', [{ _id: 'read-8d', parkId: 'dadukou-ivd', createdAt: ago(8), readAt: ago(8) }]);
    await seed('deliveries', [{ _id: 'd-3d', notificationId: 'n', status: 'delivered', updatedAt: ago(3) }]);
    const purge = createPurge({
      ...repos,
      retention: { inboxReadDays: 7, inboxUnreadDays: 30, deliveryDays: 2, deadLetterDays: 5, clockDays: 30 },
      now: () => NOW,
    });
    expect(await purge()).toMatchObject({ inbox: 1, deliveries: 1 });
  });

  it('purges banks’ inboxes by the rules of the parks’ inbox', async () => {
    const bankInbox = await BankInboxRepository.open(store);
    await seed('bank_inbox', [
      { _id: 'read-200d', bankId: 'cqrcb', createdAt: ago(200), readAt: ago(199) },
      { _id: 'read-100d', bankId: 'cqrcb', createdAt: ago(100), readAt: ago(99) },
      { _id: 'unread-400d', bankId: 'cqrcb', createdAt: ago(400), readAt: null },
    ]);
    const purge = createPurge({ ...repos, bankInbox, now: () => NOW });
    expect(await purge()).toMatchObject({ inbox: 2 });
    expect(await ids('bank_inbox')).toEqual(['read-100d']);
  });

  it('keeps BullMQ’s finished jobs to a count as well as an age (real Redis)', async () => {
    expect(DELIVERY_JOBS).toMatchObject({ keepCompletedCount: 50_000, keepFailedCount: 20_000 });
    const jobs = startJobQueue<{ n: number }>({
      redisUrl: inject('redisUrl'),
      prefix: `r${randomUUID().slice(0, 8)}`,
      name: 'retention-test',
      logger: createLogger('retention-test', 'silent'),
      settings: { ...DELIVERY_JOBS, concurrency: 4, keepCompletedCount: 3, keepFailedCount: 2, attempts: 1 },
      async process(job) {
        if (job.data.n % 2 === 1) throw new Error('odd');
      },
    });
    try {
      await jobs.addBulk(Array.from({ length: 12 }, (_, n) => ({ data: { n }, jobId: `job-${n}` })));
      await expect
        .poll(async () => {
          const counts = await jobs.queue.getJobCounts('completed', 'failed', 'waiting', 'active');
          return (counts.waiting ?? 0) + (counts.active ?? 0) === 0
            ? [counts.completed, counts.failed]
            : null;
        })
        .toEqual([3, 2]);
    } finally {
      await jobs.close();
    }
  });
});
