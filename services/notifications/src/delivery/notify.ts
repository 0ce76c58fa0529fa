import type { ChannelDoc } from '../channels/channel.ts';
import type { ChannelRepository } from '../channels/repository.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import type { SubscriberRepository } from '../preferences/repository.ts';
import type { SubscriberDoc } from '../preferences/subscriber.ts';
import { AttemptFailed, type Deliver } from './deliver.ts';
import type { DeliveryJob } from './jobs.ts';
import { type PlannedDelivery, planDeliveries } from './plan.ts';

// Sending notifications: plan their deliveries from the subscribers' rules, store them with
// their plan, write the park's inbox entries at once, and enqueue one job per other delivery.
// Every step is idempotent (the same ids each time, and a delivery already made sends
// nothing), so a batch that fails halfway is simply done again: nothing is sent twice.
//
// The in-app inbox is a write to this service's own store: the whole batch's entries are
// written together (deliver.ts's reads and writes are grouped per turn of the event loop),
// not one queued job each. An entry that cannot be written yet (its lead not rated at the
// park) is left to a job, which retries it with backoff.

export interface SendDeps {
  notifications: NotificationRepository;
  /** `nowMs`: the clock quiet hours were planned with (a delivery waits `notBefore − nowMs`). */
  jobs: { enqueue(deliveries: readonly DeliveryJob[], nowMs?: number): Promise<void> };
  /** Makes the inbox deliveries due now, in this batch. */
  deliver: Deliver;
}

/** A notification with its deliveries planned. */
export type PlannedNotification = NotificationDoc & { deliveries: PlannedDelivery[] };

/** Made in the batch that plans it rather than by a job: an inbox entry, due now. */
const writtenAtOnce = (d: PlannedDelivery) => d.channelType === 'inbox' && d.notBefore === null;

/** Stores planned notifications and makes their deliveries (the inbox now, the rest by jobs). */
export function createSender(deps: SendDeps) {
  return async function send(planned: readonly PlannedNotification[], now: Date): Promise<PlannedDelivery[]> {
    await deps.notifications.add(planned);
    const due = planned.flatMap((n) => n.deliveries);
    const retried = await Promise.all(due.filter(writtenAtOnce).map(writeNow));
    const jobs = [
      ...due.filter((d) => !writtenAtOnce(d)).map((delivery) => ({ delivery })),
      ...retried.flat(),
    ];
    await deps.jobs.enqueue(jobs, now.getTime());
    return due;
  };

  /** The first attempt, here; a job for the next ones if it failed and may succeed later. */
  async function writeNow(delivery: PlannedDelivery): Promise<DeliveryJob[]> {
    try {
      await deps.deliver(delivery, 1, false);
      return [];
    } catch (error) {
      if (error instanceof AttemptFailed && !error.dead) return [{ delivery, attemptsBefore: 1 }];
      if (error instanceof AttemptFailed) return [];
      throw error;
    }
  }
}

export type Send = ReturnType<typeof createSender>;

export interface NotifyDeps {
  subscribers: SubscriberRepository;
  channels: ChannelRepository;
  send: Send;
  now: () => Date;
}

export function createNotifier(deps: NotifyDeps) {
  return async function notify(batch: readonly NotificationDoc[]): Promise<PlannedDelivery[]> {
    if (batch.length === 0) return [];
    const parks = [...new Set(batch.map((n) => n.parkId))];
    const subscribers = await deps.subscribers.forParks(parks);
    const channels = new Map<string, ChannelDoc>(
      subscribers.length === 0
        ? []
        : (await deps.channels.ofSubscribers(subscribers.map((s) => s._id))).map((c) => [c._id, c]),
    );
    const byPark = new Map<string, SubscriberDoc[]>();
    for (const s of subscribers) {
      for (const park of s.scope === 'all' ? parks : [s.scope])
        byPark.set(park, [...(byPark.get(park) ?? []), s]);
    }
    const now = deps.now();
    const planned = batch.map((n) => ({
      ...n,
      deliveries: planDeliveries(n, byPark.get(n.parkId) ?? [], channels, now),
    }));
    return deps.send(planned, now);
  };
}

export type Notify = ReturnType<typeof createNotifier>;
