import { type OutboxEntry, type OutboxFields, updateWithEvents, withEvents } from '@parkmatch/service-kit';
import {
  type Collection,
  type DocumentStore,
  type Filter,
  NO_OUTBOX,
  type Update,
  withoutOutbox,
} from '@parkmatch/store';
import type { NeedDoc } from './need.ts';
import type { ProductDoc } from './products.ts';

/** The `products` collection: banks' credit products. */
export class ProductRepository {
  static readonly COLLECTION = 'products';
  readonly #products: Collection<ProductDoc>;

  private constructor(products: Collection<ProductDoc>) {
    this.#products = products;
  }

  static async open(store: DocumentStore): Promise<ProductRepository> {
    const products = store.collection<ProductDoc>(ProductRepository.COLLECTION);
    await products.createIndex({ keys: { bankId: 1, _id: 1 }, purpose: 'a bank’s products' });
    return new ProductRepository(products);
  }

  get(id: string): Promise<ProductDoc | null> {
    return this.#products.findOne({ _id: id });
  }

  /** Every product (a few hundred at most: every need is matched against all of them). */
  all(bankId?: string): Promise<ProductDoc[]> {
    return this.#products.find(bankId ? { bankId } : {}, { sort: { _id: 1 } });
  }

  /** Creates or replaces a product; true when it was created. */
  async put(doc: ProductDoc): Promise<boolean> {
    const { upsertedId } = await this.#products.replaceOne({ _id: doc._id }, doc, { upsert: true });
    return upsertedId !== undefined;
  }
}

/** The `needs` collection: financing needs, each with its pushes and the banks' answers, and its events. */
export class NeedRepository {
  static readonly COLLECTION = 'needs';
  readonly #needs: Collection<NeedDoc & OutboxFields>;

  private constructor(needs: Collection<NeedDoc & OutboxFields>) {
    this.#needs = needs;
  }

  static async open(store: DocumentStore): Promise<NeedRepository> {
    const needs = store.collection<NeedDoc & OutboxFields>(NeedRepository.COLLECTION);
    await needs.createIndex({ keys: { leadId: 1, at: -1 }, purpose: 'a firm’s needs, newest first' });
    await needs.createIndex({ keys: { parkId: 1, at: -1 }, purpose: 'a park’s needs, newest first' });
    await needs.createIndex({
      keys: { bankIds: 1, at: -1 },
      purpose: 'the needs pushed to a bank, newest first',
    });
    return new NeedRepository(needs);
  }

  async insert(need: NeedDoc, events: readonly OutboxEntry[]): Promise<void> {
    await this.#needs.insertOne(withEvents(need, events));
  }

  get(id: string): Promise<NeedDoc | null> {
    return this.#needs.findOne({ _id: id }, { projection: NO_OUTBOX });
  }

  list(filter: Filter, limit = 200): Promise<NeedDoc[]> {
    return this.#needs.find(filter, { sort: { at: -1, _id: -1 }, limit, projection: NO_OUTBOX });
  }

  /** The firm's needs follow it to the park that owns it now (a claim or a transfer). */
  async moveToPark(leadId: string, parkId: string): Promise<void> {
    await this.#needs.updateMany({ leadId, parkId: { $ne: parkId } }, { $set: { parkId } });
  }

  /**
   * A change made on `revision` of the need (compare-and-set): applied with its events only when
   * nobody changed the need since it was read; null otherwise (the caller reads again).
   */
  async update(
    id: string,
    revision: number,
    update: Update,
    events: readonly OutboxEntry[],
  ): Promise<NeedDoc | null> {
    const changed = await this.#needs.findOneAndUpdate(
      { _id: id, revision },
      updateWithEvents({ ...update, $set: { ...update.$set, revision: revision + 1 } }, events),
    );
    return withoutOutbox<NeedDoc>(changed);
  }
}
