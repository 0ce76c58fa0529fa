import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import {
  consumeEvents,
  createOutboxRelay,
  openRuntime,
  runService,
  watchBacklog,
} from '@parkmatch/service-kit';
import { createFirmServicesApp } from './app.ts';
import { loadConfig } from './config.ts';
import { NeedRepository, ProductRepository } from './finance/repository.ts';
import { firmDocsCloser } from './firms/close.ts';
import {
  onClaimed,
  onLiaison,
  onRevisions,
  onScored,
  onTransferred,
  onWithdrawn,
} from './firms/consumers.ts';
import { firmDocsMover } from './firms/move.ts';
import { FirmRepository } from './firms/repository.ts';
import { OrgRepository } from './orgs/repository.ts';
import { settleOrders } from './rnd/orders.ts';
import { OrderRepository, ServiceRepository } from './rnd/repository.ts';
import { VoucherRepository } from './vouchers/repository.ts';
import { expireVouchers } from './vouchers/vouchers.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const [orgs, firms, products, needs, services, orders, vouchers] = await Promise.all([
  OrgRepository.open(store),
  FirmRepository.open(store),
  ProductRepository.open(store),
  NeedRepository.open(store),
  ServiceRepository.open(store),
  OrderRepository.open(store),
  VoucherRepository.open(store),
]);

const relay = createOutboxRelay({
  store,
  bus,
  collections: [NeedRepository.COLLECTION, OrderRepository.COLLECTION, VoucherRepository.COLLECTION],
  logger,
});
if (config.outboxRelay) relay.start();
const onEventsWritten = () => relay.wake();

const moveToPark = firmDocsMover({ needs, orders, vouchers });
const closeFirm = firmDocsCloser({ needs, orders, vouchers, onEventsWritten });

// The firms' facts, from the leads service's (and matching's) events: one group, every topic.
const facts = CONSUMER_GROUPS.firmServicesFacts;
const consume = <D extends (typeof Events)[keyof typeof Events]>(
  definition: D,
  handleBatch: Parameters<typeof consumeEvents<D>>[0]['handleBatch'],
) => consumeEvents({ bus, definition, group: facts.group, handleBatch, logger, metrics });
const subscriptions = await Promise.all([
  consume(Events.leadSubmitted, onRevisions(firms)),
  consume(Events.leadUpdated, onRevisions(firms)),
  consume(Events.leadScored, onScored(firms)),
  consume(Events.leadClaimed, onClaimed(firms, moveToPark)),
  consume(Events.leadTransferred, onTransferred(firms, moveToPark)),
  consume(Events.liaisonAssigned, onLiaison(firms)),
  consume(Events.profileWithdrawn, onWithdrawn(firms, closeFirm)),
]);

// Now and then: orders a crash left half-paid are finished, expired balances written off.
const deps = {
  orgs,
  firms,
  products,
  needs,
  services,
  orders,
  vouchers,
  now: () => new Date(),
  onEventsWritten,
};
const SWEEP_MS = 60_000;
const sweep = setInterval(() => {
  Promise.all([settleOrders(deps), expireVouchers(deps)]).catch((error: unknown) =>
    logger.error({ err: error }, 'order settle / voucher expiry sweep failed'),
  );
}, SWEEP_MS);
sweep.unref();

const backlog = watchBacklog({ bus, groups: [facts], relay, metrics, logger });
const app = createFirmServicesApp({
  ...runtime,
  ...deps,
  readiness: [...runtime.readiness, backlog.readiness],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [
    async () => clearInterval(sweep),
    ...subscriptions.map((s) => () => s.close()),
    () => relay.stop(),
    () => bus.close(),
    () => store.close(),
  ],
});
