import { createEvent, Events } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ANALYST, FAST_JOBS, type Harness, openHarness, scoredEvent } from '../../test/harness.ts';
import type { DeliveryJob } from './jobs.ts';

// The park's inbox is written in the batch that announces a lead, not by a job per entry:
// once the consumer's handler returns, the entries are there. An entry that cannot be written
// yet goes to a job, whose attempts continue the count.

let h: Harness;

beforeEach(async () => {
  // Retries far enough apart for the test to rate the lead between two of them.
  h = await openHarness({
    redisUrl: inject('redisUrl'),
    jobs: { ...FAST_JOBS, backoff: { type: 'fixed', delay: 2_000 } },
  });
});
afterEach(() => h.close());

const inboxOf = async () =>
  (await h.call(ANALYST, 'GET', '/v1/inbox')).body.items as { leadId: string; kind: string }[];

async function inboxDeliveryOf(notificationId: string) {
  const notification = await h.notifications.get(notificationId);
  expect(notification).not.toBeNull();
  const planned = notification?.deliveries?.find((d) => d.channelType === 'inbox');
  expect(planned).toBeDefined();
  const [record] = (await h.deliveries.forNotification(notification ?? never())).filter(
    (d) => d._id === planned?._id,
  );
  return { planned: planned ?? never(), record: record ?? never() };
}

function never(): never {
  throw new Error('missing');
}

describe('notify: the inbox in the batch', () => {
  it('writes the entries of a scored batch before the handler returns, logs them delivered, and queues no job for them', async () => {
    const first = scoredEvent('lead-1', 'A');
    await h.scored([first, scoredEvent('lead-2', 'B'), scoredEvent('lead-3', 'D')]);
    expect((await inboxOf()).map((i) => i.leadId).sort()).toEqual(['lead-1', 'lead-2']);

    const [notification] = (await h.call(ANALYST, 'GET', '/v1/notifications')).body.items;
    const { planned, record } = await inboxDeliveryOf(notification.id);
    expect([record.status, record.attempts.map((a) => [a.n, a.ok])]).toEqual(['delivered', [[1, true]]]);
    expect(await h.delivery.queue.getJob(planned._id)).toBeUndefined();

    await h.scored([first]); // redelivered by the bus
    await h.scored([scoredEvent('lead-1', 'A', { revision: first.payload.profileRevision })]); // re-published
    expect((await inboxOf()).filter((i) => i.leadId === 'lead-1')).toHaveLength(1);
  });

  it('leaves an entry whose lead is not rated at the park yet to a job, which writes it once the rating is known', async () => {
    await h.pipeline.leadClaimed([
      createEvent(Events.leadClaimed, {
        key: 'lead-9',
        source: 'leads',
        payload: { leadId: 'lead-9', by: 'dadukou', parkId: 'dadukou-ivd', at: new Date().toISOString() },
      }),
    ]);
    const [claim] = (await h.call(ANALYST, 'GET', '/v1/notifications')).body.items;
    const first = await inboxDeliveryOf(claim.id);
    expect([first.record.status, first.record.attempts.map((a) => [a.n, a.ok])]).toEqual([
      'retrying',
      [[1, false]],
    ]);
    expect(first.record.lastError).toContain('has no rating at dadukou-ivd yet');
    const job = await h.delivery.queue.getJob(first.planned._id);
    expect((job?.data as DeliveryJob | undefined)?.attemptsBefore).toBe(1);

    await h.facts.recordScores([
      {
        leadId: 'lead-9',
        parkId: 'dadukou-ivd',
        firmName: '集庆生物',
        projectTitle: 'IVD 试剂生产基地',
        rating: { tier: 'B', score: 61, reasons: { zh: [], en: [] }, at: new Date().toISOString() },
      },
    ]);
    // The entry exists (a team member sees claims once their rules ask for them).
    await expect
      .poll(async () => (await h.inbox.get(claim.id))?.kind ?? null, { timeout: 10_000 })
      .toBe('lead-claimed');
    const { record } = await inboxDeliveryOf(claim.id);
    expect(record.status).toBe('delivered');
    const numbers = record.attempts.map((a) => a.n); // the job's attempts follow the batch's first
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(record.attempts.at(-1)?.ok).toBe(true);
  });
});
