import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import { financingRoutes } from './financing/routes.ts';
import { metricsRoutes } from './metrics/routes.ts';
import type { LeadTable } from './read-model/lead-table.ts';
import { type ReadModelStatus, readModelRoutes } from './read-model/routes.ts';
import type { TargetRepository } from './targets/repository.ts';
import { targetRoutes } from './targets/routes.ts';

export interface InsightsAppDeps {
  /** The facts of every lead in the read model now being served. */
  leads: () => LeadTable;
  /** Changes whenever the leads do. */
  modelVersion: () => string;
  status: () => ReadModelStatus;
  targets: TargetRepository;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  now?: () => Date;
}

/** The insights service's HTTP API: each feature's routes, mounted. */
export function createInsightsApp(deps: InsightsAppDeps) {
  const app = createServiceApp({
    service: 'insights',
    description:
      'Pipeline metrics and targets for managers: a read model folded from the events of leads and matching.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  const now = deps.now ?? (() => new Date());
  app.route('/', metricsRoutes({ ...deps, now }));
  app.route('/', financingRoutes({ ...deps, now }));
  app.route('/', targetRoutes({ ...deps, now }));
  app.route('/', readModelRoutes(deps));
  return app;
}
