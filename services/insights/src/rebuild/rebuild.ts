import { randomUUID } from 'node:crypto';
import type { EventBus } from '@parkmatch/bus';
import type { Logger } from '@parkmatch/service-kit';
import type { DocumentStore } from '@parkmatch/store';
import { closeAll, feedReadModel } from '../read-model/consumer.ts';
import { READ_MODEL_TOPICS } from '../read-model/events.ts';
import { type GenerationRepository, rebuildGroup } from '../read-model/generation.ts';
import { ReadModel } from '../read-model/read-model.ts';
import { LeadStateRepository } from '../read-model/repository.ts';

// Rebuilds the read model from the event history: a fresh consumer group reads every topic
// from its first event into the next generation's empty collection; once that group has
// caught up on every topic, the generation is activated and the running service swaps to it
// (and follows the same group from there on, so nothing published meanwhile is missed).

export interface RebuildDeps {
  bus: EventBus;
  store: DocumentStore;
  generations: GenerationRepository;
  logger: Logger;
  /**
   * `empty` (default): from nothing, every event from the first the bus still holds. `active`: from
   * a snapshot, the states of the generation now served, then every event the bus holds: for a
   * Kafka whose retention no longer reaches back to the first event. The fold is idempotent and
   * order-free, so events the snapshot already holds change nothing.
   */
  from?: 'empty' | 'active';
  /** How often the lag is read while catching up (default 250 ms). */
  pollMs?: number;
  /** Gives up after this long (default 30 minutes). */
  timeoutMs?: number;
}

export interface RebuildResult {
  generation: number;
  group: string;
  events: number;
  leads: number;
  tookMs: number;
}

async function lagOf(bus: EventBus, group: string): Promise<number> {
  const lags = await Promise.all(READ_MODEL_TOPICS.map((topic) => bus.lag(topic, group)));
  return lags.reduce((sum, n) => sum + n, 0);
}

export async function rebuildReadModel(deps: RebuildDeps): Promise<RebuildResult> {
  const { bus, store, generations, logger, from = 'empty', pollMs = 250, timeoutMs = 30 * 60_000 } = deps;
  const started = performance.now();
  const active = await generations.active();
  const generation = active.generation + 1;
  const group = rebuildGroup(generation, randomUUID().slice(0, 8));
  const repository = await LeadStateRepository.open(store, generation);
  await repository.clear(); // what an earlier, unfinished rebuild left
  if (from === 'active') {
    const snapshot = await LeadStateRepository.open(store, active.generation);
    for await (const page of snapshot.pages()) await repository.write(page);
  }
  const model = await ReadModel.load(repository);
  logger.info({ generation, group, from }, 'rebuilding the read model from the first event of every topic');

  const subscriptions = await feedReadModel({ bus, group, model, logger });
  try {
    const deadline = Date.now() + timeoutMs;
    // Caught up: no message of any topic left for the group, twice in a row.
    let quiet = 0;
    while (quiet < 2) {
      if (Date.now() > deadline) throw new Error(`the rebuild did not catch up within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      quiet = (await lagOf(bus, group)) === 0 ? quiet + 1 : 0;
    }
  } finally {
    await closeAll(subscriptions);
  }
  const tookMs = Math.round(performance.now() - started);
  const result = { generation, group, events: model.eventsSeen, leads: model.size, tookMs };
  await generations.activate({
    generation,
    group,
    activatedAt: new Date().toISOString(),
    rebuilt: { events: result.events, leads: result.leads, tookMs },
  });
  logger.info(result, 'read model rebuilt and activated');
  return result;
}
