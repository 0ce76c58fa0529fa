import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { Repositories } from './repositories.ts';
import { inboxRoutes } from './routes/inbox.ts';

export interface NotificationsAppDeps {
  repos: Repositories;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
}

export function createNotificationsApp(deps: NotificationsAppDeps) {
  const app = createServiceApp({
    service: 'notifications',
    description: 'Team inboxes fed by scored leads; delivery through BullMQ.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', inboxRoutes(deps));
  return app;
}
