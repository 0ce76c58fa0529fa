import type { AppealInput, AppealStatus } from '@parkmatch/contracts';
import {
  type OutboxEntry,
  type OutboxFields,
  type Principal,
  parkFilter,
  updateWithEvents,
  withEvents,
} from '@parkmatch/service-kit';
import type { Collection, DocumentStore, Filter, Update } from '@parkmatch/store';
import { NO_OUTBOX, withoutOutbox } from '@parkmatch/store';
import type { AppealDoc } from './appeal.ts';
import type { AppealPosition } from './cursor.ts';
import { CLOSED_STATUSES, OPEN_STATUSES } from './status.ts';

export interface AppealQuery {
  status?: AppealStatus | undefined;
  category?: AppealInput['category'] | undefined;
  leadId?: string | undefined;
  /** `true`: only appeals not closed and due before `today`; `false`: only the others. */
  overdue?: boolean | undefined;
  today: string;
  after?: AppealPosition | undefined;
  limit: number;
}

/** The `appeals` collection: firms' problems (诉求) in the 一企一策 ledgers, each with its events. */
export class AppealRepository {
  static readonly COLLECTION = 'appeals';
  readonly #appeals: Collection<AppealDoc & OutboxFields>;

  private constructor(appeals: Collection<AppealDoc & OutboxFields>) {
    this.#appeals = appeals;
  }

  static async open(store: DocumentStore): Promise<AppealRepository> {
    const appeals = store.collection<AppealDoc & OutboxFields>(AppealRepository.COLLECTION);
    await appeals.createIndex({
      keys: { parkId: 1, openedAt: -1 },
      purpose: 'a park’s appeals, newest first (by status or category: filtered on the way)',
    });
    await appeals.createIndex({
      keys: { parkId: 1, status: 1, dueOn: 1 },
      purpose: 'a park’s overdue appeals: not closed, due before today',
    });
    await appeals.createIndex({
      keys: { leadId: 1, openedAt: -1 },
      purpose: 'a lead’s appeals, newest first',
    });
    return new AppealRepository(appeals);
  }

  /** Stores a new appeal with the events announcing it, in one write. */
  async insert(appeal: AppealDoc, events: readonly OutboxEntry[]): Promise<void> {
    await this.#appeals.insertOne(withEvents(appeal, events));
  }

  /** An appeal the principal may read, or null. */
  get(principal: Principal, id: string): Promise<AppealDoc | null> {
    return this.#appeals.findOne({ ...parkFilter(principal), _id: id }, { projection: NO_OUTBOX });
  }

  /**
   * Applies `update` (with its events) if the appeal is still at `revision`, adding one to it:
   * a compare-and-set. Returns the appeal after the update, or null when it changed meanwhile.
   */
  async updateAt(
    id: string,
    revision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<AppealDoc | null> {
    return withoutOutbox<AppealDoc>(
      await this.#appeals.findOneAndUpdate(
        { _id: id, revision },
        updateWithEvents({ ...update, $set: { ...update.$set, revision: revision + 1 } }, events),
      ),
    );
  }

  /** A page of the appeals the principal may read, newest first. */
  list(principal: Principal, query: AppealQuery): Promise<AppealDoc[]> {
    const and: Filter[] = [parkFilter(principal)];
    if (query.status) and.push({ status: query.status });
    if (query.category) and.push({ category: query.category });
    if (query.leadId) and.push({ leadId: query.leadId });
    if (query.overdue === true)
      and.push({ status: { $in: [...OPEN_STATUSES] }, dueOn: { $lt: query.today } });
    if (query.overdue === false)
      and.push({ $or: [{ status: { $in: [...CLOSED_STATUSES] } }, { dueOn: { $gte: query.today } }] });
    if (query.after) {
      const { openedAt, id } = query.after;
      and.push({ $or: [{ openedAt: { $lt: openedAt } }, { openedAt, _id: { $lt: id } }] });
    }
    return this.#appeals.find(
      { $and: and },
      { sort: { openedAt: -1, _id: -1 }, limit: query.limit, projection: NO_OUTBOX },
    );
  }

  /** The lead's appeals go with it to the park that owns it now (a transfer). */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#appeals.updateMany({ leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }
}
