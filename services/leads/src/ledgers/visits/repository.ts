import {
  type OutboxEntry,
  type OutboxFields,
  type Principal,
  parkFilter,
  withEvents,
} from '@parkmatch/service-kit';
import type { Collection, DocumentStore } from '@parkmatch/store';
import { NO_OUTBOX } from '@parkmatch/store';
import type { VisitDoc } from './visit.ts';

/** The `visits` collection: visits and talks of the 一企一策 ledgers, each with its event. */
export class VisitRepository {
  static readonly COLLECTION = 'visits';
  readonly #visits: Collection<VisitDoc & OutboxFields>;

  private constructor(visits: Collection<VisitDoc & OutboxFields>) {
    this.#visits = visits;
  }

  static async open(store: DocumentStore): Promise<VisitRepository> {
    const visits = store.collection<VisitDoc & OutboxFields>(VisitRepository.COLLECTION);
    await visits.createIndex({
      keys: { leadId: 1, date: -1, createdAt: -1 },
      purpose: 'a lead’s visits and talks, newest first',
    });
    return new VisitRepository(visits);
  }

  /** Stores a visit with the events announcing it, in one write. */
  async insert(visit: VisitDoc, events: readonly OutboxEntry[]): Promise<void> {
    await this.#visits.insertOne(withEvents(visit, events));
  }

  /** A lead's visits the principal may read, newest first. */
  forLead(principal: Principal, leadId: string): Promise<VisitDoc[]> {
    return this.#visits.find(
      { ...parkFilter(principal), leadId },
      { sort: { date: -1, createdAt: -1, _id: -1 }, projection: NO_OUTBOX },
    );
  }

  /** The lead's visits go with it to the park that owns it now (a transfer). */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#visits.updateMany({ leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }
}
