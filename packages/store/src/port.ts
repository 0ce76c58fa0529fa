// The DocumentStore port: a small subset of MongoDB's collection API, so the Mongo
// adapter is thin and the SQLite one is the translation.

export interface Doc {
  _id: string;
}

/** Mongo-style filter: equality, dot paths, $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $not $elemMatch. */
export type Filter = Record<string, unknown>;

/** Mongo-style update operators supported by every adapter (updateOne/updateMany need at least one). */
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
  /**
   * When nothing matches, insert the filter's equality fields with the update applied
   * ($setOnInsert included); _id comes from the filter or is a new UUID.
   */
  upsert?: boolean;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upsertedId?: string;
}

/** One document's update in a bulkUpdateById. */
export interface UpdateById {
  _id: string;
  update: Update;
  /** When no document has this _id, insert `{ _id }` with the update applied. */
  upsert?: boolean;
}

export interface BulkUpdateResult {
  matched: number;
  modified: number;
  upserted: number;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Index name; defaults to the engine's own (Mongo: `field_1_other_-1`). */
  name?: string;
  /** Which query the index serves: required, so every index says why it exists. */
  purpose: string;
}

export interface Collection<T extends Doc> {
  readonly name: string;
  /** Throws DuplicateKeyError when a unique index (or _id) is violated; nothing is written. */
  insertOne(doc: T): Promise<void>;
  /** All or nothing: a DuplicateKeyError on any document writes none of them. */
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: Filter, options?: Pick<FindOptions, 'projection' | 'sort'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  /**
   * Not promised atomic across documents: on MongoDB a DuplicateKeyError stops it and earlier
   * documents stay updated; the SQLite store updates all or none.
   */
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /**
   * Several documents' updates, each by _id, applied in order as one write (MongoDB: an
   * ordered bulkWrite). Each document's update is atomic; the batch is not promised to be
   * (on MongoDB a failure leaves the earlier ones written; the SQLite store writes all or
   * none). Every update is checked before anything is written.
   */
  bulkUpdateById(ops: readonly UpdateById[]): Promise<BulkUpdateResult>;
  /** Atomically updates one document and returns it as it is after the update (null when none matched). */
  findOneAndUpdate(filter: Filter, update: Update, options?: UpdateOptions): Promise<T | null>;
  /** Replaces the first match with `doc` (same _id), or inserts `doc` when upsert. Atomic. */
  replaceOne(filter: Filter, doc: T, options?: UpdateOptions): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** Mongo aggregation pipeline ($match $group $sort $project $unwind $limit $skip $count $addFields $bucket). */
  aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]>;
  createIndex(spec: IndexSpec): Promise<void>;
}

/** An event written with a document change, waiting to be published (see outbox.ts). */
export interface OutboxEntry {
  /** The event's id (UUIDv7). */
  id: string;
  topic: string;
  /** The partition key (a lead id): entries of one key are claimed in the order they were written. */
  key: string;
  /** The event as JSON. */
  value: string;
}

/**
 * The events written with one collection's documents, for the relay that publishes them. A
 * claim takes the oldest entries nobody holds under a lease; the claimant publishes them and
 * clears them, or releases them when publishing failed. A claimant that dies leaves its
 * entries to the next claim once the lease expires (published again: at least once).
 */
export interface Outbox {
  /** Up to `limit` entries (MongoDB: documents' entries) nobody holds or whose lease expired, now held by `owner` for `leaseMs`; in order per key. */
  claim(owner: string, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Removes what `owner`'s claim holds (published). Entries whose lease another claim took over stay. */
  clear(owner: string): Promise<void>;
  /** Gives back what `owner`'s claim holds, for the next claim. */
  release(owner: string): Promise<void>;
  /** How much waits: entries (SQLite) or documents holding entries (MongoDB). */
  pending(): Promise<number>;
  /** The entries waiting, oldest first; only those written with document `docId` when given (diagnosis and tests). */
  waiting(docId?: string): Promise<OutboxEntry[]>;
}

export interface DocumentStore {
  readonly kind: 'sqlite' | 'mongo';
  collection<T extends Doc>(name: string): Collection<T>;
  /**
   * The events written with `collection`'s documents. A write carries them in the document's
   * `_outbox` field (`withEvents`, `updateWithEvents`); the store commits them with the change.
   */
  outbox(collection: string): Outbox;
  /** Throws when the store cannot be used (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A write would break a unique index (including the one on _id). */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
}

/** A filter, update or pipeline asks the store to run code ($where, $function, $accumulator, a function value). */
export class UnsafeQueryError extends Error {
  override readonly name = 'UnsafeQueryError';
}
