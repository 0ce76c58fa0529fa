import {
  ChannelList,
  InboxItem,
  Preferences,
  type PreferencesInput,
  SlaClockPage,
} from '@parkmatch/contracts';
import { z } from 'zod';
import type { CallContext, Upstream } from './http.ts';

// The notifications service as the portal uses it: the team's inbox and marking an entry
// read; the SLA clocks behind the due and overdue badges; a member's notification settings
// and the channels they may name.

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
    channels: (ctx: CallContext) => notifications.call(ChannelList, 'GET', '/v1/channels', ctx),
  };
}

export type NotificationsClient = ReturnType<typeof notificationsClient>;
