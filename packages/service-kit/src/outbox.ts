import { randomUUID } from 'node:crypto';
import type { EventBus } from '@parkmatch/bus';
import type { EventDefinition, EventOf } from '@parkmatch/contracts';
import type { Doc, DocumentStore, Update } from '@parkmatch/store';
import type { Logger } from './logger.ts';

// Transactional outbox, single-document flavour: the events announcing a change are
// written into the changed document itself, in the same atomic write, so a change
// without its events (or the reverse) cannot be stored. A relay publishes pending
// entries and then removes them. A crash between publish and removal publishes again:
// at least once, and every consumer is idempotent.

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
  batchSize?: number;
  leaseMs?: number;
}

export interface OutboxRelay {
  start(): void;
  /** Run now instead of at the next tick (called right after a write). */
  wake(): void;
  /** Publishes what is pending once; returns how many entries went out. */
  runOnce(): Promise<number>;
  /** Stops after the run in progress. */
  stop(): Promise<void>;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, bus, collections, logger, intervalMs = 250, batchSize = 100, leaseMs = 30_000 } = options;
  const owner = randomUUID();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  async function relayDocument(name: string, id: string): Promise<number> {
    const collection = store.collection<Doc & OutboxFields>(name);
    const now = Date.now();
    const claimed = await collection.findOneAndUpdate(
      {
        _id: id,
        _outboxPending: true,
        $or: [{ _outboxLease: { $exists: false } }, { '_outboxLease.until': { $lt: now } }],
      },
      { $set: { _outboxLease: { owner, until: now + leaseMs } } },
    );
    if (!claimed) return 0;
    const entries = claimed._outbox ?? [];
    for (const group of consecutiveByTopic(entries)) {
      await bus.publish(
        group.topic,
        group.entries.map((e) => ({ key: e.key, value: e.value })),
      );
    }
    await collection.updateOne(
      { _id: id },
      { $pull: { _outbox: { id: { $in: entries.map((e) => e.id) } } }, $unset: { _outboxLease: '' } },
    );
    await collection.updateOne({ _id: id, _outbox: { $size: 0 } }, { $unset: { _outboxPending: '' } });
    return entries.length;
  }

  async function runOnce(): Promise<number> {
    let published = 0;
    for (const name of collections) {
      const pending = await store
        .collection<Doc & OutboxFields>(name)
        .find({ _outboxPending: true }, { limit: batchSize, projection: { _id: 1 } });
      for (const doc of pending) published += await relayDocument(name, doc._id);
    }
    return published;
  }

  async function run(): Promise<void> {
    while (running) {
      let published = 0;
      try {
        published = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'outbox relay run failed; will retry');
      }
      if (published > 0 || woken) {
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
    runOnce,
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}

function consecutiveByTopic(entries: readonly OutboxEntry[]): { topic: string; entries: OutboxEntry[] }[] {
  const groups: { topic: string; entries: OutboxEntry[] }[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.topic === entry.topic) last.entries.push(entry);
    else groups.push({ topic: entry.topic, entries: [entry] });
  }
  return groups;
}
