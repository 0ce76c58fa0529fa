import { randomUUID } from 'node:crypto';
import { createEvent, Events, type Tier } from '@parkmatch/contracts';
import {
  createLogger,
  createMetrics,
  createTokenService,
  type JobSettings,
  type Principal,
} from '@parkmatch/service-kit';
import { Redis } from 'ioredis';
import { createNotificationsApp } from '../src/app.ts';
import { closeAdapters, createAdapters } from '../src/channels/adapters.ts';
import { createSecretBox } from '../src/channels/secret-box.ts';
import { onLeadsScored } from '../src/consumers/on-lead-scored.ts';
import { pipelineHandlers } from '../src/consumers/on-pipeline.ts';
import { createDeliverer } from '../src/delivery/deliver.ts';
import { startDeliveryJobs } from '../src/delivery/jobs.ts';
import { createNotifier, createSender } from '../src/delivery/notify.ts';
import { createRateLimiter } from '../src/delivery/rate-limit.ts';
import { createDigest } from '../src/digest/run.ts';
import { openRepositories } from '../src/repositories.ts';
import { createClocks } from '../src/sla/clocks.ts';
import { createSweep } from '../src/sla/sweep.ts';
import { tempStore } from './temp-store.ts';

// The notifications service wired as main.ts wires it — real store, real BullMQ on the test
// run's Redis, real channel adapters — minus the bus: tests hand events to the consumers'
// handlers. The clock is injected (`setNow`), so SLA and digest times are the test's.

/** Fast retries for tests: a receiver that fails a few times recovers within the same test. */
export const FAST_JOBS: JobSettings = {
  concurrency: 8,
  attempts: 4,
  backoff: { type: 'exponential', delay: 20, jitter: 0.5 },
  lockDuration: 10_000,
  keepCompletedSeconds: 3600,
  keepFailedSeconds: 3600,
};

export const AUTH_SECRET = 'harness-secret-harness-secret-harness';

export async function openHarness(options: {
  redisUrl: string;
  smtp?: { url: string; from: string };
  jobs?: JobSettings;
}) {
  const store = await tempStore();
  const repos = await openRepositories(store);
  const prefix = `t${randomUUID().slice(0, 8)}`;
  let clock = new Date('2025-09-26T02:00:00.000Z'); // Friday 10:00 in Shanghai
  const now = () => clock;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const limiter = createRateLimiter(redis, { prefix: `${prefix}:notify` });
  const box = createSecretBox(AUTH_SECRET);
  const adapters = createAdapters({
    inbox: repos.inbox,
    facts: repos.facts,
    smtp: options.smtp,
    timeoutMs: 2_000,
  });
  const logger = createLogger('notifications-test', 'silent');
  // Deliveries run on the real clock (BullMQ's), not the test's: attempts are stamped with it.
  const deliver = createDeliverer({ ...repos, box, adapters, limiter, now: () => new Date() });
  const delivery = startDeliveryJobs({
    redisUrl: options.redisUrl,
    prefix,
    logger,
    deliver,
    settings: options.jobs ?? FAST_JOBS,
  });
  const notify = createNotifier({ ...repos, send: createSender({ ...repos, jobs: delivery, deliver }), now });
  const clocks = createClocks({ clocks: repos.clocks, settings: repos.slaSettings });
  const sweep = createSweep({ ...repos, settings: repos.slaSettings, notify, now });
  const digest = createDigest({ ...repos, notify, now });
  const tokens = createTokenService(AUTH_SECRET);
  const app = createNotificationsApp({
    ...repos,
    tokens,
    logger,
    metrics: createMetrics('notifications-test'),
    readiness: [],
    box,
    adapters,
    limiter,
    enqueue: (d) => delivery.enqueue(d),
    boardQueues: [delivery.queue],
    now,
  });
  const scored = onLeadsScored({ ...repos, notify, now, clocks });
  const pipeline = pipelineHandlers({ facts: repos.facts, notify, clocks, now });

  return {
    ...repos,
    store,
    app,
    tokens,
    box,
    limiter,
    delivery,
    notify,
    clocks: repos.clocks,
    clockRules: clocks,
    sweep,
    digest,
    scored,
    pipeline,
    setNow(at: Date | string) {
      clock = new Date(at);
    },
    now,
    async token(principal: Principal) {
      return tokens.sign(principal);
    },
    /** An authorised JSON request to the app. */
    async call(principal: Principal, method: string, path: string, body?: unknown) {
      const token = await tokens.sign(principal);
      const res = await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered
      return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
    },
    async close() {
      await delivery.close();
      await closeAdapters(adapters);
      await redis.quit();
      await store.remove();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof openHarness>>;

export const ANALYST: Principal = { sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' };
export const MANAGER: Principal = { sub: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' };
export const ADMIN: Principal = { sub: 'admin', role: 'admin' };
export const OTHER_ANALYST: Principal = { sub: 'changshou', role: 'analyst', parkId: 'changshou' };

let revision = 0;

/** A `matching.lead.scored.v1` event as matching publishes it. */
export function scoredEvent(
  leadId: string,
  tier: Tier,
  options: {
    previousTier?: Tier;
    parkId?: string;
    score?: number;
    revision?: number;
    firmName?: string;
    at?: Date;
  } = {},
) {
  revision += 1;
  return createEvent(Events.leadScored, {
    key: leadId,
    source: 'matching',
    ...(options.at ? { occurredAt: options.at } : {}),
    payload: {
      leadId,
      parkId: options.parkId ?? 'dadukou-ivd',
      firmName: options.firmName ?? `集庆生物-${leadId}`,
      projectTitle: 'IVD 试剂生产基地',
      score: options.score ?? { A: 82, B: 60, C: 35, D: 10 }[tier],
      tier,
      ...(options.previousTier ? { previousTier: options.previousTier } : {}),
      matchedDirections: [{ code: 'ivd.poct', strength: 0.9, evidence: ['POCT'] }],
      reasons: { zh: ['契合承接方向「POCT」'], en: ['Fits intake direction "POCT"'] },
      engineVersion: 'test-1',
      catalogVersion: 1,
      profileRevision: options.revision ?? revision,
    },
  });
}
