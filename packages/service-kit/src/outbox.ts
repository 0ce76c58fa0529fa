import { randomUUID } from 'node:crypto';
import type { BusMessage, EventBus } from '@parkmatch/bus';
import type { EventDefinition, EventOf } from '@parkmatch/contracts';
import type { Collection, Doc, DocumentStore, Update } from '@parkmatch/store';
import type { Logger } from './logger.ts';

// Transactional outbox, single-document flavour: the events announcing a change are
// written into the changed document itself, in the same atomic write, so a change
// without its events (or the reverse) cannot be stored. A relay publishes pending
// entries, many documents at a time, and then removes them. A crash between publish and
// removal publishes again: at least once, and every consumer is idempotent.

export interface OutboxEntry {
  id: string;
  topic: string;
  key: string;
  value: string;
}

export interface OutboxFields {
  _outbox?: OutboxEntry[];
  /** Set while entries wait; indexed, so the relay finds them without a scan. */
  _outboxPending?: true;
  _outboxLease?: { owner: string; until: number };
}

export function outboxEntry<D extends EventDefinition>(definition: D, event: EventOf<D>): OutboxEntry {
  return { id: event.id, topic: definition.topic, key: event.key, value: JSON.stringify(event) };
}

/** A new document carrying the events that announce it. */
export function withEvents<T extends Doc>(doc: T, entries: readonly OutboxEntry[]): T & OutboxFields {
  return entries.length === 0 ? doc : { ...doc, _outbox: [...entries], _outboxPending: true };
}

/** An update that also appends events to the document's outbox (never replaces pending ones). */
export function updateWithEvents(update: Update, entries: readonly OutboxEntry[]): Update {
  if (entries.length === 0) return update;
  return {
    ...update,
    $set: { ...update.$set, _outboxPending: true },
    $push: { ...update.$push, _outbox: { $each: [...entries] } },
  };
}

export const OUTBOX_INDEX = {
  keys: { _outboxPending: 1 },
  purpose: 'outbox relay: documents with events waiting to be published',
} as const;

export interface OutboxRelayOptions {
  store: DocumentStore;
  bus: EventBus;
  collections: readonly string[];
  logger: Logger;
  intervalMs?: number;
  /** Documents claimed, published and cleared per round (default 500). */
  batchSize?: number;
  /** How long a claim keeps other relays off the documents (default 30 s); longer than a round takes. */
  leaseMs?: number;
}

export interface OutboxRelay {
  start(): void;
  /** Run now instead of at the next tick (called right after a write). */
  wake(): void;
  /** Relays one batch of every collection; returns how many entries went out. */
  runOnce(): Promise<number>;
  /** Documents with events waiting, per collection (for `outbox_pending` on /metrics). */
  pendingCount(): Promise<Record<string, number>>;
  /** Stops after the run in progress. */
  stop(): Promise<void>;
}

type OutboxDoc = Doc & OutboxFields;

interface Round {
  /** Unleased pending documents found. */
  found: number;
  /** Entries published. */
  published: number;
}

/** A document nobody holds: never claimed, or its claim expired (its relay died or stalled). */
const unleased = (now: number) => ({
  $or: [{ _outboxLease: { $exists: false } }, { '_outboxLease.until': { $lt: now } }],
});

/**
 * The relay, in batches: per round and collection it finds up to `batchSize` pending documents,
 * claims them in one write with a lease under a token of its own, reads back what it got,
 * publishes their entries with one publish per topic, and clears them in one more write (see
 * clear()). A crash before the clear publishes the entries again once the lease expires
 * (duplicates only on a crash); entries a writer pushes after the read-back keep the document
 * flagged for a next round; a claimed document is published by its claimant only, until the
 * lease expires.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, bus, collections, logger, intervalMs = 250, batchSize = 500, leaseMs = 30_000 } = options;
  const relayId = randomUUID();
  let rounds = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  async function relayBatch(name: string): Promise<Round> {
    const collection = store.collection<OutboxDoc>(name);
    const now = Date.now();
    const candidates = await collection.find(
      { _outboxPending: true, ...unleased(now) },
      { limit: batchSize, projection: { _id: 1 } },
    );
    if (candidates.length === 0) return { found: 0, published: 0 };
    const ids = candidates.map((doc) => doc._id);
    // A token per round: what this round reads back is exactly what this round claimed.
    const lease = { owner: `${relayId}:${++rounds}`, until: now + leaseMs };
    const { modified } = await collection.updateMany(
      { _id: { $in: ids }, _outboxPending: true, ...unleased(now) },
      { $set: { _outboxLease: lease } },
    );
    if (modified === 0) return { found: candidates.length, published: 0 }; // another relay was faster
    const claimed = await collection.find(
      { _id: { $in: ids }, '_outboxLease.owner': lease.owner },
      { projection: { _outbox: 1 } },
    );
    const published = claimed.flatMap((doc) => doc._outbox ?? []);
    try {
      await Promise.all(
        [...messagesByTopic(claimed)].map(([topic, messages]) => bus.publish(topic, messages)),
      );
    } catch (error) {
      // Not a crash: give the documents back now instead of when the lease expires.
      await collection
        .updateMany(
          { _id: { $in: ids }, '_outboxLease.owner': lease.owner },
          { $unset: { _outboxLease: '' } },
        )
        .catch((releaseError: unknown) => logger.warn({ err: releaseError }, 'outbox lease release failed'));
      throw error;
    }
    if (Date.now() >= lease.until) {
      logger.warn(
        { collection: name, documents: claimed.length, leaseMs },
        'outbox round outlasted its lease: another relay may have published the same entries',
      );
    }
    await clear(collection, claimed, lease.owner);
    return { found: candidates.length, published: published.length };
  }

  /**
   * Removes the published entries and the claim. While the claim holds, writers only append to
   * an outbox and nobody else removes from it, so a document whose outbox still has the size it
   * had when read back holds exactly the published entries: it is emptied and unflagged in one
   * write per size (usually one, and no costly $pull). A document that grew meanwhile loses just
   * the published entries and stays flagged for the next round. A document whose claim was lost
   * (the round outlasted its lease) is left to its new holder.
   */
  async function clear(collection: Collection<OutboxDoc>, claimed: readonly OutboxDoc[], owner: string) {
    const bySize = Map.groupBy(claimed, (doc) => doc._outbox?.length ?? 0);
    let cleared = 0;
    for (const [size, docs] of bySize) {
      const { matched } = await collection.updateMany(
        { _id: { $in: docs.map((doc) => doc._id) }, '_outboxLease.owner': owner, _outbox: { $size: size } },
        { $set: { _outbox: [] }, $unset: { _outboxPending: '', _outboxLease: '' } },
      );
      cleared += matched;
    }
    if (cleared === claimed.length) return;
    const held = await collection.find(
      { _id: { $in: claimed.map((doc) => doc._id) }, '_outboxLease.owner': owner },
      { projection: { _id: 1 } },
    );
    const stillHeld = new Set(held.map((doc) => doc._id));
    const grown = claimed.filter((doc) => stillHeld.has(doc._id));
    if (grown.length === 0) return;
    await collection.bulkUpdateById(
      grown.map((doc) => ({
        _id: doc._id,
        update: {
          $pull: { _outbox: { id: { $in: (doc._outbox ?? []).map((e) => e.id) } } },
          $unset: { _outboxLease: '' },
        },
      })),
    );
    // Only a document left without entries (an odd one, flagged with no outbox) is unflagged here.
    await collection.updateMany(
      {
        _id: { $in: grown.map((doc) => doc._id) },
        _outboxPending: true,
        $or: [{ _outbox: { $size: 0 } }, { _outbox: { $exists: false } }],
      },
      { $unset: { _outboxPending: '' } },
    );
  }

  async function relayAll(): Promise<Round> {
    const total: Round = { found: 0, published: 0 };
    for (const name of collections) {
      const round = await relayBatch(name);
      total.found += round.found;
      total.published += round.published;
    }
    return total;
  }

  async function pendingCount(): Promise<Record<string, number>> {
    const counts = await Promise.all(
      collections.map(
        async (name) =>
          [name, await store.collection<OutboxDoc>(name).countDocuments({ _outboxPending: true })] as const,
      ),
    );
    return Object.fromEntries(counts);
  }

  async function run(): Promise<void> {
    while (running) {
      let found = 0;
      try {
        ({ found } = await relayAll());
      } catch (error) {
        logger.error({ err: error }, 'outbox relay run failed; will retry');
      }
      // Anything found (relayed, or just taken by another relay) means there may be more: go on.
      if (found > 0 || woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
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

/**
 * One message list per topic, keyed by the entry's key. A document's entries keep their order;
 * documents of one key are merged by entry id (the event's UUIDv7, so in the order the events
 * were made), as a document at a time used to publish them.
 */
function messagesByTopic(docs: readonly OutboxDoc[]): Map<string, BusMessage[]> {
  // topic -> key -> one run of entries per document, each in the document's order
  const runs = new Map<string, Map<string, OutboxEntry[][]>>();
  for (const doc of docs) {
    const mine = new Map<string, OutboxEntry[]>();
    for (const entry of doc._outbox ?? []) {
      const id = `${entry.topic}\u0000${entry.key}`;
      let run = mine.get(id);
      if (!run) {
        run = [];
        mine.set(id, run);
        const byKey = runs.get(entry.topic) ?? new Map<string, OutboxEntry[][]>();
        runs.set(entry.topic, byKey);
        byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), run]);
      }
      run.push(entry);
    }
  }
  const messages = new Map<string, BusMessage[]>();
  for (const [topic, byKey] of runs) {
    const list: BusMessage[] = [];
    for (const keyRuns of byKey.values()) {
      for (const entry of mergeRuns(keyRuns)) list.push({ key: entry.key, value: entry.value });
    }
    messages.set(topic, list);
  }
  return messages;
}

/** Merges runs by entry id, each run's entries taken in its own order (runs are few and short). */
function mergeRuns(runs: readonly OutboxEntry[][]): OutboxEntry[] {
  if (runs.length === 1) return runs[0] ?? [];
  const queues = runs.map((run) => [...run]);
  const merged: OutboxEntry[] = [];
  for (;;) {
    let next: OutboxEntry[] | undefined;
    for (const queue of queues) {
      const head = queue[0];
      if (head && (!next?.[0] || head.id < next[0].id)) next = queue;
    }
    const entry = next?.shift();
    if (!entry) return merged;
    merged.push(entry);
  }
}
