import { Events } from '@parkmatch/contracts';
import {
  consumeEvent,
  createLogger,
  createMetrics,
  createOutboxRelay,
  createTokenService,
  openInfrastructure,
  runService,
} from '@parkmatch/service-kit';
import { createMatchingApp } from './app.ts';
import { currentCatalogs, seedCatalogs } from './catalogs.ts';
import { loadConfig } from './config.ts';
import { onProfile } from './consumers.ts';
import { loadParkCatalogs, loadTaxonomy } from './domain/index.ts';
import { RankIndex } from './domain/rank-index.ts';
import { Engine } from './engine.ts';
import { followRanking } from './ranking.ts';
import { openRepositories } from './repositories.ts';
import { startReranking } from './rerank.ts';

const config = loadConfig();
const logger = createLogger(config.service, config.logLevel);
const metrics = createMetrics(config.service);
const { bus, store } = await openInfrastructure(config, logger);
const repos = await openRepositories(store);

const taxonomy = loadTaxonomy();
await seedCatalogs(repos.catalogVersions, loadParkCatalogs(taxonomy), new Date());
const engine = new Engine(taxonomy, await currentCatalogs(repos.catalogVersions));

// Catalogs published by another instance of this service come into force here too.
const catalogRefresh = setInterval(() => {
  currentCatalogs(repos.catalogVersions)
    .then((catalogs) => {
      for (const catalog of catalogs) engine.use(catalog);
    })
    .catch((error: unknown) => logger.warn({ err: error }, 'catalog refresh failed'));
}, 5_000);
catalogRefresh.unref();

const ranking = new RankIndex();
const follower = followRanking(repos, ranking, logger);
logger.info({ matches: await follower.load() }, 'ranking loaded');
follower.start();

const relay = createOutboxRelay({ store, bus, collections: repos.outboxCollections, logger });
if (config.outboxRelay) relay.start();
const handler = onProfile({
  repos,
  ranking,
  match: (lead) => engine.match(lead),
  onEventsWritten: () => relay.wake(),
});
const subscriptions = [
  await consumeEvent({
    bus,
    definition: Events.leadSubmitted,
    group: 'matching.score',
    handler,
    logger,
    metrics,
  }),
  await consumeEvent({
    bus,
    definition: Events.leadUpdated,
    group: 'matching.score',
    handler,
    logger,
    metrics,
  }),
];

const reranking = await startReranking({
  repos,
  engine,
  ranking,
  logger,
  onEventsWritten: () => relay.wake(),
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
});

const app = createMatchingApp({
  repos,
  engine,
  ranking,
  reranking,
  tokens: createTokenService(config.authSecret),
  logger,
  metrics,
  readiness: [
    { name: 'store', check: () => store.ping() },
    { name: 'bus', check: () => bus.ping() },
    { name: 'jobs', check: () => reranking.ping() },
  ],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [
    ...subscriptions.map((s) => () => s.close()),
    async () => clearInterval(catalogRefresh),
    () => reranking.close(),
    () => follower.stop(),
    () => relay.stop(),
    () => bus.close(),
    () => store.close(),
  ],
});
