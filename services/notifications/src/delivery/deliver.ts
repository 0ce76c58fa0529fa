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
// wait for the robot's rate limit, mark the send as started (on the job, before the call),
// send, and log the attempt. A record already delivered sends nothing: a job run twice (a
// replayed event, a stalled job) is one message.
//
// The window that remains (at least once, not exactly once): a process that dies after the
// receiver took the message and before the outcome is logged. Its job is taken up again once
// its lock expires (about 25 s); the new run finds the mark with no logged outcome, logs that
// attempt as interrupted (outcome unknown) and sends again — with the same idempotency key
// where the channel has one (`webhook-id` of a signed webhook, the email's Message-ID and
// X-Parkmatch-Notification), so such a receiver can drop the duplicate. 企业微信, 钉钉 and 飞书
// robots take no key: their group may see that one message twice. The in-app inbox is written
// by key (the notification id) and is never duplicated.

export interface DeliverDeps {
  deliveries: DeliveryRepository;
  notifications: NotificationRepository;
  channels: ChannelRepository;
  box: SecretBox;
  adapters: Adapters;
  limiter: RateLimiter;
  now: () => Date;
  /** The portal's base URL, which messages link to (`PORTAL_URL`); none: no links. */
  portalUrl?: string | undefined;
}

/** A send marked as started (on its job) before the receiver was called. */
export interface SendMark {
  n: number;
  startedAt: string;
}

/** What the job keeps for the attempts of one delivery across runs. */
export interface AttemptJournal {
  /** The send the previous run of this job marked as started, if any. */
  previous?: SendMark | undefined;
  /** Records a send as started, durably, before the receiver is called. */
  mark(send: SendMark): Promise<void>;
}

const DEDUPE = {
  webhook: 'sent again with the same webhook-id, which the receiver can dedupe on',
  email: 'sent again with the same Message-ID and X-Parkmatch-Notification, which the mailbox can dedupe on',
} as Partial<Record<string, string>>;

/** Says why an attempt has no outcome: its process stopped during the send. */
export function interruptedNote(channelType: string): string {
  const then =
    DEDUPE[channelType] ??
    'sent again: this receiver takes no idempotency key and may show the message twice';
  return `interrupted: the process stopped during this send, whether the receiver got it is unknown; ${then}`;
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

  /**
   * `attempt`: 1 for the first; `last`: no retry follows a failure of this one; `journal`: the
   * job's mark of a send started (none: no mark is made, as in tests of the deliverer alone).
   */
  return async function deliver(
    delivery: PlannedDelivery,
    attempt: number,
    last: boolean,
    journal?: AttemptJournal,
  ): Promise<Outcome> {
    // A delivery already made (or dead, or skipped) is left alone, so a job run twice (a
    // stalled job, an event delivered again) sends once.
    let record = await deliveries.get(delivery._id);
    if (record && !SENDABLE.has(record.status)) return { kind: 'nothing-to-do' };
    const previous = journal?.previous;
    if (previous && !record?.attempts.some((a) => a.n === previous.n && a.startedAt === previous.startedAt)) {
      // The previous run marked a send and never logged its outcome: it died mid-send.
      const lost = { ...previous, ms: 0, ok: false, error: interruptedNote(delivery.channelType) };
      await deliveries.attempted(delivery, record, lost, 'retrying', now());
      record = await deliveries.get(delivery._id);
    }
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
    // The inbox is written by key and cannot be duplicated; every other channel is marked first.
    if (journal && delivery.channelType !== 'inbox')
      await journal.mark({ n: attempt, startedAt: startedAt.toISOString() });
    const started = performance.now();
    try {
      await adapter.send(messageOf(notification, deps.portalUrl), target);
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
