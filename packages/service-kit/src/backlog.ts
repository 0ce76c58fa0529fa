import type { EventBus } from '@parkmatch/bus';
import { Gauge } from 'prom-client';
import type { ReadinessCheck } from './app.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { OutboxRelay } from './outbox.ts';

// How far behind a service is, where operators look: gauges on /metrics computed at scrape
// time, and a readiness check that fails while a backlog is over its limit.

export interface ConsumerGroupRef {
  topic: string;
  group: string;
}

export interface BacklogOptions {
  bus: Pick<EventBus, 'lag'>;
  /** Every consumer group of this service with its topics (entries of contracts' CONSUMER_GROUPS). */
  groups: readonly { group: string; topics: readonly string[] }[];
  /** The service's outbox relay, when it has one. */
  relay?: Pick<OutboxRelay, 'pendingCount'>;
  /** Gauges are registered in its registry (once per registry). */
  metrics: Metrics;
  logger: Logger;
  /** Unhandled messages of one group on one topic above which the service is not ready (default 10,000). */
  maxLag?: number;
  /** Events waiting in one collection's outbox (MongoDB: documents) above which the service is not ready (default 10,000). */
  maxPending?: number;
}

export interface Backlog {
  lag: (ConsumerGroupRef & { messages: number })[];
  /** Events waiting per collection (MongoDB: documents holding them; empty without a relay). */
  pending: Record<string, number>;
}

export interface BacklogWatch {
  /** Lag and pending counts, read now. */
  read(): Promise<Backlog>;
  /** `backlog`: throws naming each group and outbox over its limit. */
  readiness: ReadinessCheck;
}

export const DEFAULT_MAX_LAG = 10_000;
export const DEFAULT_MAX_PENDING = 10_000;

/**
 * Registers `bus_consumer_lag{topic,group}` and (with a relay) `outbox_pending{collection}` and
 * returns the readiness check. A failed read leaves the gauges empty for that scrape (and is
 * logged) rather than failing all of /metrics or showing stale figures.
 */
export function watchBacklog(options: BacklogOptions): BacklogWatch {
  const {
    bus,
    groups,
    relay,
    metrics,
    logger,
    maxLag = DEFAULT_MAX_LAG,
    maxPending = DEFAULT_MAX_PENDING,
  } = options;

  const consumers: ConsumerGroupRef[] = groups.flatMap(({ group, topics }) =>
    topics.map((topic) => ({ topic, group })),
  );
  const readLag = () =>
    Promise.all(consumers.map(async (c) => ({ ...c, messages: await bus.lag(c.topic, c.group) })));
  const readPending = async (): Promise<Record<string, number>> => (relay ? relay.pendingCount() : {});

  const lagGauge: Gauge<'topic' | 'group'> = new Gauge({
    name: 'bus_consumer_lag',
    help: 'Messages a consumer group has not finished with, per topic (undelivered plus unacknowledged)',
    labelNames: ['topic', 'group'] as const,
    registers: [metrics.registry],
    collect: async () => {
      lagGauge.reset();
      try {
        for (const { topic, group, messages } of await readLag()) lagGauge.set({ topic, group }, messages);
      } catch (error) {
        logger.warn({ err: error }, 'consumer lag could not be read for /metrics');
      }
    },
  });
  if (relay) {
    const pendingGauge: Gauge<'collection'> = new Gauge({
      name: 'outbox_pending',
      help: 'Events not yet published, per collection (MongoDB: documents holding them)',
      labelNames: ['collection'] as const,
      registers: [metrics.registry],
      collect: async () => {
        pendingGauge.reset();
        try {
          for (const [collection, count] of Object.entries(await readPending())) {
            pendingGauge.set({ collection }, count);
          }
        } catch (error) {
          logger.warn({ err: error }, 'outbox pending counts could not be read for /metrics');
        }
      },
    });
  }

  async function read(): Promise<Backlog> {
    const [lag, pending] = await Promise.all([readLag(), readPending()]);
    return { lag, pending };
  }

  return {
    read,
    readiness: {
      name: 'backlog',
      check: async () => {
        const { lag, pending } = await read();
        const behind = [
          ...lag
            .filter(({ messages }) => messages > maxLag)
            .map(({ topic, group, messages }) => `group ${group} is ${messages} messages behind on ${topic}`),
          ...Object.entries(pending)
            .filter(([, count]) => count > maxPending)
            .map(([collection, count]) => `${count} documents of ${collection} wait in the outbox`),
        ];
        if (behind.length > 0) {
          throw new Error(
            `far behind: ${behind.join('; ')} (limits: ${maxLag} messages of lag, ${maxPending} pending in an outbox)`,
          );
        }
      },
    },
  };
}
