import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { RankIndex } from './domain/rank-index.ts';
import type { Engine } from './engine.ts';
import { Explainer } from './explain.ts';
import type { Repositories } from './repositories.ts';
import type { Reranking } from './rerank.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { matchRoutes } from './routes/matches.ts';
import { parkRoutes } from './routes/parks.ts';

export interface MatchingAppDeps {
  repos: Repositories;
  engine: Engine;
  ranking: RankIndex;
  reranking: Pick<Reranking, 'enqueue'>;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
}

export function createMatchingApp(deps: MatchingAppDeps) {
  const explainer = new Explainer(deps.repos, deps.engine);
  const app = createServiceApp({
    service: 'matching',
    description: 'Taxonomy, park intake directions, explainable scoring and ranked lead lists.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  app.route('/', parkRoutes({ ...deps, explainer }));
  app.route('/', catalogRoutes(deps));
  app.route('/', matchRoutes({ ...deps, explainer }));
  return app;
}
