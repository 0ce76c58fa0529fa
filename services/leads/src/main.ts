import { Events } from '@parkmatch/contracts';
import { consumeEvent, createOutboxRelay, openRuntime, runService } from '@parkmatch/service-kit';
import { createLeadsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { recordParkRating } from './consumers.ts';
import { openRepositories } from './repositories.ts';
import { ensureAdmin } from './routes/accounts.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const repos = await openRepositories(store);
await ensureAdmin(repos, config.admin);

const relay = createOutboxRelay({ store, bus, collections: repos.outboxCollections, logger });
if (config.outboxRelay) relay.start();
const ratings = await consumeEvent({
  bus,
  definition: Events.leadScored,
  group: 'leads.park-ratings',
  handler: recordParkRating(repos),
  logger,
  metrics,
});

const app = createLeadsApp({
  ...runtime,
  repos,
  bodyLimitBytes: config.bodyLimitBytes,
  onEventsWritten: () => relay.wake(),
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [() => ratings.close(), () => relay.stop(), () => bus.close(), () => store.close()],
});
