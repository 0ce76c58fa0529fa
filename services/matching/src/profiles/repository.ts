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
   * Every stored profile after `after` (an _id), in _id order, `size` at a time. The ids are
   * taken once at the start, so profiles that arrive meanwhile are not included.
   */
  async *pages({ after = '', size }: { after?: string; size: number }): AsyncGenerator<LeadRevision[]> {
    const ids = (await this.#profiles.find({ _id: { $gt: after } }, { projection: { _id: 1 } }))
      .map((p) => p._id)
      .sort();
    for (let start = 0; start < ids.length; start += size) {
      const page = await this.#profiles.find({ _id: { $in: ids.slice(start, start + size) } });
      if (page.length > 0) yield page.sort((a, b) => (a._id < b._id ? -1 : 1)).map(leadOf);
    }
  }
}
