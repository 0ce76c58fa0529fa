import { loadServiceConfig, parseEnv, type ServiceConfig } from '@parkmatch/service-kit';
import { z } from 'zod';

const LeadsEnv = z.object({
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(1).default('admin'),
});

export interface LeadsConfig extends ServiceConfig {
  admin: { username: string; password: string };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): LeadsConfig {
  const base = loadServiceConfig('leads', 3001, env);
  const own = parseEnv(LeadsEnv, env);
  if (base.production && (own.ADMIN_USERNAME === 'admin' || own.ADMIN_PASSWORD === 'admin')) {
    throw new Error('production refuses the default admin account: set ADMIN_USERNAME and ADMIN_PASSWORD');
  }
  return { ...base, admin: { username: own.ADMIN_USERNAME, password: own.ADMIN_PASSWORD } };
}
