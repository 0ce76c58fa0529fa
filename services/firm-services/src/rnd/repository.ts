import { type OutboxEntry, type OutboxFields, updateWithEvents, withEvents } from '@parkmatch/service-kit';
import {
  type Collection,
  type DocumentStore,
  type Filter,
  NO_OUTBOX,
  type Update,
  withoutOutbox,
} from '@parkmatch/store';
import type { OrderDoc, StoredStatus } from './order.ts';
import type { ServiceDoc } from './service.ts';

/** The `services` collection: the platform's catalogue. */
export class ServiceRepository {
  static readonly COLLECTION = 'services';
  readonly #services: Collection<ServiceDoc>;

  private constructor(services: Collection<ServiceDoc>) {
    this.#services = services;
  }

  static async open(store: DocumentStore): Promise<ServiceRepository> {
    const services = store.collection<ServiceDoc>(ServiceRepository.COLLECTION);
    await services.createIndex({
      keys: { subPlatform: 1, _id: 1 },
      purpose: 'the catalogue by sub-platform',
    });
    await services.createIndex({ keys: { operatorId: 1, _id: 1 }, purpose: 'an operator’s services' });
    return new ServiceRepository(services);
  }

  get(id: string): Promise<ServiceDoc | null> {
    return this.#services.findOne({ _id: id });
  }

  all(filter: Filter = {}): Promise<ServiceDoc[]> {
    return this.#services.find(filter, { sort: { _id: 1 } });
  }

  async put(doc: ServiceDoc): Promise<boolean> {
    const { upsertedId } = await this.#services.replaceOne({ _id: doc._id }, doc, { upsert: true });
    return upsertedId !== undefined;
  }
}

export interface ReportDoc {
  _id: string; // the order id
  name: string;
  contentType: string;
  contentBase64: string;
  sizeBytes: number;
}

/** The `orders` collection (with their events) and `reports` (the files attached to completed orders). */
export class OrderRepository {
  static readonly COLLECTION = 'orders';
  readonly #orders: Collection<OrderDoc & OutboxFields>;
  readonly #reports: Collection<ReportDoc>;

  private constructor(orders: Collection<OrderDoc & OutboxFields>, reports: Collection<ReportDoc>) {
    this.#orders = orders;
    this.#reports = reports;
  }

  static async open(store: DocumentStore): Promise<OrderRepository> {
    const orders = store.collection<OrderDoc & OutboxFields>(OrderRepository.COLLECTION);
    await orders.createIndex({ keys: { leadId: 1, at: -1 }, purpose: 'a firm’s orders, newest first' });
    await orders.createIndex({
      keys: { operatorId: 1, at: -1 },
      purpose: 'an operator’s orders, newest first',
    });
    await orders.createIndex({ keys: { parkId: 1, at: -1 }, purpose: 'a park’s orders, newest first' });
    await orders.createIndex({
      keys: { status: 1, at: 1 },
      purpose: 'the settle sweep: orders waiting on their payment',
    });
    return new OrderRepository(orders, store.collection<ReportDoc>('reports'));
  }

  async insert(order: OrderDoc, events: readonly OutboxEntry[]): Promise<void> {
    await this.#orders.insertOne(withEvents(order, events));
  }

  get(id: string): Promise<OrderDoc | null> {
    return this.#orders.findOne({ _id: id }, { projection: NO_OUTBOX });
  }

  list(filter: Filter, limit = 200): Promise<OrderDoc[]> {
    return this.#orders.find(
      { ...filter, status: { $ne: 'payment-pending' } },
      { sort: { at: -1, _id: -1 }, limit, projection: NO_OUTBOX },
    );
  }

  /** Changes an order still in `from` (compare-and-set on its status); null when it is not. */
  async move(
    id: string,
    from: StoredStatus,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<OrderDoc | null> {
    const changed = await this.#orders.findOneAndUpdate(
      { _id: id, status: from },
      updateWithEvents(update, events),
    );
    return withoutOutbox<OrderDoc>(changed);
  }

  async remove(id: string, status: StoredStatus): Promise<void> {
    await this.#orders.deleteOne({ _id: id, status });
  }

  /** Orders stuck between storing and paying since before `at`; and declined or cancelled ones not refunded yet. */
  unsettled(before: string): Promise<OrderDoc[]> {
    return this.#orders.find(
      {
        $or: [
          { status: 'payment-pending', at: { $lt: before } },
          { status: { $in: ['declined', 'cancelled'] }, voucherCny: { $gt: 0 }, refunded: { $ne: true } },
        ],
      },
      { limit: 200, projection: NO_OUTBOX },
    );
  }

  /** The firm's orders follow it to the park that owns it now. */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#orders.updateMany({ leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }

  async putReport(report: ReportDoc): Promise<void> {
    await this.#reports.replaceOne({ _id: report._id }, report, { upsert: true });
  }

  getReport(orderId: string): Promise<ReportDoc | null> {
    return this.#reports.findOne({ _id: orderId });
  }
}
