import type { Collection, Doc, Outbox, OutboxEntry, Update } from './port.ts';

// Transactional outbox: the events announcing a change are committed with the change. A write
// carries them in the changed document's `_outbox` field; each adapter keeps them where it can
// commit them atomically with the document:
// - SQLite takes them out of the document into its outbox table, in the same transaction, so
//   the relay claims and clears small rows and never rewrites the (large) documents;
// - MongoDB keeps them inside the document (single-document atomicity): `embeddedOutbox`.

export interface OutboxFields {
  _outbox?: OutboxEntry[];
  /** Set while entries wait; indexed, so the relay finds them without a scan (embedded outbox). */
  _outboxPending?: true;
  _outboxLease?: { owner: string; until: number };
}

/** The fields the outbox adds to a document (left out of what repositories return). */
export const OUTBOX_FIELDS = ['_outbox', '_outboxPending', '_outboxLease'] as const;

/** The projection that leaves the outbox fields out of a read. */
export const NO_OUTBOX = { _outbox: 0, _outboxPending: 0, _outboxLease: 0 } as const;

/** A document as a write gave it back (findOneAndUpdate), without its outbox fields. */
export function withoutOutbox<T extends object>(doc: (T & OutboxFields) | null): T | null {
  if (!doc) return null;
  const { _outbox, _outboxPending: _pending, _outboxLease: _lease, ...rest } = doc;
  return rest as T;
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

/** A document about to be stored, split into the document without outbox fields and its entries. */
export function splitEvents<T extends Record<string, unknown>>(doc: T): { doc: T; entries: OutboxEntry[] } {
  if (!OUTBOX_FIELDS.some((field) => field in doc)) return { doc, entries: [] };
  const { _outbox, _outboxPending: _pending, _outboxLease: _lease, ...rest } = doc;
  return { doc: rest as T, entries: Array.isArray(_outbox) ? (_outbox as OutboxEntry[]) : [] };
}

type OutboxDoc = Doc & OutboxFields;

/** A document nobody holds: never claimed, or its claim expired (its relay died or stalled). */
const unleased = (now: number) => ({
  $or: [{ _outboxLease: { $exists: false } }, { '_outboxLease.until': { $lt: now } }],
});

/**
 * The outbox inside the documents (MongoDB). A claim finds pending documents, leases them in one
 * write under the owner's token and reads back what it got; a clear empties them in one more
 * write. While a claim holds, writers only append and nobody else removes, so a document whose
 * outbox still has the size it had when read back holds exactly the published entries; one that
 * grew meanwhile loses just those and stays pending for the next claim.
 */
export function embeddedOutbox(collection: Collection<OutboxDoc>): Outbox {
  const claims = new Map<string, OutboxDoc[]>();
  let indexed: Promise<void> | undefined;
  const index = () => {
    indexed ??= collection.createIndex({
      keys: { _outboxPending: 1 },
      purpose: 'outbox relay: documents with events waiting to be published',
    });
    return indexed;
  };

  async function clear(owner: string): Promise<void> {
    const claimed = claims.get(owner) ?? [];
    claims.delete(owner);
    let cleared = 0;
    for (const [size, docs] of Map.groupBy(claimed, (doc) => doc._outbox?.length ?? 0)) {
      const { matched } = await collection.updateMany(
        { _id: { $in: docs.map((doc) => doc._id) }, '_outboxLease.owner': owner, _outbox: { $size: size } },
        { $set: { _outbox: [] }, $unset: { _outboxPending: '', _outboxLease: '' } },
      );
      cleared += matched;
    }
    if (cleared === claimed.length) return;
    const held = new Set(
      (
        await collection.find(
          { _id: { $in: claimed.map((doc) => doc._id) }, '_outboxLease.owner': owner },
          { projection: { _id: 1 } },
        )
      ).map((doc) => doc._id),
    );
    const grown = claimed.filter((doc) => held.has(doc._id));
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

  return {
    async claim(owner, limit, leaseMs) {
      await index();
      const now = Date.now();
      const candidates = await collection.find(
        { _outboxPending: true, ...unleased(now) },
        { limit, projection: { _id: 1 } },
      );
      if (candidates.length === 0) return [];
      const ids = candidates.map((doc) => doc._id);
      const { modified } = await collection.updateMany(
        { _id: { $in: ids }, _outboxPending: true, ...unleased(now) },
        { $set: { _outboxLease: { owner, until: now + leaseMs } } },
      );
      if (modified === 0) return []; // another relay was faster
      const claimed = await collection.find(
        { _id: { $in: ids }, '_outboxLease.owner': owner },
        { projection: { _outbox: 1 } },
      );
      claims.set(owner, claimed);
      return inKeyOrder(claimed);
    },
    clear,
    async release(owner) {
      claims.delete(owner);
      await collection.updateMany({ '_outboxLease.owner': owner }, { $unset: { _outboxLease: '' } });
    },
    async pending() {
      await index();
      return collection.countDocuments({ _outboxPending: true });
    },
    async waiting(docId) {
      await index();
      const filter = docId === undefined ? { _outboxPending: true } : { _id: docId, _outboxPending: true };
      return inKeyOrder(await collection.find(filter, { projection: { _outbox: 1 } }));
    },
  };
}

/**
 * The documents' entries, each document's in its own order, and the documents of one key
 * merged by entry id (the event's UUIDv7, so in the order the events were made).
 */
function inKeyOrder(docs: readonly OutboxDoc[]): OutboxEntry[] {
  const runsByKey = new Map<string, OutboxEntry[][]>();
  for (const doc of docs) {
    const mine = new Map<string, OutboxEntry[]>();
    for (const entry of doc._outbox ?? []) {
      let run = mine.get(entry.key);
      if (!run) {
        run = [];
        mine.set(entry.key, run);
        runsByKey.set(entry.key, [...(runsByKey.get(entry.key) ?? []), run]);
      }
      run.push(entry);
    }
  }
  return [...runsByKey.values()].flatMap(mergeRuns);
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
