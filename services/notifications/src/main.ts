import { Events } from '@parkmatch/contracts';
import {
  consumeEvent,
  createLogger,
  createMetrics,
  createTokenService,
  openInfrastructure,
  runService,
} from '@parkmatch/service-kit';
import { createNotificationsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { onLeadScored } from './consumers.ts';
import { startDelivery } from './delivery.ts';
import { openRepositories } from './repositories.ts';

const config = loadConfig();
const logger = createLogger(config.service, config.logLevel);
const metrics = createMetrics(config.service);
const { bus, store } = await openInfrastructure(config, logger);
const repos = await openRepositories(store);
const delivery = await startDelivery({
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
  repos,
  logger,
});
const scored = await consumeEvent({
  bus,
  definition: Events.leadScored,
  group: 'notifications.inbox',
  handler: onLeadScored(delivery),
  logger,
  metrics,
});

const app = createNotificationsApp({
  repos,
  tokens: createTokenService(config.authSecret),
  logger,
  metrics,
  readiness: [
    { name: 'store', check: () => store.ping() },
    { name: 'bus', check: () => bus.ping() },
    { name: 'jobs', check: () => delivery.ping() },
  ],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [() => scored.close(), () => delivery.close(), () => bus.close(), () => store.close()],
});
