import { loadServiceConfig, type ServiceConfig } from '@parkmatch/service-kit';

export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return loadServiceConfig('insights', 3004, env);
}
