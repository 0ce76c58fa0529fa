import { loadServiceConfig, type ServiceConfig } from '@parkmatch/service-kit';

export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return loadServiceConfig('firm-services', 3005, env);
}
