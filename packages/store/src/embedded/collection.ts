import { isDeepStrictEqual } from 'node:util';
import { Aggregator, Query } from 'mingo';
import { assertNoCode, assertUpdate } from '../guard.ts';
import {
  type BulkUpdateResult,
  type Collection,
  type Doc,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Projection,
  type Update,
  type UpdateById,
  type UpdateOptions,
  type UpdateResult,
} from '../port.ts';
import { toNedbQuery } from './filter.ts';
import { mingoOptions } from './mingo.ts';
import { Mutex } from './mutex.ts';
import { type Datastore, scan, writeBatch } from './nedb.ts';
import { sortDocuments } from './sort.ts';
import { applyUpdate, upsertDocument } from './update.ts';

// One collection = one nedb datastore (one datafile). nedb keeps the documents and indexes
// in memory and appends every change to the datafile before its promise resolves.
// Every write goes through one mutex, so a read-modify-write (updates, findOneAndUpdate,
// upserts) is atomic against every other write in this process.

/** A stored document as the adapter handles it internally. */
type Stored = Doc & Record<string, unknown>;

/** nedb's index table: not in its type definitions, read to keep unique constraints honest. */
type NedbIndexes = { indexes: Record<string, { unique: boolean }> };

const NOTHING: UpdateResult = { matched: 0, modified: 0 };

export class EmbeddedCollection<T extends Doc> implements Collection<T> {
  readonly name: string;
  readonly #db: Datastore<Doc>;
  readonly #loaded: Promise<void>;
  readonly #writes = new Mutex();
  #closed = false;

  constructor(name: string, db: Datastore<Doc>) {
    this.name = name;
    this.#db = db;
    this.#loaded = db.loadDatabaseAsync();
    this.#loaded.catch(() => undefined); // reported by the first operation that waits for it
  }

  async insertOne(doc: T): Promise<void> {
    return this.#write(async () => {
      await this.#db.insertAsync(doc);
    });
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    // nedb indexes a batch all or nothing: a duplicate rolls the whole batch back.
    return this.#write(async () => {
      if (docs.length > 0) await this.#db.insertAsync([...docs]);
    });
  }

  async findOne(filter: Filter, options: Pick<FindOptions, 'projection' | 'sort'> = {}): Promise<T | null> {
    const [doc] = await this.find(filter, { ...options, limit: 1 });
    return doc ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.#ready();
    const { sort, skip = 0, limit = 0, projection } = options;
    const query = toNedbQuery(filter);
    if (!sort || Object.keys(sort).length === 0) {
      const cursor = this.#db.findAsync(query);
      if (skip) cursor.skip(skip);
      if (limit) cursor.limit(limit);
      return project((await cursor) as unknown as T[], projection);
    }
    // Sorted: pick the page from the live matches, then copy only that page.
    const page = await scan(this.#db, query, (matches) =>
      sortDocuments(matches, sort, limit ? skip + limit : undefined)
        .slice(skip)
        .map((doc) => structuredClone(doc)),
    );
    return project(page as T[], projection);
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    await this.#ready();
    return (await this.#db.countAsync(toNedbQuery(filter))) as unknown as number;
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    const { result } = await this.#updateFirst(filter, update, options);
    return result;
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertUpdate(update);
    return this.#write(async () => {
      const docs = await this.#findRaw(filter);
      const changed = docs.filter((doc) => applyUpdate(doc, update, false));
      await writeBatch(this.#db, [], changed);
      return { matched: docs.length, modified: changed.length };
    });
  }

  async bulkUpdateById(ops: readonly UpdateById[]): Promise<BulkUpdateResult> {
    for (const op of ops) assertUpdate(op.update);
    return this.#write(async () => {
      const ids = [...new Set(ops.map((op) => op._id))];
      const stored = new Map((await this.#findRaw({ _id: { $in: ids } })).map((doc) => [doc._id, doc]));
      const inserted = new Map<string, Stored>();
      const replaced = new Map<string, Stored>();
      const result = { matched: 0, modified: 0, upserted: 0 };
      for (const { _id, update, upsert } of ops) {
        const doc = inserted.get(_id) ?? stored.get(_id);
        if (!doc) {
          if (!upsert) continue;
          inserted.set(_id, upsertDocument({ _id }, update));
          result.upserted++;
          continue;
        }
        result.matched++;
        if (!applyUpdate(doc, update, false)) continue;
        result.modified++;
        if (!inserted.has(_id)) replaced.set(_id, doc);
      }
      await writeBatch(this.#db, [...inserted.values()], [...replaced.values()]);
      return result;
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<T | null> {
    const { doc } = await this.#updateFirst(filter, update, options);
    return doc;
  }

  async replaceOne(filter: Filter, doc: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.#write(async () => {
      const [current] = await this.#findRaw(filter, 1);
      if (!current) {
        if (!options.upsert) return NOTHING;
        await this.#db.insertAsync(doc);
        return { matched: 0, modified: 0, upsertedId: doc._id };
      }
      if (doc._id !== current._id) throw new Error('replaceOne cannot change _id');
      if (isDeepStrictEqual(current, doc)) return { matched: 1, modified: 0 };
      await writeBatch(this.#db, [], [doc]);
      return { matched: 1, modified: 1 };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.#write(() => this.#db.removeAsync(toNedbQuery(filter), { multi: false }));
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.#write(() => this.#db.removeAsync(toNedbQuery(filter), { multi: true }));
  }

  async aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]> {
    assertNoCode(pipeline, 'pipeline');
    await this.#ready();
    // Leading $match stages become the nedb query (indexes apply); mingo runs the rest on copies.
    const stages = [...pipeline];
    const matches: Filter[] = [];
    while (stages[0] && Object.keys(stages[0]).length === 1 && '$match' in stages[0]) {
      matches.push(stages.shift()?.$match as Filter);
    }
    const input = await this.#findRaw(matches.length > 1 ? { $and: matches } : (matches[0] ?? {}));
    return new Aggregator(stages, mingoOptions).run(input) as R[];
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    // nedb uses an index only to look up equal values ($in, ranges on single fields), never to
    // sort, and a compound index only when every field is given. So a compound index becomes an
    // index on its first field (what prefix queries need) plus, when unique, the compound constraint.
    // Non-unique indexes are sparse: a document without the field would otherwise sit in one huge
    // index bucket that every update of such a document rewrites.
    const fields = Object.keys(spec.keys);
    const [first] = fields;
    if (first === undefined) throw new Error('createIndex needs at least one key');
    return this.#write(async () => {
      if (spec.unique) await this.#ensureIndex(fields.length === 1 ? first : fields, true);
      if (!spec.unique || fields.length > 1) await this.#ensureIndex(first, false);
    });
  }

  /** Throws when the datafile could not be loaded (or the store is closed). */
  async ping(): Promise<void> {
    await this.#ready();
  }

  /** Waits for pending writes, then compacts the datafile (faster next start) and refuses further use. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writes.run(async () => undefined);
    if (await this.#loaded.then(() => true).catch(() => false)) await this.#db.compactDatafileAsync();
  }

  /** Rewrites the datafile with only the live documents (nedb queues it behind pending operations). */
  async compact(): Promise<void> {
    await this.#ready();
    await this.#db.compactDatafileAsync();
  }

  async #updateFirst(
    filter: Filter,
    update: Update,
    options: UpdateOptions,
  ): Promise<{ result: UpdateResult; doc: T | null }> {
    assertUpdate(update);
    return this.#write(async () => {
      const [doc] = await this.#findRaw(filter, 1);
      if (!doc) {
        if (!options.upsert) return { result: NOTHING, doc: null };
        const inserted = upsertDocument(filter, update);
        await this.#db.insertAsync(inserted);
        return { result: { matched: 0, modified: 0, upsertedId: inserted._id }, doc: inserted as T };
      }
      const changed = applyUpdate(doc, update, false);
      if (changed) await writeBatch(this.#db, [], [doc]);
      return { result: { matched: 1, modified: changed ? 1 : 0 }, doc: doc as T };
    });
  }

  /** Deep copies of the matching documents (nedb copies what it returns). */
  async #findRaw(filter: Filter, limit?: number): Promise<Stored[]> {
    const cursor = this.#db.findAsync(toNedbQuery(filter));
    if (limit) cursor.limit(limit);
    return (await cursor) as unknown as Stored[];
  }

  async #ensureIndex(fieldName: string | string[], unique: boolean): Promise<void> {
    const name = [fieldName].flat().sort().join(',');
    const existing = (this.#db as unknown as NedbIndexes).indexes[name];
    if (existing && (existing.unique || !unique)) return; // a unique index also serves plain lookups
    if (existing) await this.#db.removeIndexAsync(name);
    await this.#db.ensureIndexAsync({ fieldName, unique, sparse: !unique });
  }

  async #ready(): Promise<void> {
    if (this.#closed) throw new Error(`collection ${this.name}: the store is closed`);
    await this.#loaded;
  }

  async #write<R>(task: () => Promise<R>): Promise<R> {
    await this.#ready();
    return this.#writes.run(async () => {
      try {
        return await task();
      } catch (error) {
        throw toDuplicateKeyError(error, this.name) ?? error;
      }
    });
  }
}

function project<T>(docs: T[], projection: Projection | undefined): T[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}, mingoOptions).find<T>(docs, projection).all();
}

function toDuplicateKeyError(error: unknown, collection: string): DuplicateKeyError | undefined {
  if (!(error instanceof Error) || (error as { errorType?: string }).errorType !== 'uniqueViolated') return;
  const key = (error as { key?: unknown }).key;
  return new DuplicateKeyError(`duplicate key in ${collection}: ${JSON.stringify(key)}`, { cause: error });
}
