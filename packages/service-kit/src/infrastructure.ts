import { createBus, type EventBus } from '@parkmatch/bus';
import { createStore, type DocumentStore } from '@parkmatch/store';
import type { ServiceConfig } from './config.ts';
import type { Logger } from './logger.ts';

export interface Infrastructure {
  bus: EventBus;
  store: DocumentStore;
}

/** Opens the bus and store the configuration names; the local adapters warn in production. */
export async function openInfrastructure(config: ServiceConfig, logger: Logger): Promise<Infrastructure> {
  if (config.production && (config.bus.kind === 'redis' || config.store.kind === 'embedded')) {
    logger.warn(
      { bus: config.bus.kind, store: config.store.kind },
      'running production with a local adapter; use BUS=kafka STORE=mongo at scale',
    );
  }
  const store = await createStore(config.store);
  const bus = await createBus(
    config.bus.kind === 'kafka'
      ? { kind: 'kafka', brokers: config.bus.brokers, clientId: config.bus.clientId, partitions: config.bus.partitions }
      : {
          kind: 'redis',
          url: config.bus.url,
          prefix: config.bus.prefix,
          partitions: config.bus.partitions,
          consumerName: config.service,
        },
  );
  return { bus, store };
}
