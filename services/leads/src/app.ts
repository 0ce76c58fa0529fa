import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type RevocationList,
  type TokenService,
} from '@parkmatch/service-kit';
import type { UserRepository } from './accounts/repository.ts';
import { accountRoutes } from './accounts/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { firmRoutes } from './firm/routes.ts';
import type { LeadRepository } from './lead/repository.ts';
import type { LedgerRepositories } from './ledgers/repositories.ts';
import { ledgerRoutes } from './ledgers/routes.ts';
import { pipelineRoutes } from './pipeline/routes.ts';
import { profileRoutes } from './profiles/routes.ts';

export interface LeadsAppDeps {
  leads: LeadRepository;
  users: UserRepository;
  /** The ledgers' own collections: visits, appeals, monthly figures. */
  ledgers: LedgerRepositories;
  tokens: TokenService;
  /** This service's token revocations (those made here count at once). */
  revocations?: RevocationList;
  /** Proxies (the portal) whose X-Forwarded-For names the visitor signing in. */
  trustedProxies?: readonly string[];
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  onEventsWritten?: () => void;
  now?: () => Date;
}

/** The leads service's HTTP API: each feature's routes, mounted. */
export function createLeadsApp(deps: LeadsAppDeps) {
  const app = createServiceApp({
    service: 'leads',
    description: 'Firm relocation profiles, pipeline stages, team accounts and tokens.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', accountRoutes(deps));
  app.route(
    '/',
    profileRoutes({
      ...deps,
      onEventsWritten: deps.onEventsWritten ?? (() => {}),
      now: deps.now ?? (() => new Date()),
    }),
  );
  app.route(
    '/',
    pipelineRoutes({
      ...deps,
      onEventsWritten: deps.onEventsWritten ?? (() => {}),
      now: deps.now ?? (() => new Date()),
    }),
  );
  app.route('/', firmRoutes(deps));
  app.route('/', exportRoutes({ ...deps, now: deps.now ?? (() => new Date()) }));
  app.route(
    '/',
    ledgerRoutes({
      ...deps,
      onEventsWritten: deps.onEventsWritten ?? (() => {}),
      now: deps.now ?? (() => new Date()),
    }),
  );
  return app;
}
