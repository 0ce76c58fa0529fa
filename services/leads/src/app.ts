import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { Repositories } from './repositories.ts';
import { accountRoutes } from './routes/accounts.ts';
import { profileRoutes } from './routes/profiles.ts';

export interface LeadsAppDeps {
  repos: Repositories;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  onEventsWritten?: () => void;
}

export function createLeadsApp(deps: LeadsAppDeps) {
  const app = createServiceApp({
    service: 'leads',
    description: 'Firm relocation profiles, pipeline stages, team accounts and tokens.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', accountRoutes(deps));
  app.route('/', profileRoutes({ ...deps, onEventsWritten: deps.onEventsWritten ?? (() => {}) }));
  return app;
}
