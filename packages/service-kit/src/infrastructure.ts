import { createBus, type EventBus } from '@parkmatch/bus';
import { createStore, type DocumentStore } from '@parkmatch/store';
import type { ReadinessCheck } from './app.ts';
import { createTokenService, type TokenService } from './auth.ts';
import type { ServiceConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { type FollowedRevocations, followRevocations } from './revocations.ts';

export interface Infrastructure {
  bus: EventBus;
  store: DocumentStore;
}

/** Opens the bus and store the configuration names; the local adapters warn in production. */
export async function openInfrastructure(config: ServiceConfig, logger: Logger): Promise<Infrastructure> {
  if (config.production && (config.bus.kind === 'redis' || config.store.kind === 'sqlite')) {
    logger.warn(
      { bus: config.bus.kind, store: config.store.kind },
      'running production with a local adapter; use BUS=kafka STORE=mongo at scale',
    );
  }
  const onError = (component: string) => (error: unknown) =>
    logger.error({ err: error, component }, `${component} error`);
  const store = await createStore(config.store, {
    onError: onError('store'),
    onNotice: (message) => logger.info({ component: 'store' }, message),
  });
  const bus = await createBus(
    config.bus.kind === 'kafka'
      ? { ...config.bus, onError: onError('bus') }
      : { ...config.bus, consumerName: config.service, onError: onError('bus') },
  );
  return { bus, store };
}

export interface Runtime extends Infrastructure {
  logger: Logger;
  metrics: Metrics;
  /** Verifies tokens against the revocations below. */
  tokens: TokenService;
  /** Token revocations, kept current from the bus (closed by bus.close, or by its own close). */
  revocations: FollowedRevocations;
  /** The store and the bus; a service adds its own (job queues). */
  readiness: ReadinessCheck[];
}

/** What every service's main.ts starts with: logger, metrics, tokens, bus and store. */
export async function openRuntime(config: ServiceConfig): Promise<Runtime> {
  const logger = createLogger(config.service, config.logLevel);
  const { bus, store } = await openInfrastructure(config, logger);
  const metrics = createMetrics(config.service);
  const revocations = await followRevocations({ bus, store, service: config.service, logger, metrics });
  return {
    logger,
    metrics,
    tokens: createTokenService(config.authSecret, { revocations: revocations.list }),
    revocations,
    bus,
    store,
    readiness: [
      { name: 'store', check: () => store.ping() },
      { name: 'bus', check: () => bus.ping() },
    ],
  };
}
