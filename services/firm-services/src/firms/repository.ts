import type { LeadRevision } from '@parkmatch/contracts';
import { type Collection, type DocumentStore, DuplicateKeyError, type Filter } from '@parkmatch/store';
import { type FirmDoc, profileFacts } from './facts.ts';

/**
 * The `firms` collection: each firm's facts, folded from the leads service's events. Every
 * write is idempotent and order-safe: a profile applies only when newer, an owner park or a
 * liaison only when it happened later than the one kept.
 */
export class FirmRepository {
  static readonly COLLECTION = 'firms';
  readonly #firms: Collection<FirmDoc>;

  private constructor(firms: Collection<FirmDoc>) {
    this.#firms = firms;
  }

  static async open(store: DocumentStore): Promise<FirmRepository> {
    const firms = store.collection<FirmDoc>(FirmRepository.COLLECTION);
    await firms.createIndex({ keys: { parkId: 1, _id: 1 }, purpose: 'a park’s firms (voucher lists)' });
    return new FirmRepository(firms);
  }

  get(leadId: string): Promise<FirmDoc | null> {
    return this.#firms.findOne({ _id: leadId });
  }

  async applyRevision(revision: LeadRevision): Promise<void> {
    const facts = profileFacts(revision);
    const older: Filter = {
      _id: revision.leadId,
      $or: [{ revision: { $exists: false } }, { revision: { $lt: revision.revision } }],
    };
    const { matched } = await this.#firms.updateOne(older, { $set: facts });
    if (matched > 0) return;
    await this.#insertOrNot({ _id: revision.leadId, ...facts });
  }

  /** Records the sectors each park's score found, many scores in one write (later ones win). */
  async setScoredSectors(
    scores: readonly { leadId: string; parkId: string; sectors: string[] }[],
  ): Promise<void> {
    const byLead = new Map<string, Record<string, string[]>>();
    for (const { leadId, parkId, sectors } of scores)
      byLead.set(leadId, { ...byLead.get(leadId), [`scoredSectors.${parkId}`]: sectors });
    if (byLead.size === 0) return;
    await this.#firms.bulkUpdateById(
      [...byLead].map(([_id, $set]) => ({ _id, update: { $set }, upsert: true })),
    );
  }

  async setOwner(leadId: string, parkId: string, at: string): Promise<void> {
    await this.#setLater(leadId, 'parkSince', at, { parkId, parkSince: at });
  }

  /**
   * A transfer: the receiving park owns the firm from `at`, and a liaison the former park named
   * before it is not the firm's any more (a bank's answer must not reach another park's person).
   */
  async transfer(leadId: string, parkId: string, at: string): Promise<void> {
    await this.setOwner(leadId, parkId, at);
    await this.#firms.updateOne(
      { _id: leadId, liaisonSince: { $lt: at } },
      { $unset: { liaison: '', liaisonSince: '' } },
    );
  }

  /** The liaison, when it is the latest and was named since the firm's park owns it (a late one of a former park is not). */
  async setLiaison(leadId: string, liaison: string, at: string): Promise<void> {
    const { matched } = await this.#firms.updateOne(
      {
        _id: leadId,
        $and: [
          { $or: [{ liaisonSince: { $exists: false } }, { liaisonSince: { $lt: at } }] },
          { $or: [{ parkSince: { $exists: false } }, { parkSince: { $lte: at } }] },
        ],
      },
      { $set: { liaison, liaisonSince: at } },
    );
    if (matched === 0) await this.#insertOrNot({ _id: leadId, liaison, liaisonSince: at });
  }

  async setWithdrawn(leadId: string): Promise<void> {
    await this.#firms.updateOne({ _id: leadId }, { $set: { withdrawn: true } }, { upsert: true });
  }

  /** Tests and demo data: a firm's facts straight into the store. */
  async put(doc: FirmDoc): Promise<void> {
    await this.#firms.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  async #setLater(leadId: string, field: string, at: string, fields: Partial<FirmDoc>): Promise<void> {
    const { matched } = await this.#firms.updateOne(
      { _id: leadId, $or: [{ [field]: { $exists: false } }, { [field]: { $lt: at } }] },
      { $set: fields },
    );
    if (matched > 0) return;
    await this.#insertOrNot({ _id: leadId, ...fields });
  }

  /** Inserts a firm first heard of; when it exists (newer facts kept it from the update), nothing. */
  async #insertOrNot(doc: FirmDoc): Promise<void> {
    try {
      await this.#firms.insertOne(doc);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
}
