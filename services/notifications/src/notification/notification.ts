import type { ChannelType, NotificationKind, NotificationView, Tier } from '@parkmatch/contracts';
import type { MessageFacts, OutgoingMessage } from '../channels/port.ts';

// A notification: one thing that happened, worded once (Chinese and English), addressed to
// an audience, and delivered on as many channels as its subscribers asked for. Its id is
// derived from the fact it announces, so the same fact seen twice is the same notification.

/** Who a notification is for, before subscriptions narrow it down. */
export type Audience =
  /** The park's whole team (and city-wide staff). */
  | { to: 'team' }
  /** Named accounts (a lead's liaison); the park's shared robots still get it if subscribed. */
  | { to: 'accounts'; usernames: string[] }
  /** The park's managers (escalations). */
  | { to: 'managers' }
  /** One subscriber only (a digest). */
  | { to: 'subscriber'; subscriber: string };

/** One delivery a notification is planned to make: a channel, a recipient, when. */
export interface PlannedDelivery {
  _id: string;
  notificationId: string;
  parkId: string;
  channelId: string;
  channelType: ChannelType;
  /** `park:<parkId>` (its inbox, its robots) or `account:<username>`. */
  recipient: string;
  /** Quiet hours: not before this instant (ISO); null to send now. */
  notBefore: string | null;
}

export interface NotificationDoc {
  _id: string;
  kind: NotificationKind;
  parkId: string;
  leadId: string | null;
  /** The tier announced, for `minTier` rules; null when the kind has none. */
  tier: Tier | null;
  audience: Audience;
  subject: { zh: string; en: string };
  lines: { zh: string[]; en: string[] };
  /** The lead it is about, for the inbox. */
  facts?: MessageFacts;
  /** When the fact happened. */
  occurredAt: string;
  createdAt: string;
  /** Its deliveries as planned (the delivery log shows those not attempted yet as queued). */
  deliveries?: PlannedDelivery[];
}

/** Where a bank's notifications and inbox entries are kept: `bank:<bankId>` (no park's). */
export const bankKey = (bankId: string): string => `bank:${bankId}`;
export const isBankKey = (key: string): boolean => key.startsWith('bank:');

/**
 * The portal page a message links to (`PORTAL_URL`): the lead's page at the park it is about,
 * the bank's page of pushed needs, or the inbox (a digest). None without a portal.
 */
export function portalLink(
  portalUrl: string | undefined,
  { parkId, leadId }: Pick<NotificationDoc, 'parkId' | 'leadId'>,
): string | undefined {
  if (!portalUrl) return undefined;
  if (isBankKey(parkId)) return `${portalUrl}/bank`;
  if (!leadId) return `${portalUrl}/team/inbox`;
  return `${portalUrl}/team/leads/${encodeURIComponent(leadId)}?park=${encodeURIComponent(parkId)}`;
}

/** What the channels send; it links to the portal when there is one. */
export function messageOf(notification: NotificationDoc, portalUrl?: string): OutgoingMessage {
  const { _id, kind, subject, lines, occurredAt, facts } = notification;
  const link = portalLink(portalUrl, notification);
  return {
    id: _id,
    kind,
    subject,
    lines,
    occurredAt,
    ...(link ? { link } : {}),
    ...(facts ? { facts } : {}),
  };
}

export function notificationView(n: NotificationDoc): NotificationView {
  return {
    id: n._id,
    kind: n.kind,
    parkId: n.parkId,
    leadId: n.leadId,
    tier: n.tier,
    subject: n.subject,
    lines: n.lines,
    occurredAt: n.occurredAt,
    createdAt: n.createdAt,
  };
}

/** The inbox's audience keys of a notification's audience. */
export function inboxAudience(audience: Audience): MessageFacts['audience'] {
  switch (audience.to) {
    case 'team':
      return undefined;
    case 'accounts':
      return { usernames: audience.usernames };
    case 'managers':
      return { roles: ['manager'] };
    case 'subscriber':
      return { usernames: [] };
  }
}
