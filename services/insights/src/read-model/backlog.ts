import type { EventBus } from '@parkmatch/bus';
import type { Logger, Metrics, ReadinessCheck } from '@parkmatch/service-kit';
import { DEFAULT_MAX_LAG } from '@parkmatch/service-kit';
import { Gauge } from 'prom-client';
import { READ_MODEL_TOPICS } from './events.ts';

// service-kit's watchBacklog for a group that changes: the read model's group moves to a new
// one after a rebuild, so the lag is read for the group served at the time of asking.

export function watchReadModelBacklog(options: {
  bus: Pick<EventBus, 'lag'>;
  group: () => string;
  metrics: Metrics;
  logger: Logger;
  maxLag?: number;
}): ReadinessCheck {
  const { bus, group, metrics, logger, maxLag = DEFAULT_MAX_LAG } = options;
  const read = () => {
    const name = group();
    return Promise.all(
      READ_MODEL_TOPICS.map(async (topic) => ({ topic, group: name, messages: await bus.lag(topic, name) })),
    );
  };
  const gauge: Gauge<'topic' | 'group'> = new Gauge({
    name: 'bus_consumer_lag',
    help: 'Messages a consumer group has not finished with, per topic (undelivered plus unacknowledged)',
    labelNames: ['topic', 'group'] as const,
    registers: [metrics.registry],
    collect: async () => {
      gauge.reset();
      try {
        for (const { topic, group: g, messages } of await read()) gauge.set({ topic, group: g }, messages);
      } catch (error) {
        logger.warn({ err: error }, 'consumer lag could not be read for /metrics');
      }
    },
  });
  return {
    name: 'backlog',
    check: async () => {
      const behind = (await read()).filter((l) => l.messages > maxLag);
      if (behind.length > 0)
        throw new Error(
          `far behind: ${behind.map((l) => `group ${l.group} is ${l.messages} messages behind on ${l.topic}`).join('; ')}`,
        );
    },
  };
}
