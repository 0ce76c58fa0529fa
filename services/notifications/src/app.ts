import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { InboxRepository } from './inbox/repository.ts';
import { inboxRoutes } from './inbox/routes.ts';

export interface NotificationsAppDeps {
  inbox: InboxRepository;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
}

/** The notifications service's HTTP API: each feature's routes, mounted. */
export function createNotificationsApp(deps: NotificationsAppDeps) {
  const app = createServiceApp({
    service: 'notifications',
    description: 'Team inboxes fed by scored leads; delivery through BullMQ.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', inboxRoutes(deps));
  return app;
}
