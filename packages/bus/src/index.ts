import { createKafkaBus, type KafkaBusOptions } from './kafka/bus.ts';
import type { EventBus } from './port.ts';
import { createRedisStreamsBus, type RedisStreamsBusOptions } from './redis-streams/bus.ts';

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
export { createKafkaBus, createRedisStreamsBus, type KafkaBusOptions, type RedisStreamsBusOptions };

export type BusConfig = ({ kind: 'redis' } & RedisStreamsBusOptions) | ({ kind: 'kafka' } & KafkaBusOptions);

/** The adapter the configuration names: Redis Streams locally, Kafka at scale. */
export async function createBus(config: BusConfig): Promise<EventBus> {
  return config.kind === 'kafka' ? createKafkaBus(config) : createRedisStreamsBus(config);
}
