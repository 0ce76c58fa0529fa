import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { Queue } from 'bullmq';
import type { Adapters } from './channels/adapters.ts';
import { channelRoutes } from './channels/routes.ts';
import type { SecretBox } from './channels/secret-box.ts';
import { BOARD_PATH, boardRoutes } from './delivery/board.ts';
import type { DeliveryJob } from './delivery/jobs.ts';
import type { RateLimiter } from './delivery/rate-limit.ts';
import { deliveryRoutes } from './delivery/routes.ts';
import type { BankInboxRepository } from './finance/inbox.ts';
import { bankInboxRoutes } from './finance/routes.ts';
import { inboxRoutes } from './inbox/routes.ts';
import { preferencesRoutes } from './preferences/routes.ts';
import type { Repositories } from './repositories.ts';
import { createClocks } from './sla/clocks.ts';
import { slaRoutes } from './sla/routes.ts';

export interface NotificationsAppDeps extends Repositories {
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  box: SecretBox;
  adapters: Adapters;
  /** The per-robot rate limit (Redis), which a channel's test message respects too. */
  limiter: RateLimiter;
  /** Puts deliveries on the delivery queue (a dead letter's replay). */
  enqueue: (jobs: readonly DeliveryJob[]) => Promise<void>;
  /** The queues the admins' dashboard shows (`/admin/queues`); none: no dashboard. */
  boardQueues?: readonly Queue[];
  /** Banks' inboxes (financing needs pushed to a bank); none: no `/v1/bank-inbox`. */
  bankInbox?: BankInboxRepository;
  now?: () => Date;
  bodyLimitBytes?: number;
}

/** The notifications service's HTTP API: each feature's routes, mounted. */
export function createNotificationsApp(deps: NotificationsAppDeps) {
  const now = deps.now ?? (() => new Date());
  const app = createServiceApp({
    service: 'notifications',
    description:
      'Notifications that reach people: team inboxes, email, group robots (企业微信, 钉钉, 飞书) and signed webhooks; ' +
      'subscriptions and quiet hours; a delivery log with dead letters; SLA clocks on Chinese working days; daily digests.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  const { reschedule } = createClocks({ clocks: deps.clocks, settings: deps.slaSettings });
  app.route('/', inboxRoutes({ ...deps, now }));
  app.route('/', preferencesRoutes({ ...deps, now }));
  app.route('/', channelRoutes({ ...deps, now }));
  app.route('/', deliveryRoutes({ ...deps, now }));
  app.route('/', slaRoutes({ ...deps, settings: deps.slaSettings, reschedule, now }));
  if (deps.bankInbox)
    app.route('/', bankInboxRoutes({ bankInbox: deps.bankInbox, tokens: deps.tokens, now }));
  if (deps.boardQueues) app.route('/', boardRoutes({ tokens: deps.tokens, queues: deps.boardQueues }));
  return app;
}

export { BOARD_PATH };
