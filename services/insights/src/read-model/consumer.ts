import type { EventBus, Subscription } from '@parkmatch/bus';
import { consumeEvents, type Logger, type Metrics } from '@parkmatch/service-kit';
import { READ_MODEL_EVENTS, type ReadModelEvent, type ReadModelEventName } from './events.ts';
import type { ReadModel } from './read-model.ts';

export interface FeedOptions {
  bus: EventBus;
  group: string;
  model: Pick<ReadModel, 'apply'>;
  logger: Logger;
  metrics?: Metrics;
}

/**
 * Feeds the model from every topic it folds, in batches (one store write a batch). A message
 * that does not parse (an unknown version, say) fails its batch; its events then come one at a
 * time and the bad one ends in the dead-letter topic with the reason, nothing of it applied.
 */
export function feedReadModel({ bus, group, model, logger, metrics }: FeedOptions): Promise<Subscription[]> {
  const names = Object.keys(READ_MODEL_EVENTS) as ReadModelEventName[];
  return Promise.all(
    names.map((name) =>
      consumeEvents({
        bus,
        definition: READ_MODEL_EVENTS[name],
        group,
        logger,
        ...(metrics ? { metrics } : {}),
        maxBatchSize: 500,
        handleBatch: async (events) => {
          await model.apply(events.map((event) => ({ name, event }) as ReadModelEvent));
        },
      }),
    ),
  );
}

export async function closeAll(subscriptions: readonly Subscription[]): Promise<void> {
  await Promise.all(subscriptions.map((s) => s.close()));
}
