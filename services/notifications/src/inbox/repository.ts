import { type Principal, parkFilter } from '@parkmatch/service-kit';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import type { InboxEntry } from './entry.ts';

export interface InboxQuery {
  parkId?: string | undefined;
  unread?: boolean | undefined;
  /** createdAt of the last item of the previous page. */
  before?: string | undefined;
  limit: number;
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
    return new InboxRepository(inbox);
  }

  /** Adds entries; an entry already there (same idempotency key) is left as it is. */
  async add(entries: readonly InboxEntry[]): Promise<void> {
    for (const entry of entries) {
      try {
        await this.#inbox.insertOne(entry);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
  }

  /** The principal's entries, newest first. */
  list(principal: Principal, query: InboxQuery): Promise<InboxEntry[]> {
    const filter: Filter = { ...parkFilter(principal) };
    if (query.parkId) filter.parkId = query.parkId; // the caller checked the park is in scope
    if (query.unread === true) filter.readAt = null;
    if (query.unread === false) filter.readAt = { $ne: null };
    if (query.before) filter.createdAt = { $lt: query.before };
    return this.#inbox.find(filter, { sort: { createdAt: -1, _id: 1 }, limit: query.limit });
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
