import type { KafkaBusOptions } from './kafka/bus.ts';
import type { EventBus } from './port.ts';
import { createRedisStreamsBus, type RedisStreamsBusOptions } from './redis-streams/bus.ts';

export type { KafkaBusOptions } from './kafka/bus.ts';
export type {
  BatchHandler,
  BatchOptions,
  BusMessage,
  DeadLetter,
  EventBus,
  MessageHandler,
  ReceivedMessage,
  SubscribeOptions,
  Subscription,
} from './port.ts';
export { createRedisStreamsBus, type RedisStreamsBusOptions };

export type BusConfig = ({ kind: 'redis' } & RedisStreamsBusOptions) | ({ kind: 'kafka' } & KafkaBusOptions);

/**
 * The adapter the configuration names: Redis Streams locally, Kafka at scale. kafkajs is
 * loaded only when Kafka is configured, so a local process does not carry it.
 */
export async function createBus(config: BusConfig): Promise<EventBus> {
  if (config.kind === 'redis') return createRedisStreamsBus(config);
  const { createKafkaBus } = await import('./kafka/bus.ts');
  return createKafkaBus(config);
}
