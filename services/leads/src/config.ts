import { loadServiceConfig, parseEnv, type ServiceConfig } from '@parkmatch/service-kit';
import { z } from 'zod';

const LeadsEnv = z.object({
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(1).default('admin'),
  /**
   * Addresses of proxies (the portal) whose X-Forwarded-For names the visitor, so that sign-in
   * failures are counted per visitor and not per proxy. Comma-separated; none by default.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
});

export interface LeadsConfig extends ServiceConfig {
  admin: { username: string; password: string };
  trustedProxies: string[];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): LeadsConfig {
  const base = loadServiceConfig('leads', 3001, env);
  const own = parseEnv(LeadsEnv, env);
  if (base.production && (own.ADMIN_USERNAME === 'admin' || own.ADMIN_PASSWORD === 'admin')) {
    throw new Error('production refuses the default admin account: set ADMIN_USERNAME and ADMIN_PASSWORD');
  }
  return {
    ...base,
    admin: { username: own.ADMIN_USERNAME, password: own.ADMIN_PASSWORD },
    trustedProxies: own.TRUSTED_PROXIES,
  };
}
