import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import {
  consumeEvent,
  consumeEvents,
  createOutboxRelay,
  openRuntime,
  runService,
  watchBacklog,
} from '@parkmatch/service-kit';
import { createMatchingApp } from './app.ts';
import { onCatalogPublished } from './catalog/publish.ts';
import { CatalogRepository } from './catalog/repository.ts';
import { loadConfig } from './config.ts';
import { Engine, loadParkCatalogs, loadTaxonomy } from './engine/index.ts';
import { ProfileRepository } from './profiles/repository.ts';
import { RerankRepository } from './rerank/repository.ts';
import { startReranking } from './rerank/rerank.ts';
import { LeadOwnerRepository, onClaims, onTransfers } from './scores/owners.ts';
import { MatchRepository } from './scores/repository.ts';
import { onProfiles, onWithdrawn } from './scores/score-lead.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const [catalogs, profiles, matches, reranks, owners] = await Promise.all([
  CatalogRepository.open(store),
  ProfileRepository.open(store),
  MatchRepository.open(store),
  RerankRepository.open(store),
  LeadOwnerRepository.open(store),
]);

const taxonomy = loadTaxonomy();
await catalogs.seed(loadParkCatalogs(taxonomy), new Date());
const engine = new Engine(taxonomy, await catalogs.current());

const relay = createOutboxRelay({
  store,
  bus,
  collections: [MatchRepository.COLLECTION, CatalogRepository.COLLECTION],
  logger,
});
if (config.outboxRelay) relay.start();
const onEventsWritten = () => relay.wake();

const scoring = CONSUMER_GROUPS.matchingScore;
// Two topics, so no order between them: the revision check in scoreLeads keeps the newest.
const subscriptions = await Promise.all(
  [Events.leadSubmitted, Events.leadUpdated].map((definition) =>
    consumeEvents({
      bus,
      definition,
      group: scoring.group,
      handleBatch: onProfiles({ matches, profiles, engine, onEventsWritten }),
      logger,
      metrics,
    }),
  ),
);
// Every instance hears of every published catalog: a group of its own, from now on.
subscriptions.push(
  await consumeEvents({
    bus,
    definition: Events.profileWithdrawn,
    group: CONSUMER_GROUPS.matchingWithdrawn.group,
    handleBatch: onWithdrawn({ matches, profiles, engine }),
    logger,
    metrics,
  }),
  // Who owns each lead: two topics, no order between them (the newest claim or transfer wins).
  await consumeEvents({
    bus,
    definition: Events.leadClaimed,
    group: CONSUMER_GROUPS.matchingOwners.group,
    handleBatch: onClaims({ owners }),
    logger,
    metrics,
  }),
  await consumeEvents({
    bus,
    definition: Events.leadTransferred,
    group: CONSUMER_GROUPS.matchingOwners.group,
    handleBatch: onTransfers({ owners }),
    logger,
    metrics,
  }),
  await consumeEvent({
    bus,
    definition: Events.catalogPublished,
    group: `${CONSUMER_GROUPS.matchingCatalogs.group}.${randomUUID()}`,
    fromBeginning: false,
    handler: onCatalogPublished({ catalogs, engine }),
    logger,
    metrics,
  }),
);

const reranking = startReranking({
  matches,
  profiles,
  reranks,
  engine,
  catalogAt: catalogs.at,
  logger,
  onEventsWritten,
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
});

// After an engine upgrade the stored scores (and the reasons derived for them) are stale.
const parkIds = engine.catalogs().map((c) => c.id);
for (const parkId of await matches.parksWithOtherEngine(engine.engineVersion, parkIds)) {
  logger.info(
    { parkId, engineVersion: engine.engineVersion },
    'scores of another engine version: re-ranking',
  );
  await reranking.enqueue(parkId, engine.catalog(parkId)?.version ?? 1);
}

const backlog = watchBacklog({ bus, groups: [scoring], relay, metrics, logger });
const app = createMatchingApp({
  ...runtime,
  catalogs,
  profiles,
  matches,
  owners,
  reranks,
  engine,
  reranking,
  onEventsWritten,
  readiness: [...runtime.readiness, backlog.readiness, { name: 'jobs', check: () => reranking.ping() }],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [
    ...subscriptions.map((s) => () => s.close()),
    () => reranking.close(),
    () => relay.stop(),
    () => bus.close(),
    () => store.close(),
  ],
});
