import { loadServiceConfig, parseEnv, type ServiceConfig } from '@parkmatch/service-kit';
import { z } from 'zod';

// The service's own settings beside the common ones: where email goes out (none: email
// channels cannot be set up) and the portal address links point to.

const NotificationsEnv = z.object({
  /** `smtp://user:pass@host:587`, `smtps://…:465`; `?tls=insecure` accepts a self-signed relay. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).default('parkmatch 招商通知 <noreply@parkmatch.local>'),
  /** Base URL of the portal; messages link to `<PORTAL_URL>/leads/<leadId>` when set. */
  PORTAL_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface NotificationsConfig extends ServiceConfig {
  smtp: { url: string; from: string } | undefined;
  portalUrl: string | undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): NotificationsConfig {
  const own = parseEnv(NotificationsEnv, env);
  return {
    ...loadServiceConfig('notifications', 3003, env),
    smtp: own.SMTP_URL ? { url: own.SMTP_URL, from: own.SMTP_FROM } : undefined,
    portalUrl: own.PORTAL_URL?.replace(/\/$/, ''),
  };
}
