import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { CatalogRepository } from './catalog/repository.ts';
import { catalogRoutes } from './catalog/routes.ts';
import type { Engine } from './engine/index.ts';
import type { ProfileRepository } from './profiles/repository.ts';
import { rankingRoutes } from './ranking/routes.ts';
import type { RerankRepository } from './rerank/repository.ts';
import type { Reranking } from './rerank/rerank.ts';
import { rerankRoutes } from './rerank/routes.ts';
import { Explainer } from './scores/explain.ts';
import type { LeadOwnerRepository } from './scores/owners.ts';
import type { MatchRepository } from './scores/repository.ts';
import { scoreRoutes } from './scores/routes.ts';

export interface MatchingAppDeps {
  catalogs: CatalogRepository;
  profiles: ProfileRepository;
  matches: MatchRepository;
  /** Who owns each lead (claims, transfers): its owner park sees its score there. */
  owners: LeadOwnerRepository;
  reranks: RerankRepository;
  engine: Engine;
  reranking: Pick<Reranking, 'enqueue'>;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  onEventsWritten?: () => void;
}

/** The matching service's HTTP API: each feature's routes, mounted. */
export function createMatchingApp(deps: MatchingAppDeps) {
  const explainer = new Explainer(deps.profiles, deps.engine, deps.catalogs.at);
  const app = createServiceApp({
    service: 'matching',
    description: 'Taxonomy, park intake directions, explainable scoring and ranked lead lists.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', catalogRoutes({ ...deps, onEventsWritten: deps.onEventsWritten ?? (() => {}) }));
  app.route('/', rankingRoutes({ ...deps, explainer }));
  app.route('/', rerankRoutes(deps));
  app.route('/', scoreRoutes({ ...deps, explainer }));
  return app;
}
