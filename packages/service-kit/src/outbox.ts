import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BusMessage, EventBus } from '@parkmatch/bus';
import type { EventDefinition, EventOf } from '@parkmatch/contracts';
import type { DocumentStore, OutboxEntry } from '@parkmatch/store';
import type { Logger } from './logger.ts';

// Transactional outbox: the events announcing a change are committed with the change (a write
// carries them in the document's `_outbox`, see withEvents / updateWithEvents in the store,
// which keeps them in a table on SQLite and in the document on MongoDB). A relay claims
// pending entries in batches, publishes them and clears them. A crash between publish and
// clear publishes again: at least once, and every consumer is idempotent.

export { type OutboxFields, updateWithEvents, withEvents } from '@parkmatch/store';
export type { OutboxEntry };

export function outboxEntry<D extends EventDefinition>(definition: D, event: EventOf<D>): OutboxEntry {
  return { id: event.id, topic: definition.topic, key: event.key, value: JSON.stringify(event) };
}

export interface OutboxRelayOptions {
  store: DocumentStore;
  bus: EventBus;
  collections: readonly string[];
  logger: Logger;
  intervalMs?: number;
  /**
   * Entries (MongoDB: documents) claimed, published and cleared per round (default 5,000). A
   * relay shares its process with the consumers whose writes fill the outbox and gets a turn
   * between their batches: rounds of 5,000 kept up with matching at 200 profiles/s where rounds
   * of 1,000 fell behind.
   */
  batchSize?: number;
  /** How long a claim keeps other relays off its entries (default 30 s); longer than a round takes. */
  leaseMs?: number;
  /**
   * How long the relay lets writes gather after a wake-up before its round (default 10 ms): at
   * 200 writes a second, rounds of a few entries each instead of a round (a claim and a clear,
   * two transactions) per write.
   */
  gatherMs?: number;
}

export interface OutboxRelay {
  start(): void;
  /** Run now instead of at the next tick (called right after a write). */
  wake(): void;
  /** Relays one batch of every collection; returns how many entries went out. */
  runOnce(): Promise<number>;
  /** What waits per collection (for `outbox_pending` on /metrics): entries, or on MongoDB documents. */
  pendingCount(): Promise<Record<string, number>>;
  /** Stops after the run in progress. */
  stop(): Promise<void>;
}

interface Round {
  /** Entries claimed and published. */
  published: number;
  /** A collection gave a whole batch: more may wait. */
  full: boolean;
}

/**
 * The relay, in batches: per round and collection it claims up to `batchSize` entries under a
 * token of its own with a lease, publishes them with one publish per topic, and clears them. A
 * crash before the clear publishes them again once the lease expires (duplicates only on a
 * crash); a bus failure gives the claim back at once.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const {
    store,
    bus,
    collections,
    logger,
    intervalMs = 250,
    batchSize = 5_000,
    leaseMs = 30_000,
    gatherMs = 10,
  } = options;
  const relayId = randomUUID();
  let rounds = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  async function relayBatch(name: string): Promise<Round> {
    const outbox = store.outbox(name);
    // A token per round: what this round clears is exactly what this round claimed.
    const owner = `${relayId}:${++rounds}`;
    const until = Date.now() + leaseMs;
    const entries = await outbox.claim(owner, batchSize, leaseMs);
    if (entries.length === 0) return { published: 0, full: false };
    try {
      await Promise.all(
        [...messagesByTopic(entries)].map(([topic, messages]) => bus.publish(topic, messages)),
      );
    } catch (error) {
      // Not a crash: give the entries back now instead of when the lease expires.
      await outbox
        .release(owner)
        .catch((releaseError: unknown) => logger.warn({ err: releaseError }, 'outbox lease release failed'));
      throw error;
    }
    if (Date.now() >= until) {
      logger.warn(
        { collection: name, entries: entries.length, leaseMs },
        'outbox round outlasted its lease: another relay may have published the same entries',
      );
    }
    await outbox.clear(owner);
    return { published: entries.length, full: entries.length >= batchSize };
  }

  async function relayAll(): Promise<Round> {
    const all: Round = { published: 0, full: false };
    for (const name of collections) {
      const round = await relayBatch(name);
      all.published += round.published;
      all.full ||= round.full;
    }
    return all;
  }

  async function pendingCount(): Promise<Record<string, number>> {
    const counts = await Promise.all(
      collections.map(async (name) => [name, await store.outbox(name).pending()] as const),
    );
    return Object.fromEntries(counts);
  }

  async function run(): Promise<void> {
    while (running) {
      let full = false;
      try {
        ({ full } = await relayAll());
      } catch (error) {
        logger.error({ err: error }, 'outbox relay run failed; will retry');
      }
      // A whole batch means there may be more: go on at once (a stop during the round: end now).
      if (full || !running) continue;
      // Otherwise until a write wakes it (or one did meanwhile), or the next tick.
      if (!woken) await idle(intervalMs);
      if (woken && running) await sleep(gatherMs);
      woken = false;
    }
  }

  /** Resolves after `ms`, or at once on wake(). */
  function idle(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeUp = undefined;
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    runOnce: async () => (await relayAll()).published,
    pendingCount,
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}

/** One message list per topic, the entries in the order the outbox gave them (per key, as written). */
function messagesByTopic(entries: readonly OutboxEntry[]): Map<string, BusMessage[]> {
  const messages = new Map<string, BusMessage[]>();
  for (const { topic, key, value } of entries) {
    let list = messages.get(topic);
    if (!list) {
      list = [];
      messages.set(topic, list);
    }
    list.push({ key, value });
  }
  return messages;
}
