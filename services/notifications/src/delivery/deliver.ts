import { INBOX_CHANNEL } from '@parkmatch/contracts';
import { LRUCache } from 'lru-cache';
import { type Adapters, RATE_LIMITED } from '../channels/adapters.ts';
import { targetOf } from '../channels/channel.ts';
import { type ChannelTarget, DeliveryError } from '../channels/port.ts';
import type { ChannelRepository } from '../channels/repository.ts';
import type { SecretBox } from '../channels/secret-box.ts';
import { messageOf, type NotificationDoc } from '../notification/notification.ts';
import type { NotificationRepository } from '../notification/repository.ts';
import type { PlannedDelivery } from './plan.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { DeliveryRepository } from './repository.ts';

// One attempt at one delivery, as a delivery job runs it: take the record, find the channel,
// wait for the robot's rate limit, send, and log the attempt. A record already delivered
// sends nothing: a job run twice (a replayed event, a stalled job) is one message.

export interface DeliverDeps {
  deliveries: DeliveryRepository;
  notifications: NotificationRepository;
  channels: ChannelRepository;
  box: SecretBox;
  adapters: Adapters;
  limiter: RateLimiter;
  now: () => Date;
}

export type Outcome =
  | { kind: 'delivered' }
  | { kind: 'nothing-to-do' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'wait'; ms: number };

/** Thrown after the attempt is logged; `dead` when it was the last one (a dead letter now). */
export class AttemptFailed extends Error {
  override readonly name = 'AttemptFailed';
  readonly dead: boolean;
  readonly permanent: boolean;
  constructor(message: string, dead: boolean, permanent: boolean) {
    super(message);
    this.dead = dead;
    this.permanent = permanent;
  }
}

const SENDABLE = new Set(['queued', 'retrying']);
const TARGET_TTL_MS = 5_000;

export function createDeliverer(deps: DeliverDeps) {
  const { deliveries, notifications, channels, box, adapters, limiter, now } = deps;
  // Notifications never change once made, and each goes out on several channels: recent ones are kept.
  const recent = new LRUCache<string, NotificationDoc>({ max: 2_000 });
  async function notificationOf(id: string): Promise<NotificationDoc | null> {
    const cached = recent.get(id);
    if (cached) return cached;
    const found = await notifications.get(id);
    if (found) recent.set(id, found);
    return found;
  }

  // A channel's target, its secrets opened, is kept a few seconds: a burst of deliveries to one
  // robot reads and decrypts it once; a removed or changed channel is seen within TARGET_TTL_MS.
  const targets = new LRUCache<string, ChannelTarget>({ max: 1_000, ttl: TARGET_TTL_MS });
  async function targetFor(channelId: string, parkId: string): Promise<ChannelTarget | string> {
    if (channelId === INBOX_CHANNEL) return { type: 'inbox', address: parkId };
    const cached = targets.get(channelId);
    if (cached) return cached;
    const channel = await channels.get(channelId);
    if (!channel) return 'the channel was removed';
    const target = targetOf(channel, box);
    targets.set(channelId, target);
    return target;
  }

  /** `attempt`: 1 for the first; `last`: no retry follows a failure of this one. */
  return async function deliver(delivery: PlannedDelivery, attempt: number, last: boolean): Promise<Outcome> {
    // A delivery already made (or dead, or skipped) is left alone, so a job run twice (a
    // stalled job, an event delivered again) sends once.
    const record = await deliveries.get(delivery._id);
    if (record && !SENDABLE.has(record.status)) return { kind: 'nothing-to-do' };
    const notification = await notificationOf(delivery.notificationId);
    const target = await targetFor(delivery.channelId, delivery.parkId);
    const adapter = adapters[delivery.channelType];
    const missing = !notification
      ? 'the notification is gone'
      : typeof target === 'string'
        ? target
        : !adapter
          ? `no ${delivery.channelType} adapter (is it configured?)`
          : null;
    if (missing || !notification || typeof target === 'string' || !adapter) {
      const reason = missing ?? 'nothing to send';
      await deliveries.skipped(delivery, reason, now());
      return { kind: 'skipped', reason };
    }
    if (RATE_LIMITED.includes(target.type)) {
      const wait = await limiter.take(target.address);
      if (wait > 0) return { kind: 'wait', ms: wait };
    }
    const startedAt = now();
    const started = performance.now();
    try {
      await adapter.send(messageOf(notification), target);
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      const message = error instanceof Error ? error.message : String(error);
      const dead = last || permanent;
      const ms = Math.round(performance.now() - started);
      const failed = { n: attempt, startedAt: startedAt.toISOString(), ms, ok: false, error: message };
      await deliveries.attempted(delivery, record, failed, dead ? 'dead' : 'retrying', now());
      throw new AttemptFailed(message, dead, permanent);
    }
    const ms = Math.round(performance.now() - started);
    const delivered = { n: attempt, startedAt: startedAt.toISOString(), ms, ok: true, error: null };
    await deliveries.attempted(delivery, record, delivered, 'delivered', now());
    return { kind: 'delivered' };
  };
}

export type Deliver = ReturnType<typeof createDeliverer>;
