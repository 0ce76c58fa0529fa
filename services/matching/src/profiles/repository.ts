import type { LeadRevision } from '@parkmatch/contracts';
import type { Collection, DocumentStore } from '@parkmatch/store';

/** The latest revision of a lead's public profile: what re-ranks and explanations read again. */
export interface ProfileDoc {
  _id: string; // leadId
  revision: number;
  profile: LeadRevision['profile'];
  receivedAt: string;
}

/**
 * What is left of a withdrawn lead: no profile, a mark that keeps any revision arriving late
 * (topics have no order between them) from being scored again.
 */
interface WithdrawnDoc {
  _id: string;
  withdrawnAt: string;
}

const LIVE = { withdrawnAt: { $exists: false } } as const;

/** What scoring compares a new revision with. */
export type StoredRevision = { revision: number; withdrawn: false } | { withdrawn: true };

/** A stored profile as the engine reads it. */
export const leadOf = (doc: ProfileDoc): LeadRevision => ({
  leadId: doc._id,
  revision: doc.revision,
  profile: doc.profile,
});

/** Matching's copy of every lead's latest public profile (the `profiles` collection). */
export class ProfileRepository {
  readonly #profiles: Collection<ProfileDoc>;
  readonly #withdrawn: Collection<WithdrawnDoc>;

  private constructor(store: DocumentStore) {
    this.#profiles = store.collection<ProfileDoc>('profiles');
    this.#withdrawn = store.collection<WithdrawnDoc>('profiles');
  }

  static async open(store: DocumentStore): Promise<ProfileRepository> {
    return new ProfileRepository(store);
  }

  /** What is stored of each of these leads that has something (one query). */
  async revisions(leadIds: readonly string[]): Promise<Map<string, StoredRevision>> {
    const docs = await this.#profiles.find(
      { _id: { $in: [...leadIds] } },
      { projection: { revision: 1, withdrawnAt: 1 } },
    );
    return new Map(
      docs.map((d): [string, StoredRevision] => [
        d._id,
        'withdrawnAt' in d ? { withdrawn: true } : { revision: d.revision, withdrawn: false },
      ]),
    );
  }

  /** Erases these leads' profiles for good, leaving the withdrawn mark (one write). */
  async withdraw(leadIds: readonly string[], now: Date): Promise<void> {
    if (leadIds.length === 0) return;
    const withdrawnAt = now.toISOString();
    await this.#withdrawn.bulkUpdateById(
      leadIds.map((_id) => ({
        _id,
        update: { $set: { withdrawnAt }, $unset: { profile: '', revision: '', receivedAt: '' } },
        upsert: true,
      })),
    );
  }

  /** Stores these revisions, one write. */
  async save(leads: readonly LeadRevision[], now: Date): Promise<void> {
    if (leads.length === 0) return;
    const receivedAt = now.toISOString();
    await this.#profiles.bulkUpdateById(
      leads.map((lead) => ({
        _id: lead.leadId,
        update: { $set: { revision: lead.revision, profile: lead.profile, receivedAt } },
        upsert: true,
      })),
    );
  }

  async byIds(leadIds: readonly string[]): Promise<Map<string, ProfileDoc>> {
    const docs = await this.#profiles.find({ _id: { $in: [...leadIds] }, ...LIVE });
    return new Map(docs.map((d) => [d._id, d]));
  }

  /** Leads with a profile (withdrawn ones left out). */
  count(): Promise<number> {
    return this.#profiles.countDocuments(LIVE);
  }

  /**
   * Every stored profile after `after` (an _id), in _id order, `size` at a time: a range of
   * the primary key a page, up to the greatest id stored at the start. Lead ids grow with
   * time (UUIDv7), so profiles that arrive meanwhile are not included. No list of every id is
   * held: 100,000 of them, read at once, all survived a young-generation collection and made
   * V8 grow both generations for the rest of a re-rank.
   */
  async *pages({ after = '', size }: { after?: string; size: number }): AsyncGenerator<LeadRevision[]> {
    const [last] = await this.#profiles.find({}, { sort: { _id: -1 }, limit: 1, projection: { _id: 1 } });
    if (!last) return;
    let cursor = after;
    for (;;) {
      // Withdrawn leads are read and skipped: filtering them in the query would make SQLite
      // look past every one of them for a full page.
      const page = await this.#profiles.find(
        { _id: { $gt: cursor, $lte: last._id } },
        { sort: { _id: 1 }, limit: size },
      );
      const end = page.at(-1);
      if (!end) return;
      const live = page.filter((doc) => !('withdrawnAt' in doc));
      if (live.length > 0) yield live.map(leadOf);
      cursor = end._id;
    }
  }
}
