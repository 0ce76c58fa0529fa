import { createHash } from 'node:crypto';
import {
  type ChannelType,
  INBOX_CHANNEL,
  type SubscriptionRule,
  TIER_RANK,
  TIERED_KINDS,
} from '@parkmatch/contracts';
import { canSeePark } from '@parkmatch/service-kit';
import type { ChannelDoc } from '../channels/channel.ts';
import type { NotificationDoc, PlannedDelivery } from '../notification/notification.ts';
import { quietUntil } from '../preferences/quiet-hours.ts';
import { principalOf, rulesOf, type SubscriberDoc } from '../preferences/subscriber.ts';

// Who gets a notification on which channel: one delivery per (notification, channel,
// recipient), its id derived from the three, so planning the same notification again plans
// the same deliveries. Pure.

export type { PlannedDelivery } from '../notification/notification.ts';

export function deliveryId(notificationId: string, channelId: string, recipient: string): string {
  return `d_${createHash('sha256').update(`${notificationId}\n${channelId}\n${recipient}`).digest('base64url').slice(0, 32)}`;
}

/** Does the subscriber's audience include this notification at all (before its rules)? */
export function reaches(notification: NotificationDoc, subscriber: SubscriberDoc): boolean {
  const { audience, parkId } = notification;
  if (audience.to === 'subscriber') return audience.subscriber === subscriber._id;
  if (subscriber.kind === 'park') return subscriber.parkId === parkId;
  const principal = principalOf(subscriber);
  if (!principal || principal.role === 'firm' || !canSeePark(principal, parkId)) return false;
  if (audience.to === 'accounts') return audience.usernames.includes(principal.sub);
  if (audience.to === 'managers') return principal.role === 'manager';
  return true;
}

export function ruleMatches(rule: SubscriptionRule, notification: NotificationDoc): boolean {
  if (rule.event !== notification.kind) return false;
  if (!rule.minTier || !TIERED_KINDS.includes(notification.kind)) return true;
  return notification.tier !== null && TIER_RANK[notification.tier] >= TIER_RANK[rule.minTier];
}

export function planDeliveries(
  notification: NotificationDoc,
  subscribers: readonly SubscriberDoc[],
  channels: ReadonlyMap<string, ChannelDoc>,
  now: Date,
): PlannedDelivery[] {
  const planned = new Map<string, PlannedDelivery>();
  const add = (channelId: string, channelType: ChannelType, recipient: string, notBefore: Date | null) => {
    const _id = deliveryId(notification._id, channelId, recipient);
    planned.set(_id, {
      _id,
      notificationId: notification._id,
      parkId: notification.parkId,
      channelId,
      channelType,
      recipient,
      notBefore: notBefore?.toISOString() ?? null,
    });
  };
  // The park's inbox keeps every notification about a lead; each reader sees it through its own rules.
  if (notification.facts && notification.audience.to !== 'subscriber')
    add(INBOX_CHANNEL, 'inbox', `park:${notification.parkId}`, null);
  for (const subscriber of subscribers) {
    if (!reaches(notification, subscriber)) continue;
    const quiet = quietUntil(now, subscriber.quietHours);
    for (const rule of rulesOf(subscriber)) {
      if (!ruleMatches(rule, notification)) continue;
      for (const channelId of rule.channels) {
        const channel = channels.get(channelId);
        if (channel?.subscriber === subscriber._id) add(channel._id, channel.type, subscriber._id, quiet);
      }
    }
  }
  return [...planned.values()];
}
