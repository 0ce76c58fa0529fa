import { INBOX_CHANNEL } from '@parkmatch/contracts';
import type { ChannelDoc } from '../channels/channel.ts';
import { deliveryId, ruleMatches } from '../delivery/plan.ts';
import type { NotificationDoc, PlannedDelivery } from '../notification/notification.ts';
import { quietUntil } from '../preferences/quiet-hours.ts';
import { rulesOf, type SubscriberDoc } from '../preferences/subscriber.ts';

// Who at a bank gets a pushed need, on which channel: the bank's inbox always (one entry its
// officers read), and each officer's own channels (email, webhook, robots) its rules ask for.
// Delivery ids are derived from (notification, channel, recipient), as for every notification,
// so planning the same notification again plans the same deliveries. Pure.

export function planBankDeliveries(
  notification: NotificationDoc,
  officers: readonly SubscriberDoc[],
  channels: ReadonlyMap<string, ChannelDoc>,
  now: Date,
): PlannedDelivery[] {
  const bank = notification.parkId;
  const planned = new Map<string, PlannedDelivery>();
  const add = (
    channelId: string,
    channelType: PlannedDelivery['channelType'],
    recipient: string,
    notBefore: Date | null,
  ) => {
    const _id = deliveryId(notification._id, channelId, recipient);
    planned.set(_id, {
      _id,
      notificationId: notification._id,
      // The inbox a delivery goes to is named by this key: the bank's, not a park's.
      parkId: bank,
      channelId,
      channelType,
      recipient,
      notBefore: notBefore?.toISOString() ?? null,
    });
  };
  add(INBOX_CHANNEL, 'inbox', bank, null);
  const addressed = notification.audience.to === 'accounts' ? notification.audience.usernames : [];
  for (const officer of officers) {
    if (officer.kind !== 'account' || !officer.username || !addressed.includes(officer.username)) continue;
    const quiet = quietUntil(now, officer.quietHours);
    for (const rule of rulesOf(officer)) {
      if (!ruleMatches(rule, notification)) continue;
      for (const channelId of rule.channels) {
        const channel = channels.get(channelId);
        if (channel?.subscriber === officer._id) add(channel._id, channel.type, officer._id, quiet);
      }
    }
  }
  return [...planned.values()];
}
