// The DocumentStore port: a small subset of MongoDB's collection API, so the Mongo
// adapter is thin and the embedded one is the translation.

export interface Doc {
  _id: string;
}

/** Mongo-style filter: equality, dot paths, $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $not $elemMatch. */
export type Filter = Record<string, unknown>;

/** Mongo-style update operators supported by every adapter. */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, '' | true | 1>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
}

export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upsertedId?: string;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Which query the index serves: required, so every index says why it exists. */
  purpose: string;
}

export interface Collection<T extends Doc> {
  readonly name: string;
  /** Throws DuplicateKeyError when a unique index (or _id) is violated; nothing is written. */
  insertOne(doc: T): Promise<void>;
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: Filter, options?: Pick<FindOptions, 'projection' | 'sort'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically updates one document and returns it as it is after the update (null when none matched). */
  findOneAndUpdate(filter: Filter, update: Update, options?: UpdateOptions): Promise<T | null>;
  /** Replaces the whole document with this _id (inserting it when upsert). Atomic. */
  replaceOne(filter: Filter, doc: T, options?: UpdateOptions): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** Mongo aggregation pipeline ($match $group $sort $project $unwind $limit $skip $count $addFields $bucket). */
  aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]>;
  createIndex(spec: IndexSpec): Promise<void>;
}

export interface DocumentStore {
  readonly kind: 'embedded' | 'mongo';
  collection<T extends Doc>(name: string): Collection<T>;
  /** Throws when the store cannot be used (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
}
