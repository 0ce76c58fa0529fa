import type { EventBus, Subscription } from '@parkmatch/bus';
import { type EventDefinition, type EventOf, parseEvent } from '@parkmatch/contracts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export interface EventConsumerOptions<D extends EventDefinition> {
  bus: EventBus;
  definition: D;
  group: string;
  handler: (event: EventOf<D>) => Promise<void>;
  logger: Logger;
  metrics?: Metrics;
  maxAttempts?: number;
}

/**
 * Subscribes to one event type with its schema: a message that does not parse is a poison
 * message and, like a handler that keeps failing, ends in the dead-letter topic.
 */
export function consumeEvent<D extends EventDefinition>(
  options: EventConsumerOptions<D>,
): Promise<Subscription> {
  const { bus, definition, group, handler, logger, metrics, maxAttempts } = options;
  return bus.subscribe({
    topic: definition.topic,
    group,
    ...(maxAttempts ? { maxAttempts } : {}),
    handler: async (message) => {
      try {
        const event = parseEvent(definition, message.value);
        await handler(event);
        metrics?.events.inc({ topic: definition.topic, outcome: 'handled' });
      } catch (error) {
        metrics?.events.inc({ topic: definition.topic, outcome: 'failed' });
        logger.warn(
          { err: error, topic: definition.topic, key: message.key, attempt: message.attempt },
          'event handler failed',
        );
        throw error;
      }
    },
  });
}
