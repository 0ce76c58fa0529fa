import { randomBytes } from 'node:crypto';
import { parseEnv } from '@parkmatch/service-kit';
import { z } from 'zod';

// The portal's environment, parsed once. The portal has no store and no bus: it needs the
// other services' base URLs and a secret to seal its session cookie, nothing else.

const BaseUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

const Env = z
  .object({
    PARKMATCH_ENV: z.enum(['local', 'production']).default('local'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    LEADS_URL: BaseUrl.default('http://127.0.0.1:3001'),
    MATCHING_URL: BaseUrl.default('http://127.0.0.1:3002'),
    NOTIFICATIONS_URL: BaseUrl.default('http://127.0.0.1:3003'),
    /** The insights service (the managers' dashboard); without it the dashboard says it is not set up. */
    INSIGHTS_URL: BaseUrl.optional(),
    /** The firm-services service (financing needs, the R&D platform, vouchers). */
    FIRM_SERVICES_URL: BaseUrl.default('http://127.0.0.1:3005'),
    /** Seals the session cookie (AES-256-GCM, key derived with HKDF). Not the token-signing AUTH_SECRET. */
    SESSION_SECRET: z.string().min(16, 'SESSION_SECRET must be at least 16 characters').optional(),
    /** A team session ends after this many minutes without a page view (and always when its token expires). */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(120),
    /** The address people reach the portal at (for the firm's private link); else the request's own origin. */
    PUBLIC_URL: BaseUrl.optional(),
    /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto for the Secure cookie flag. */
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.PARKMATCH_ENV !== 'production') return;
    if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'required in production, at least 32 characters',
      });
    }
  });

export interface PortalConfig {
  production: boolean;
  host: string;
  port: number;
  upstream: {
    leads: string;
    matching: string;
    notifications: string;
    insights?: string;
    firmServices: string;
  };
  sessionSecret: string;
  /** No SESSION_SECRET was given (local only): a random one, so sessions end when the portal restarts. */
  sessionSecretGenerated: boolean;
  sessionIdleMs: number;
  publicUrl?: string;
  trustProxy: boolean;
  upstreamTimeoutMs: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bodyLimitBytes: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): PortalConfig {
  const e = parseEnv(Env, env);
  return {
    production: e.PARKMATCH_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    upstream: {
      leads: e.LEADS_URL,
      matching: e.MATCHING_URL,
      notifications: e.NOTIFICATIONS_URL,
      ...(e.INSIGHTS_URL ? { insights: e.INSIGHTS_URL } : {}),
      firmServices: e.FIRM_SERVICES_URL,
    },
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    sessionSecretGenerated: e.SESSION_SECRET === undefined,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    trustProxy: e.TRUST_PROXY === 'true',
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
  };
}
