import type { EventBus, ReceivedMessage, Subscription } from '@parkmatch/bus';
import { type EventDefinition, type EventOf, parseEvent } from '@parkmatch/contracts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

interface ConsumerSettings<D extends EventDefinition> {
  bus: EventBus;
  definition: D;
  group: string;
  logger: Logger;
  metrics?: Metrics;
  maxAttempts?: number;
  /** A group that does not exist yet starts at the oldest event (default) or only at new ones. */
  fromBeginning?: boolean;
}

export interface EventConsumerOptions<D extends EventDefinition> extends ConsumerSettings<D> {
  handler: (event: EventOf<D>) => Promise<void>;
}

export interface BatchEventConsumerOptions<D extends EventDefinition> extends ConsumerSettings<D> {
  /**
   * Applies a batch of events of one partition, in order (one store write for all of them, say).
   * When it throws, each event comes again alone, in a batch of one, with its own retries.
   */
  handleBatch: (events: EventOf<D>[]) => Promise<void>;
  /** Most events in one batch (default: the bus' 100). */
  maxBatchSize?: number;
}

/**
 * Subscribes to one event type with its schema: a message that does not parse is a poison
 * message and, like a handler that keeps failing, ends in the dead-letter topic.
 */
export function consumeEvent<D extends EventDefinition>(
  options: EventConsumerOptions<D>,
): Promise<Subscription> {
  const { bus, definition, handler } = options;
  const outcome = outcomes(options);
  return bus.subscribe({
    ...settings(options),
    handler: async (message) => {
      try {
        await handler(parseEvent(definition, message.value));
      } catch (error) {
        outcome.failed([message], error);
        throw error;
      }
      outcome.handled(1);
    },
  });
}

/**
 * Subscribes to one event type in batches. Every message is parsed first. When all parse, the
 * batch goes to `handleBatch`. When one does not, none is handled and the batch fails: the bus
 * then hands the messages over one at a time, where the good ones are applied alone and the
 * poison one is retried and dead-lettered as with consumeEvent — so no event is applied twice
 * and per-key order holds, at the cost of one slow batch.
 */
export function consumeEvents<D extends EventDefinition>(
  options: BatchEventConsumerOptions<D>,
): Promise<Subscription> {
  const { bus, definition, handleBatch, maxBatchSize } = options;
  const outcome = outcomes(options);
  return bus.subscribe({
    ...settings(options),
    batch: {
      ...(maxBatchSize ? { maxSize: maxBatchSize } : {}),
      handler: async (messages) => {
        try {
          await handleBatch(messages.map((message) => parseEvent(definition, message.value)));
        } catch (error) {
          outcome.failed(messages, error);
          throw error;
        }
        outcome.handled(messages.length);
      },
    },
  });
}

function settings<D extends EventDefinition>({
  definition,
  group,
  maxAttempts,
  fromBeginning,
}: ConsumerSettings<D>) {
  return {
    topic: definition.topic,
    group,
    ...(maxAttempts ? { maxAttempts } : {}),
    ...(fromBeginning === undefined ? {} : { fromBeginning }),
  };
}

/** The metrics and logs both consumers keep. */
function outcomes<D extends EventDefinition>({ definition, logger, metrics }: ConsumerSettings<D>) {
  const topic = definition.topic;
  return {
    handled(count: number) {
      metrics?.events.inc({ topic, outcome: 'handled' }, count);
    },
    failed(messages: readonly ReceivedMessage[], error: unknown) {
      metrics?.events.inc({ topic, outcome: 'failed' }, messages.length);
      const [first] = messages;
      if (messages.length === 1 && first) {
        logger.warn({ err: error, topic, key: first.key, attempt: first.attempt }, 'event handler failed');
      } else {
        logger.warn(
          { err: error, topic, events: messages.length, partition: first?.partition },
          'event batch failed; handling its events one at a time',
        );
      }
    },
  };
}
