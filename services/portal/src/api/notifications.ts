import {
  type ChannelInput,
  ChannelList,
  ChannelTestResult,
  ChannelView,
  DeadLetterPage,
  DeliveryView,
  InboxItem,
  NotificationDetail,
  NotificationPage,
  Preferences,
  type PreferencesInput,
  SlaClockPage,
} from '@parkmatch/contracts';
import { z } from 'zod';
import type { CallContext, Upstream } from './http.ts';

// The notifications service as the portal uses it: the team's inbox and marking an entry
// read; the SLA clocks behind the due and overdue badges; a member's notification settings
// and the channels they may name; a park's shared channels (group robots) and their rules, the
// delivery log and, for admins, the dead letters.

/** What the inbox page shows of an entry (a tolerant reader: `lines` may be absent on older services). */
export const InboxEntry = InboxItem.pick({
  id: true,
  parkId: true,
  leadId: true,
  kind: true,
  tier: true,
  score: true,
  firmName: true,
  projectTitle: true,
  title: true,
  reasons: true,
  createdAt: true,
  readAt: true,
}).extend({ lines: InboxItem.shape.lines.optional() });
export type InboxEntry = z.output<typeof InboxEntry>;

const InboxEntries = z.object({ items: z.array(InboxEntry), nextBefore: z.string().nullable() });

export interface InboxQuery {
  unread?: boolean | undefined;
  before?: string | undefined;
  limit?: number;
}

export interface SlaClockQuery {
  parkId?: string | undefined;
  status?: 'running' | 'stopped' | undefined;
  limit?: number;
}

const channelPath = (id: string) => `/v1/channels/${encodeURIComponent(id)}`;
const parkPreferencesPath = (parkId: string) =>
  `/v1/parks/${encodeURIComponent(parkId)}/notification-preferences`;

export function notificationsClient(notifications: Upstream) {
  return {
    inbox: (query: InboxQuery, ctx: CallContext) =>
      notifications.call(InboxEntries, 'GET', '/v1/inbox', ctx, {
        query: {
          unread: query.unread === undefined ? undefined : String(query.unread),
          before: query.before,
          limit: query.limit,
        },
      }),
    markRead: (id: string, ctx: CallContext) =>
      notifications.call(InboxEntry, 'POST', `/v1/inbox/${encodeURIComponent(id)}/read`, ctx),
    slaClocks: (query: SlaClockQuery, ctx: CallContext) =>
      notifications.call(SlaClockPage, 'GET', '/v1/sla-clocks', ctx, { query: { ...query } }),
    preferences: (ctx: CallContext) =>
      notifications.call(Preferences, 'GET', '/v1/notification-preferences', ctx),
    setPreferences: (input: PreferencesInput, ctx: CallContext) =>
      notifications.call(Preferences, 'PUT', '/v1/notification-preferences', ctx, { body: input }),
    /** The member's channels, and the shared ones of the parks it may see (of one park when named). */
    channels: (ctx: CallContext, parkId?: string) =>
      notifications.call(ChannelList, 'GET', '/v1/channels', ctx, { query: { parkId } }),
    /** Sets up a channel; its secret is stored encrypted and never shown again. */
    createChannel: (input: ChannelInput, ctx: CallContext) =>
      notifications.call(ChannelView, 'POST', '/v1/channels', ctx, { body: input }),
    testChannel: (channelId: string, ctx: CallContext) =>
      notifications.call(ChannelTestResult, 'POST', `${channelPath(channelId)}/test`, ctx),
    removeChannel: (channelId: string, ctx: CallContext) =>
      notifications.send('DELETE', channelPath(channelId), ctx),
    parkPreferences: (parkId: string, ctx: CallContext) =>
      notifications.call(Preferences, 'GET', parkPreferencesPath(parkId), ctx),
    setParkPreferences: (parkId: string, input: PreferencesInput, ctx: CallContext) =>
      notifications.call(Preferences, 'PUT', parkPreferencesPath(parkId), ctx, { body: input }),
    /** The notifications made for a park, newest first. */
    notifications: (query: { parkId?: string | undefined; limit?: number }, ctx: CallContext) =>
      notifications.call(NotificationPage, 'GET', '/v1/notifications', ctx, { query: { ...query } }),
    notification: (id: string, ctx: CallContext) =>
      notifications.call(NotificationDetail, 'GET', `/v1/notifications/${encodeURIComponent(id)}`, ctx),
    /** Deliveries that failed their last attempt (admins). */
    deadLetters: (limit: number, ctx: CallContext) =>
      notifications.call(DeadLetterPage, 'GET', '/v1/dead-letters', ctx, { query: { limit } }),
    replay: (deliveryId: string, ctx: CallContext) =>
      notifications.call(
        DeliveryView,
        'POST',
        `/v1/dead-letters/${encodeURIComponent(deliveryId)}/replay`,
        ctx,
      ),
  };
}

export type NotificationsClient = ReturnType<typeof notificationsClient>;
