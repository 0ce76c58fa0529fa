import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import {
  consumeEvents,
  createOutboxRelay,
  openRuntime,
  runService,
  watchBacklog,
} from '@parkmatch/service-kit';
import { UserRepository } from './accounts/repository.ts';
import { ensureAdmin } from './accounts/routes.ts';
import { createLeadsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { LeadRepository } from './lead/repository.ts';
import {
  LEDGER_OUTBOX_COLLECTIONS,
  onLeadsTransferred,
  openLedgerRepositories,
} from './ledgers/repositories.ts';
import { recordParkRatings } from './ratings/record-rating.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const [leads, users, ledgers] = await Promise.all([
  LeadRepository.open(store),
  UserRepository.open(store),
  openLedgerRepositories(store),
]);
await ensureAdmin(users, config.admin);

const relay = createOutboxRelay({
  store,
  bus,
  collections: [LeadRepository.COLLECTION, UserRepository.COLLECTION, ...LEDGER_OUTBOX_COLLECTIONS],
  logger,
});
if (config.outboxRelay) relay.start();
const ratings = await consumeEvents({
  bus,
  definition: Events.leadScored,
  group: CONSUMER_GROUPS.leadsRatings.group,
  handleBatch: recordParkRatings(leads),
  logger,
  metrics,
});
// A transfer is announced with the lead's change; the ledger entries follow it from the event
// (at least once, idempotent), so a crash between the two writes cannot strand them.
const ledgerOwner = await consumeEvents({
  bus,
  definition: Events.leadTransferred,
  group: CONSUMER_GROUPS.leadsLedgerOwner.group,
  handleBatch: onLeadsTransferred(ledgers),
  logger,
  metrics,
});
const backlog = watchBacklog({
  bus,
  groups: [CONSUMER_GROUPS.leadsRatings, CONSUMER_GROUPS.leadsLedgerOwner],
  relay,
  metrics,
  logger,
});

const app = createLeadsApp({
  ...runtime,
  leads,
  users,
  ledgers,
  revocations: runtime.revocations.list,
  trustedProxies: config.trustedProxies,
  readiness: [...runtime.readiness, backlog.readiness],
  bodyLimitBytes: config.bodyLimitBytes,
  onEventsWritten: () => relay.wake(),
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [
    () => ratings.close(),
    () => ledgerOwner.close(),
    () => runtime.revocations.close(),
    () => relay.stop(),
    () => bus.close(),
    () => store.close(),
  ],
});
