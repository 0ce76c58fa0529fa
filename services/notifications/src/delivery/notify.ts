import type { ChannelDoc } from '../channels/channel.ts';
import type { ChannelRepository } from '../channels/repository.ts';
import type { NotificationDoc } from '../notification/notification.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import type { SubscriberRepository } from '../preferences/repository.ts';
import type { SubscriberDoc } from '../preferences/subscriber.ts';
import { type PlannedDelivery, planDeliveries } from './plan.ts';

// Sending notifications: plan their deliveries from the subscribers' rules, store them with
// their plan, and enqueue one job per delivery. Every step is idempotent (the same ids each
// time, and a job finds a delivery already made and sends nothing), so a batch that fails
// halfway is simply done again: nothing is sent twice.

export interface NotifyDeps {
  notifications: NotificationRepository;
  subscribers: SubscriberRepository;
  channels: ChannelRepository;
  /** `nowMs`: the clock quiet hours were planned with (a delivery waits `notBefore − nowMs`). */
  jobs: { enqueue(deliveries: readonly PlannedDelivery[], nowMs?: number): Promise<void> };
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
    await deps.notifications.add(planned);
    const due = planned.flatMap((n) => n.deliveries);
    await deps.jobs.enqueue(due, now.getTime());
    return due;
  };
}

export type Notify = ReturnType<typeof createNotifier>;
