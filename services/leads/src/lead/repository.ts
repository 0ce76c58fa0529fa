import type { ParkRating } from '@parkmatch/contracts';
import {
  OUTBOX_INDEX,
  type OutboxEntry,
  type OutboxFields,
  updateWithEvents,
  withEvents,
} from '@parkmatch/service-kit';
import type { Collection, DocumentStore, Update } from '@parkmatch/store';
import type { Lead } from './lead.ts';

export type LeadDoc = Lead & OutboxFields;

const NO_OUTBOX = { _outbox: 0, _outboxPending: 0, _outboxLease: 0 } as const;

function withoutOutbox(doc: LeadDoc | null): Lead | null {
  if (!doc) return null;
  const { _outbox, _outboxPending, _outboxLease, ...lead } = doc;
  return lead;
}

/** The `leads` collection: every lead, each with the events announcing its changes. */
export class LeadRepository {
  static readonly COLLECTION = 'leads';
  readonly #leads: Collection<LeadDoc>;

  private constructor(leads: Collection<LeadDoc>) {
    this.#leads = leads;
  }

  static async open(store: DocumentStore): Promise<LeadRepository> {
    const leads = store.collection<LeadDoc>(LeadRepository.COLLECTION);
    await leads.createIndex({
      keys: { 'profile.firm.creditCode': 1 },
      unique: true,
      purpose: 'one profile per firm: a second submission is a conflict, not a duplicate lead',
    });
    await leads.createIndex({ keys: { stage: 1, updatedAt: -1 }, purpose: 'team lists of leads by stage' });
    await leads.createIndex(OUTBOX_INDEX);
    return new LeadRepository(leads);
  }

  /** Throws DuplicateKeyError when the firm (credit code) already has a lead. */
  async insert(lead: Lead, events: readonly OutboxEntry[]): Promise<void> {
    await this.#leads.insertOne(withEvents(lead, events));
  }

  get(id: string): Promise<Lead | null> {
    return this.#leads.findOne({ _id: id }, { projection: NO_OUTBOX });
  }

  /**
   * Applies `update` (with its events) if the lead is still at `revision`: a compare-and-set,
   * so two concurrent writers cannot both win. Returns the lead after the update, or null
   * when it changed meanwhile (or does not exist).
   */
  async updateAt(
    id: string,
    revision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<Lead | null> {
    return withoutOutbox(
      await this.#leads.findOneAndUpdate({ _id: id, revision }, updateWithEvents(update, events)),
    );
  }

  /**
   * A change of the lead's pipeline (owner, liaison, stage) made on `pipelineRevision`:
   * applied with its events and the next revision only if the lead is still at that
   * revision (compare-and-set), so a stale move is refused, never lost. Returns the lead
   * after the change, or null when it changed meanwhile (or does not exist).
   */
  async updatePipeline(
    id: string,
    pipelineRevision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<Lead | null> {
    // Leads stored before the closed loop have no revision yet: they are at 1.
    const atRevision =
      pipelineRevision === 1
        ? { $or: [{ pipelineRevision: 1 }, { pipelineRevision: { $exists: false } }] }
        : { pipelineRevision };
    return withoutOutbox(
      await this.#leads.findOneAndUpdate(
        { _id: id, ...atRevision },
        updateWithEvents(
          { ...update, $set: { ...update.$set, pipelineRevision: pipelineRevision + 1 } },
          events,
        ),
      ),
    );
  }

  /**
   * Records how parks rated leads, many in one write. Idempotent (the same ratings leave
   * the same documents); a rating of a lead this service does not hold is ignored.
   */
  async recordRatings(
    ratings: readonly { leadId: string; parkId: string; rating: ParkRating }[],
  ): Promise<void> {
    if (ratings.length === 0) return;
    await this.#leads.bulkUpdateById(
      ratings.map((r) => ({ _id: r.leadId, update: { $set: { [`parks.${r.parkId}`]: r.rating } } })),
    );
  }
}
