import { Events } from '@parkmatch/contracts';
import { consumeEvent, openRuntime, runService } from '@parkmatch/service-kit';
import { createNotificationsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { onLeadScored } from './consumers.ts';
import { startDelivery } from './delivery.ts';
import { openRepositories } from './repositories.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const repos = await openRepositories(store);
const delivery = startDelivery({ redisUrl: config.redisUrl, prefix: config.redisPrefix, repos, logger });
const scored = await consumeEvent({
  bus,
  definition: Events.leadScored,
  group: 'notifications.inbox',
  handler: onLeadScored(delivery),
  logger,
  metrics,
});

const app = createNotificationsApp({
  ...runtime,
  repos,
  readiness: [...runtime.readiness, { name: 'jobs', check: () => delivery.ping() }],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [() => scored.close(), () => delivery.close(), () => bus.close(), () => store.close()],
});
