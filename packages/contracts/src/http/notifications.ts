import { z } from 'zod';
import { Bilingual, Reasons, Tier } from '../scores.ts';

// The notifications service's views: what can be subscribed to, the channels a message goes
// out on, the delivery log and dead letters, and the SLA clocks.

/** Everything a subscriber can ask to hear of (`new-lead`, `tier-up`, `tier-down`, `updated` take `minTier`). */
export const NOTIFICATION_KINDS = [
  'new-lead',
  'tier-up',
  'tier-down',
  'updated',
  'lead-claimed',
  /** A lead a city manager transferred to the park (its team's by default: work handed to it). */
  'lead-transferred',
  'stage-changed',
  'appeal-opened',
  'appeal-due',
  'appeal-resolved',
  'sla-due',
  'sla-overdue',
  'sla-escalated',
  /** A financing need pushed to a bank (its officers hear of it) and a bank's answer (the firm's liaison). */
  'finance-pushed',
  'finance-answered',
  'daily-digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKind = z.enum(NOTIFICATION_KINDS);

/** The kinds that announce a lead's tier at a park: a rule for them may set `minTier`. */
export const TIERED_KINDS: readonly NotificationKind[] = ['new-lead', 'tier-up', 'tier-down', 'updated'];

export const CHANNEL_TYPES = ['inbox', 'email', 'wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
/** The id every account's rules use for the in-app inbox. */
export const INBOX_CHANNEL = 'inbox';

const HHMM = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '须为 24 小时制 HH:MM / must be HH:MM, 24-hour clock');

/** Hours (Asia/Shanghai) in which push deliveries wait until `end`; may span midnight (22:00–08:00). */
export const QuietHours = z
  .strictObject({ start: HHMM, end: HHMM })
  .refine((q) => q.start !== q.end, {
    message: '开始与结束不能相同 / start and end must differ',
    path: ['end'],
  })
  .meta({ id: 'QuietHours' });
export type QuietHours = z.infer<typeof QuietHours>;

export const SubscriptionRule = z
  .strictObject({
    event: NotificationKind,
    /** For tiered kinds: only leads at this tier or better. */
    minTier: Tier.exclude(['D']).optional(),
    /** Channel ids: `inbox` or the subscriber's own channels. */
    channels: z.array(z.string().min(1).max(64)).min(1).max(20),
  })
  .meta({ id: 'SubscriptionRule' });
export type SubscriptionRule = z.infer<typeof SubscriptionRule>;

export const PreferencesInput = z
  .strictObject({
    rules: z.array(SubscriptionRule).max(100),
    quietHours: QuietHours.nullable().default(null),
  })
  .meta({ id: 'PreferencesInput' });
export type PreferencesInput = z.infer<typeof PreferencesInput>;

export const Preferences = z
  .object({
    subscriber: z.string().meta({ description: '`account:<username>` or `park:<parkId>`' }),
    parkId: z.string().nullable(),
    rules: z.array(SubscriptionRule),
    quietHours: QuietHours.nullable(),
    /** True while the subscriber has never set its own: these are the defaults. */
    defaults: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof Preferences>;

const httpUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(2000)
  .meta({ description: 'http(s) only; private and loopback addresses only for admins' });
const secret = z.string().min(8).max(512);
const name = z.string().trim().min(1).max(100);
const owner = z
  .union([z.literal('me'), z.strictObject({ parkId: z.string().min(1).max(64) })])
  .default('me')
  .meta({ description: '`me` (default), or `{ parkId }` for a park’s shared channel (managers, admins)' });

/** A channel to set up; its secret is stored encrypted and never shown again. */
export const ChannelInput = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('email'), name, owner, to: z.email().max(254) }),
    z.strictObject({ type: z.literal('wecom'), name, owner, url: httpUrl }),
    z.strictObject({ type: z.literal('dingtalk'), name, owner, url: httpUrl, secret }),
    z.strictObject({ type: z.literal('feishu'), name, owner, url: httpUrl, secret: secret.optional() }),
    z.strictObject({ type: z.literal('webhook'), name, owner, url: httpUrl, secret }),
  ])
  .meta({ id: 'ChannelInput' });
export type ChannelInput = z.infer<typeof ChannelInput>;

export const ChannelView = z
  .object({
    id: z.string(),
    type: z.enum(CHANNEL_TYPES),
    name: z.string(),
    subscriber: z.string(),
    parkId: z.string().nullable(),
    target: z.string().meta({ description: 'the address, or the URL with its key masked' }),
    hasSecret: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Channel' });
export type ChannelView = z.infer<typeof ChannelView>;

export const ChannelList = z.object({ items: z.array(ChannelView) }).meta({ id: 'ChannelList' });

export const ChannelTestResult = z
  .object({ ok: z.boolean(), ms: z.number(), error: z.string().nullable() })
  .meta({ id: 'ChannelTestResult' });
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

export const DELIVERY_STATUSES = ['queued', 'retrying', 'delivered', 'dead', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DeliveryAttempt = z.object({
  n: z.number().int(),
  startedAt: z.string(),
  ms: z.number(),
  ok: z.boolean(),
  error: z.string().nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryView = z
  .object({
    id: z.string(),
    notificationId: z.string(),
    parkId: z.string(),
    channelId: z.string(),
    channelType: z.enum(CHANNEL_TYPES),
    recipient: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.array(DeliveryAttempt),
    queuedAt: z.string(),
    notBefore: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
    replays: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Delivery' });
export type DeliveryView = z.infer<typeof DeliveryView>;

export const NotificationView = z
  .object({
    id: z.string(),
    kind: NotificationKind,
    parkId: z.string(),
    leadId: z.string().nullable(),
    tier: Tier.nullable(),
    subject: Bilingual,
    lines: Reasons,
    occurredAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationPage = z
  .object({ items: z.array(NotificationView), nextBefore: z.string().nullable() })
  .meta({ id: 'NotificationPage' });

export const NotificationDetail = z
  .object({ notification: NotificationView, deliveries: z.array(DeliveryView) })
  .meta({ id: 'NotificationDetail' });

export const DeadLetterPage = z
  .object({ items: z.array(DeliveryView), nextBefore: z.string().nullable() })
  .meta({ id: 'DeadLetterPage' });

const days = z.number().int().min(1).max(60);
const perTier = z.strictObject({ A: days, B: days, C: days });

/** A park's SLA clocks, in working days (Chinese statutory calendar). */
export const SlaPolicy = z
  .strictObject({
    /** To the first contact (stage 初步接洽): from the lead's arrival at the park as an A or B lead, else from its claim. */
    firstContactDays: perTier,
    /** From the first contact to the site visit (stage 实地考察). */
    siteVisitDays: perTier,
    /** Working days after a deadline at which the park's managers are told. */
    escalateAfterDays: z.number().int().min(1).max(30),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SLA_CLOCK_KINDS = ['first-contact', 'site-visit', 'appeal'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

export const SlaClockView = z
  .object({
    id: z.string(),
    kind: z.enum(SLA_CLOCK_KINDS),
    parkId: z.string(),
    leadId: z.string(),
    appealId: z.string().nullable(),
    liaison: z.string().nullable(),
    startedAt: z.string(),
    remindAt: z.string(),
    dueAt: z.string(),
    escalateAt: z.string(),
    stoppedAt: z.string().nullable(),
    status: z.enum(['running', 'stopped']),
    remindedAt: z.string().nullable(),
    overdueAt: z.string().nullable(),
    escalatedAt: z.string().nullable(),
  })
  .meta({ id: 'SlaClock' });
export type SlaClockView = z.infer<typeof SlaClockView>;

export const SlaClockPage = z.object({ items: z.array(SlaClockView) }).meta({ id: 'SlaClockPage' });

/** A day the statutory calendar gets wrong or does not know yet (a year it does not cover). */
export const WorkingDayOverride = z
  .strictObject({
    workday: z.boolean(),
    note: z.string().trim().max(200).default(''),
  })
  .meta({ id: 'WorkingDayOverrideInput' });

export const WorkingDayView = z
  .object({
    date: z.string(),
    workday: z.boolean(),
    source: z.enum(['override', 'statutory', 'weekdays']),
    note: z.string(),
  })
  .meta({ id: 'WorkingDay' });
export type WorkingDayView = z.infer<typeof WorkingDayView>;

export const WorkingDayList = z.object({ items: z.array(WorkingDayView) }).meta({ id: 'WorkingDayList' });
