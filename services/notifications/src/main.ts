import { CONSUMER_GROUPS, Events } from '@parkmatch/contracts';
import { consumeEvents, openRuntime, runService, watchBacklog } from '@parkmatch/service-kit';
import { Redis } from 'ioredis';
import { createNotificationsApp } from './app.ts';
import { closeAdapters, createAdapters } from './channels/adapters.ts';
import { createSecretBox } from './channels/secret-box.ts';
import { EMAIL_OFF, loadConfig } from './config.ts';
import { onLeadsScored } from './consumers/on-lead-scored.ts';
import { pipelineHandlers } from './consumers/on-pipeline.ts';
import { createDeliverer } from './delivery/deliver.ts';
import { startDeliveryJobs } from './delivery/jobs.ts';
import { createNotifier, createSender } from './delivery/notify.ts';
import { createRateLimiter } from './delivery/rate-limit.ts';
import { createDigest } from './digest/run.ts';
import { consumeFinance } from './finance/consumer.ts';
import { BankInboxRepository, withBankInbox } from './finance/inbox.ts';
import { openRepositories } from './repositories.ts';
import { createPurge } from './retention/purge.ts';
import { startScheduledJobs } from './schedule/jobs.ts';
import { createClocks } from './sla/clocks.ts';
import { createSweep } from './sla/sweep.ts';

const config = loadConfig();
const runtime = await openRuntime(config);
const { bus, store, logger, metrics } = runtime;
const now = () => new Date();

const repos = await openRepositories(store);
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
const limiter = createRateLimiter(redis, { prefix: `${config.redisPrefix}:notify` });
const box = createSecretBox(config.authSecret);
const bankInbox = await BankInboxRepository.open(store);
const adapters = withBankInbox(
  createAdapters({ inbox: repos.inbox, facts: repos.facts, smtp: config.smtp }),
  bankInbox,
);
if (!config.smtp) logger.warn(EMAIL_OFF);

const deliver = createDeliverer({ ...repos, box, adapters, limiter, now, portalUrl: config.portalUrl });
const delivery = startDeliveryJobs({
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
  logger,
  deliver,
});
const send = createSender({ ...repos, jobs: delivery, deliver });
const notify = createNotifier({ ...repos, send, now });
const clocks = createClocks({ clocks: repos.clocks, settings: repos.slaSettings });
const sweep = createSweep({ ...repos, settings: repos.slaSettings, notify, now });
const digest = createDigest({ ...repos, notify, now });
const purge = createPurge({ ...repos, bankInbox, retention: config.retention, now });
const scheduled = await startScheduledJobs({
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
  logger,
  run: {
    'sla-sweep': sweep,
    'daily-digest': digest,
    'retention-purge': async (at) => logger.info({ purged: await purge(at) }, 'retention purge'),
  },
  schedules: { 'sla-sweep': { everyMs: config.slaSweepEveryMs } },
});

const consumer = { bus, logger, metrics };
const scored = await consumeEvents({
  ...consumer,
  definition: Events.leadScored,
  group: CONSUMER_GROUPS.notificationsInbox.group,
  handleBatch: onLeadsScored({ ...repos, notify, now, clocks }),
});
const pipeline = pipelineHandlers({ facts: repos.facts, notify, clocks, now });
const pipelineGroup = CONSUMER_GROUPS.notificationsPipeline.group;
const closedLoop = await Promise.all([
  consumeEvents({
    ...consumer,
    definition: Events.leadClaimed,
    group: pipelineGroup,
    handleBatch: pipeline.leadClaimed,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.leadTransferred,
    group: pipelineGroup,
    handleBatch: pipeline.leadTransferred,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.stageChanged,
    group: pipelineGroup,
    handleBatch: pipeline.stageChanged,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.liaisonAssigned,
    group: pipelineGroup,
    handleBatch: pipeline.liaisonAssigned,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.appealOpened,
    group: pipelineGroup,
    handleBatch: pipeline.appealOpened,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.appealClosed,
    group: pipelineGroup,
    handleBatch: pipeline.appealClosed,
  }),
  consumeEvents({
    ...consumer,
    definition: Events.profileWithdrawn,
    group: pipelineGroup,
    handleBatch: pipeline.profileWithdrawn,
  }),
]);
const finance = await consumeFinance({ ...consumer, ...repos, notify, send, now });
const backlog = watchBacklog({
  bus,
  groups: [
    CONSUMER_GROUPS.notificationsInbox,
    CONSUMER_GROUPS.notificationsPipeline,
    CONSUMER_GROUPS.notificationsFinance,
  ],
  metrics,
  logger,
});

const app = createNotificationsApp({
  ...runtime,
  ...repos,
  box,
  adapters,
  limiter,
  enqueue: (deliveries) => delivery.enqueue(deliveries),
  boardQueues: [delivery.queue, scheduled.queue],
  bankInbox,
  now,
  readiness: [...runtime.readiness, backlog.readiness, { name: 'jobs', check: () => delivery.ping() }],
  bodyLimitBytes: config.bodyLimitBytes,
});

await runService({
  app,
  host: config.host,
  port: config.port,
  logger,
  onShutdown: [
    () => scored.close(),
    ...closedLoop.map((subscription) => () => subscription.close()),
    ...finance.map((subscription) => () => subscription.close()),
    () => scheduled.close(),
    () => delivery.close(),
    () => closeAdapters(adapters),
    async () => {
      await redis.quit();
    },
    () => bus.close(),
    () => store.close(),
  ],
});
