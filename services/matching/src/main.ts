import { Events } from '@parkmatch/contracts';
import { consumeEvent, createOutboxRelay, openRuntime, runService } from '@parkmatch/service-kit';
import { createMatchingApp } from './app.ts';
import { currentCatalogs, seedCatalogs } from './catalogs.ts';
import { loadConfig } from './config.ts';
import { onProfile } from './consumers.ts';
import { loadParkCatalogs, loadTaxonomy } from './domain/index.ts';
import { RankIndex } from './domain/rank-index.ts';
import { Engine } from './engine.ts';
import { followRanking } from './ranking.ts';
import { leadOf, openRepositories } from './repositories.ts';
import { parksWithStaleScores, startReranking } from './rerank.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
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

// Readings are the expensive part of scoring: take them now, in the background.
void (async () => {
  const started = performance.now();
  const profiles = await repos.profiles.find({});
  const count = await engine.warm(profiles.map(leadOf));
  logger.info({ profiles: count, ms: Math.round(performance.now() - started) }, 'profile readings warmed');
})().catch((error: unknown) => logger.warn({ err: error }, 'warming readings failed'));

const relay = createOutboxRelay({ store, bus, collections: repos.outboxCollections, logger });
if (config.outboxRelay) relay.start();
const handler = onProfile({
  repos,
  ranking,
  match: (lead) => engine.match(lead),
  onEventsWritten: () => relay.wake(),
});
// Two topics, so no order between them: the revision check in scoreLead keeps the newest.
const subscriptions = await Promise.all(
  [Events.leadSubmitted, Events.leadUpdated].map((definition) =>
    consumeEvent({ bus, definition, group: 'matching.score', handler, logger, metrics }),
  ),
);

const reranking = startReranking({
  repos,
  engine,
  ranking,
  logger,
  onEventsWritten: () => relay.wake(),
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
});

// After an engine upgrade the stored scores (and the reasons derived for them) are stale.
for (const parkId of await parksWithStaleScores(repos, engine)) {
  const version = engine.catalog(parkId)?.version ?? 1;
  logger.info(
    { parkId, engineVersion: engine.engineVersion },
    'scores of another engine version: re-ranking',
  );
  await reranking.enqueue(parkId, version);
}

const app = createMatchingApp({
  ...runtime,
  repos,
  engine,
  ranking,
  reranking,
  readiness: [...runtime.readiness, { name: 'jobs', check: () => reranking.ping() }],
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
