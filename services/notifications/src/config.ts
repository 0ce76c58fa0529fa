import { loadServiceConfig, parseEnv, type ServiceConfig } from '@parkmatch/service-kit';
import { z } from 'zod';

// The service's own settings beside the common ones. Every variable is optional:
//
// - Email. `SMTP_URL` unset (the `npm start` default): email is off — the service says so at
//   start, email channels cannot be set up, and everything else (inbox, group robots,
//   webhooks) works. Set `SMTP_URL` (and `SMTP_FROM`) before `npm start` to turn it on, e.g.
//   `SMTP_URL=smtps://user:pass@smtp.example.cn:465`, or `smtp://127.0.0.1:1025` for a local
//   catcher such as Mailpit.
// - `PORTAL_URL`: the portal, which messages link to (`npm start` sets it to its own).
// - `SLA_SWEEP_EVERY_MS`: how often the SLA clocks are looked at.
// - `RETENTION_*`: how long what the service writes is kept before the nightly purge (03:30
//   Asia/Shanghai) removes it; see retention/purge.ts.

const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);

const NotificationsEnv = z.object({
  /** `smtp://user:pass@host:587` (STARTTLS when offered), `smtps://…:465`; `?tls=insecure` accepts a self-signed relay. Unset: email off. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The From header of every email. */
  SMTP_FROM: z.string().min(3).default('parkmatch 招商通知 <noreply@parkmatch.local>'),
  /** Base URL of the portal; when set, messages link to its pages (notification.ts, `portalLink`). */
  PORTAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The SLA sweep's period (a BullMQ job scheduler): every minute unless set, at least every second. */
  SLA_SWEEP_EVERY_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Inbox entries someone has read, kept this many days after they were made. */
  RETENTION_INBOX_READ_DAYS: days(180),
  /** Inbox entries nobody read, kept this many days. */
  RETENTION_INBOX_UNREAD_DAYS: days(365),
  /** Notifications and their delivery logs (delivered or skipped deliveries), this many days after their last change. */
  RETENTION_DELIVERY_DAYS: days(30),
  /** Dead letters (deliveries that failed for good), this many days after the last attempt or replay. */
  RETENTION_DEAD_LETTER_DAYS: days(90),
  /** SLA clocks that stopped (or ran every step), this many days after their start. */
  RETENTION_CLOCK_DAYS: days(365),
});

export interface RetentionConfig {
  inboxReadDays: number;
  inboxUnreadDays: number;
  deliveryDays: number;
  deadLetterDays: number;
  clockDays: number;
}

export interface NotificationsConfig extends ServiceConfig {
  smtp: { url: string; from: string } | undefined;
  portalUrl: string | undefined;
  slaSweepEveryMs: number;
  retention: RetentionConfig;
}

/** What the service says at start when email is off. */
export const EMAIL_OFF =
  'email is off: SMTP_URL is not set, so email channels cannot be set up (inbox, group robots and webhooks work). ' +
  'To turn it on, start with SMTP_URL=smtp://user:pass@host:587 (or smtps://…:465) and SMTP_FROM="名称 <address>"';

export function loadConfig(env: Record<string, string | undefined> = process.env): NotificationsConfig {
  const own = parseEnv(NotificationsEnv, env);
  return {
    ...loadServiceConfig('notifications', 3003, env),
    smtp: own.SMTP_URL ? { url: own.SMTP_URL, from: own.SMTP_FROM } : undefined,
    portalUrl: own.PORTAL_URL?.replace(/\/$/, ''),
    slaSweepEveryMs: own.SLA_SWEEP_EVERY_MS,
    retention: {
      inboxReadDays: own.RETENTION_INBOX_READ_DAYS,
      inboxUnreadDays: own.RETENTION_INBOX_UNREAD_DAYS,
      deliveryDays: own.RETENTION_DELIVERY_DAYS,
      deadLetterDays: own.RETENTION_DEAD_LETTER_DAYS,
      clockDays: own.RETENTION_CLOCK_DAYS,
    },
  };
}
