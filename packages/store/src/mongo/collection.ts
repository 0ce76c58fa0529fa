import { randomUUID } from 'node:crypto';
import {
  type Document,
  type Collection as DriverCollection,
  type Filter as DriverFilter,
  type MongoClient,
  MongoServerError,
  type UpdateFilter,
} from 'mongodb';
import { assertNoCode, assertUpdate } from '../guard.ts';
import {
  type BulkUpdateResult,
  type Collection,
  type Doc,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Update,
  type UpdateById,
  type UpdateOptions,
  type UpdateResult,
} from '../port.ts';

// A thin wrapper over the official driver: the port is MongoDB's own API, so this only
// guards inputs, maps duplicate-key errors and keeps `_id` a string on upsert.

export class MongoCollection<T extends Doc> implements Collection<T> {
  readonly name: string;
  readonly #client: MongoClient;
  readonly #collection: DriverCollection<Doc>;

  constructor(client: MongoClient, collection: DriverCollection<Doc>) {
    this.name = collection.collectionName;
    this.#client = client;
    this.#collection = collection;
  }

  async insertOne(doc: T): Promise<void> {
    await duplicateKeys(() => this.#collection.insertOne(doc));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    // An ordered insertMany keeps the documents before a duplicate; the transaction makes it all
    // or nothing (MongoDB needs a replica set for it, which the outbox relies on anyway).
    await duplicateKeys(() =>
      this.#client.withSession((session) =>
        session.withTransaction(() => this.#collection.insertMany([...docs], { session })),
      ),
    );
  }

  async findOne(filter: Filter, options: Pick<FindOptions, 'projection' | 'sort'> = {}): Promise<T | null> {
    return (await this.#collection.findOne(query(filter), options)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return (await this.#collection.find(query(filter), options).toArray()) as T[];
  }

  countDocuments(filter: Filter = {}): Promise<number> {
    return this.#collection.countDocuments(query(filter));
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    const result = await duplicateKeys(() =>
      this.#collection.updateOne(query(filter), changes(filter, update, options), {
        upsert: options.upsert ?? false,
      }),
    );
    return {
      matched: result.matchedCount,
      modified: result.modifiedCount,
      ...(result.upsertedId === null ? {} : { upsertedId: String(result.upsertedId) }),
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const result = await duplicateKeys(() =>
      this.#collection.updateMany(query(filter), changes(filter, update, {})),
    );
    return { matched: result.matchedCount, modified: result.modifiedCount };
  }

  async bulkUpdateById(ops: readonly UpdateById[]): Promise<BulkUpdateResult> {
    for (const op of ops) assertUpdate(op.update);
    if (ops.length === 0) return { matched: 0, modified: 0, upserted: 0 };
    const result = await duplicateKeys(() =>
      this.#collection.bulkWrite(
        ops.map(({ _id, update, upsert = false }) => ({
          updateOne: { filter: { _id }, update: update as UpdateFilter<Doc>, upsert },
        })),
        { ordered: true },
      ),
    );
    return { matched: result.matchedCount, modified: result.modifiedCount, upserted: result.upsertedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<T | null> {
    const doc = await duplicateKeys(() =>
      this.#collection.findOneAndUpdate(query(filter), changes(filter, update, options), {
        returnDocument: 'after',
        upsert: options.upsert ?? false,
      }),
    );
    return doc as T | null;
  }

  async replaceOne(filter: Filter, doc: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    const result = await duplicateKeys(() =>
      this.#collection.replaceOne(query(filter), doc, { upsert: options.upsert ?? false }),
    );
    return {
      matched: result.matchedCount,
      modified: result.modifiedCount,
      ...(result.upsertedId === null ? {} : { upsertedId: String(result.upsertedId) }),
    };
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.#collection.deleteOne(query(filter))).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.#collection.deleteMany(query(filter))).deletedCount;
  }

  async aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]> {
    assertNoCode(pipeline, 'pipeline');
    return (await this.#collection.aggregate([...pipeline] as Document[]).toArray()) as R[];
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const options = { unique: spec.unique ?? false, ...(spec.name === undefined ? {} : { name: spec.name }) };
    await duplicateKeys(() => this.#collection.createIndex(spec.keys, options));
  }
}

function query(filter: Filter): DriverFilter<Doc> {
  assertNoCode(filter, 'filter');
  return filter as DriverFilter<Doc>;
}

/** The update for the driver; an upsert without an _id in the filter gets a string _id, not an ObjectId. */
function changes(filter: Filter, update: Update, options: UpdateOptions): UpdateFilter<Doc> {
  assertNoCode(update, 'update');
  if (!options.upsert || '_id' in filter || update.$setOnInsert?._id !== undefined)
    return update as UpdateFilter<Doc>;
  return { ...update, $setOnInsert: { ...update.$setOnInsert, _id: randomUUID() } } as UpdateFilter<Doc>;
}

async function duplicateKeys<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 11000) {
      throw new DuplicateKeyError(error.message, { cause: error });
    }
    throw error;
  }
}
