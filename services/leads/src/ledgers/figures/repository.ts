import {
  type OutboxEntry,
  type OutboxFields,
  type Principal,
  parkFilter,
  updateWithEvents,
  withEvents,
} from '@parkmatch/service-kit';
import type { Collection, DocumentStore, Update } from '@parkmatch/store';
import { NO_OUTBOX, withoutOutbox } from '@parkmatch/store';
import { type FiguresDoc, figuresId } from './figures.ts';

/** The `figures` collection: key firms' monthly figures (重点培育台账), one per lead and month. */
export class FiguresRepository {
  static readonly COLLECTION = 'figures';
  readonly #figures: Collection<FiguresDoc & OutboxFields>;

  private constructor(figures: Collection<FiguresDoc & OutboxFields>) {
    this.#figures = figures;
  }

  static async open(store: DocumentStore): Promise<FiguresRepository> {
    const figures = store.collection<FiguresDoc & OutboxFields>(FiguresRepository.COLLECTION);
    await figures.createIndex({ keys: { leadId: 1, month: -1 }, purpose: 'a lead’s months, newest first' });
    return new FiguresRepository(figures);
  }

  /** A month's entry of a lead, for the one reporting it (access checked on the lead). */
  get(leadId: string, month: string): Promise<FiguresDoc | null> {
    return this.#figures.findOne({ _id: figuresId(leadId, month) }, { projection: NO_OUTBOX });
  }

  /** The month's first entry with its events; throws DuplicateKeyError when one came first. */
  async insert(figures: FiguresDoc, events: readonly OutboxEntry[]): Promise<void> {
    await this.#figures.insertOne(withEvents(figures, events));
  }

  /**
   * Applies `update` (with its events) if the entry is still at `revision`, adding one to it:
   * a compare-and-set. Returns the entry after the update, or null when it changed meanwhile.
   */
  async updateAt(
    id: string,
    revision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<FiguresDoc | null> {
    return withoutOutbox<FiguresDoc>(
      await this.#figures.findOneAndUpdate(
        { _id: id, revision },
        updateWithEvents({ ...update, $set: { ...update.$set, revision: revision + 1 } }, events),
      ),
    );
  }

  /** A lead's months the principal may read, newest first. */
  forLead(principal: Principal, leadId: string): Promise<FiguresDoc[]> {
    return this.#figures.find(
      { ...parkFilter(principal), leadId },
      { sort: { month: -1 }, projection: NO_OUTBOX },
    );
  }

  /** The month's entries of these leads that the principal may read. */
  forMonth(principal: Principal, leadIds: readonly string[], month: string): Promise<FiguresDoc[]> {
    if (leadIds.length === 0) return Promise.resolve([]);
    return this.#figures.find(
      { ...parkFilter(principal), _id: { $in: leadIds.map((leadId) => figuresId(leadId, month)) } },
      { projection: NO_OUTBOX },
    );
  }

  /** The lead's figures go with it to the park that owns it now (a transfer). */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#figures.updateMany({ leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }
}
