import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import { consumeEvents, openRuntime, runService, watchBacklog } from '@parkmatch/service-kit';
import { createNotificationsApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startInboxJobs } from './delivery/inbox-jobs.ts';
import { onLeadsScored } from './delivery/on-lead-scored.ts';
import { InboxRepository } from './inbox/repository.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const inbox = await InboxRepository.open(store);
const jobs = startInboxJobs({ redisUrl: config.redisUrl, prefix: config.redisPrefix, inbox, logger });
const scored = await consumeEvents({
  bus,
  definition: Events.leadScored,
  group: CONSUMER_GROUPS.notificationsInbox.group,
  handleBatch: onLeadsScored(jobs),
  logger,
  metrics,
});
const backlog = watchBacklog({ bus, groups: [CONSUMER_GROUPS.notificationsInbox], metrics, logger });

const app = createNotificationsApp({
  ...runtime,
  inbox,
  readiness: [...runtime.readiness, backlog.readiness, { name: 'jobs', check: () => jobs.ping() }],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [() => scored.close(), () => jobs.close(), () => bus.close(), () => store.close()],
});
