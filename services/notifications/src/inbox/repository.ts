import type { Tier } from '@parkmatch/contracts';
import { type Principal, parkFilter } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { type GroupCommit, groupCommit } from '../batching.ts';
import type { InboxEntry } from './entry.ts';

export interface InboxQuery {
  parkId?: string | undefined;
  unread?: boolean | undefined;
  /** createdAt of the last item of the previous page. */
  before?: string | undefined;
  limit: number;
  /** What this reader asked to see (inboxViewFilter). */
  view?: Filter;
}

/** The `inbox` collection: park teams' inbox entries, read only through the caller's park scope. */
export class InboxRepository {
  readonly #inbox: Collection<InboxEntry>;

  private constructor(inbox: Collection<InboxEntry>) {
    this.#inbox = inbox;
  }

  static async open(store: DocumentStore): Promise<InboxRepository> {
    const inbox = store.collection<InboxEntry>('inbox');
    await inbox.createIndex({
      keys: { parkId: 1, createdAt: -1 },
      purpose: "a park team's inbox, newest first",
    });
    await inbox.createIndex({
      keys: { leadId: 1, parkId: 1 },
      purpose: "a lead's entries at a park, to keep its latest score on them",
    });
    await inbox.createIndex({
      keys: { createdAt: 1 },
      purpose: 'the retention purge: entries older than a date',
    });
    await upgradeEntries(inbox);
    return new InboxRepository(inbox);
  }

  /** Adds entries; an entry already there (same idempotency key) is left as it is. */
  async add(entries: readonly InboxEntry[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.#add(entry)));
  }

  /** Inserts of concurrent delivery jobs, committed together (see batching.ts). */
  readonly #add: GroupCommit<InboxEntry> = groupCommit(async (entries) => {
    try {
      await this.#inbox.insertMany(entries);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      for (const entry of entries) {
        try {
          await this.#inbox.insertOne(entry);
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
        }
      }
    }
  });

  /**
   * Puts each lead's newest score at a park on its entries there (those scored before `at`).
   * One query finds which of these leads have entries at all (a lead scored for the first time
   * has none yet), then one update per lead and park that has some.
   */
  async refreshLatest(
    scores: readonly { leadId: string; parkId: string; tier: Tier; score: number; at: string }[],
  ): Promise<void> {
    if (scores.length === 0) return;
    const held = await this.#inbox.find(
      { leadId: { $in: [...new Set(scores.map((s) => s.leadId))] } },
      { projection: { leadId: 1, parkId: 1 } },
    );
    const withEntries = new Set(held.map((entry) => `${entry.leadId}\u0000${entry.parkId}`));
    for (const { leadId, parkId, tier, score, at } of scores) {
      if (!withEntries.has(`${leadId}\u0000${parkId}`)) continue;
      await this.#inbox.updateMany(
        { leadId, parkId, latestAt: { $lt: at } },
        { $set: { tier, score, latestAt: at } },
      );
    }
  }

  /** Removes entries made before `readBefore` that were read, and before `unreadBefore` that were not. */
  purge(readBefore: Date, unreadBefore: Date): Promise<number> {
    return purgeEntries(this.#inbox, readBefore, unreadBefore);
  }

  get(id: string): Promise<InboxEntry | null> {
    return this.#inbox.findOne({ _id: id });
  }

  /** The principal's entries, newest first. */
  list(principal: Principal, query: InboxQuery): Promise<InboxEntry[]> {
    const filter: Filter = { ...parkFilter(principal) };
    if (query.parkId) filter.parkId = query.parkId; // the caller checked the park is in scope
    if (query.unread === true) filter.readAt = null;
    if (query.unread === false) filter.readAt = { $ne: null };
    if (query.before) filter.createdAt = { $lt: query.before };
    const scoped = query.view ? { $and: [filter, query.view] } : filter;
    return this.#inbox.find(scoped, { sort: { createdAt: -1, _id: 1 }, limit: query.limit });
  }

  /** Marks one of the principal's entries read (once); null when it has no such entry. */
  async markRead(principal: Principal, id: string, now: Date): Promise<InboxEntry | null> {
    const scope: Filter = { ...parkFilter(principal), _id: id };
    const existing = await this.#inbox.findOne(scope);
    if (!existing || existing.readAt !== null) return existing;
    const marked = await this.#inbox.findOneAndUpdate(
      { ...scope, readAt: null },
      { $set: { readAt: now.toISOString() } },
    );
    return marked ?? this.#inbox.findOne(scope); // marked read by someone else meanwhile
  }
}

/** Entries written before readers' views existed: addressed to the whole team, announcing their tier. */
async function upgradeEntries(inbox: Collection<InboxEntry>): Promise<void> {
  for (;;) {
    const old = await inbox.find({ audience: { $exists: false } }, { limit: 500 });
    if (old.length === 0) return;
    await inbox.bulkUpdateById(
      old.map((entry) => ({
        _id: entry._id,
        update: {
          $set: {
            audience: ['*'],
            announcedTier: entry.tier,
            latestAt: entry.createdAt,
            lines: { zh: [], en: [] },
          },
        },
      })),
    );
  }
}

/**
 * The retention rule of an inbox (the parks' and the banks'): removes the entries made before
 * `readBefore` that were read, and before `unreadBefore` that were not; returns how many.
 */
export async function purgeEntries(
  entries: Collection<{ _id: string; readAt: string | null; createdAt: string }>,
  readBefore: Date,
  unreadBefore: Date,
): Promise<number> {
  const read = await entries.deleteMany({
    readAt: { $ne: null },
    createdAt: { $lt: readBefore.toISOString() },
  });
  const unread = await entries.deleteMany({ readAt: null, createdAt: { $lt: unreadBefore.toISOString() } });
  return read + unread;
}
