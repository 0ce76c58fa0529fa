import type { LeadRevision } from '@parkmatch/contracts';
import type { Collection, DocumentStore } from '@parkmatch/store';

/** The latest revision of a lead's public profile: what re-ranks and explanations read again. */
export interface ProfileDoc {
  _id: string; // leadId
  revision: number;
  profile: LeadRevision['profile'];
  receivedAt: string;
}

/** A stored profile as the engine reads it. */
export const leadOf = (doc: ProfileDoc): LeadRevision => ({
  leadId: doc._id,
  revision: doc.revision,
  profile: doc.profile,
});

/** Matching's copy of every lead's latest public profile (the `profiles` collection). */
export class ProfileRepository {
  readonly #profiles: Collection<ProfileDoc>;

  private constructor(profiles: Collection<ProfileDoc>) {
    this.#profiles = profiles;
  }

  static async open(store: DocumentStore): Promise<ProfileRepository> {
    return new ProfileRepository(store.collection<ProfileDoc>('profiles'));
  }

  /** The stored revision of each of these leads that has one (one query). */
  async revisions(leadIds: readonly string[]): Promise<Map<string, number>> {
    const docs = await this.#profiles.find({ _id: { $in: [...leadIds] } }, { projection: { revision: 1 } });
    return new Map(docs.map((d) => [d._id, d.revision]));
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
    const docs = await this.#profiles.find({ _id: { $in: [...leadIds] } });
    return new Map(docs.map((d) => [d._id, d]));
  }

  count(): Promise<number> {
    return this.#profiles.countDocuments();
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
      const page = await this.#profiles.find(
        { _id: { $gt: cursor, $lte: last._id } },
        { sort: { _id: 1 }, limit: size },
      );
      const end = page.at(-1);
      if (!end) return;
      yield page.map(leadOf);
      cursor = end._id;
    }
  }
}
