import type { StatementSync } from 'node:sqlite';
import { Aggregator, Query } from 'mingo';
import { assertNoCode, assertUpdate } from '../guard.ts';
import { splitEvents } from '../outbox.ts';
import type {
  BulkUpdateResult,
  Collection,
  Doc,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
  UpdateById,
  UpdateOptions,
  UpdateResult,
} from '../port.ts';
import type { Database } from './database.ts';
import type { FieldTypes } from './fields.ts';
import { type Condition, toCondition } from './filter.ts';
import { indexStatements } from './indexes.ts';
import { mingoOptions } from './mingo.ts';
import type { SqliteOutboxTable } from './outbox.ts';
import { type Select, selectSql, toOrderBy } from './plan.ts';
import { project } from './projection.ts';
import { sortDocuments } from './sort.ts';
import { type Param, quoteName } from './sql.ts';
import { applyUpdate, upsertDocument } from './update.ts';

// One collection = one table (`_id`, `doc` as JSONB). Every call is synchronous inside, so it
// runs whole before any other (no lock needed in this process), and every write is atomic: all
// of it is committed when the promise resolves, or none of it (writes of one event-loop turn
// share a transaction, see Database.write).

/** A stored document as the adapter handles it internally. */
type Stored = Doc & Record<string, unknown>;
type Row = { _id: string; doc?: string };

const NOTHING: UpdateResult = { matched: 0, modified: 0 };
/** Prepared statements kept per collection: filters of the same shape share one. */
const STATEMENT_CACHE = 200;

interface Plan {
  sql: string;
  params: Param[];
  where: Condition;
  /** SQL filters, orders and pages exactly: nothing is left to do in JS. */
  complete: boolean;
  /** SQL orders exactly (JS filters, then pages). */
  ordered: boolean;
}

export class SqliteCollection<T extends Doc> implements Collection<T> {
  readonly name: string;
  readonly #db: Database;
  readonly #table: string;
  readonly #types: FieldTypes;
  readonly #outbox: SqliteOutboxTable;
  readonly #statements = new Map<string, StatementSync>();
  readonly #writes: Record<'insert' | 'update' | 'deleteIds', StatementSync>;

  constructor(name: string, db: Database, outbox: SqliteOutboxTable) {
    this.name = name;
    this.#db = db;
    this.#table = quoteName(name);
    this.#types = db.types(name);
    this.#outbox = outbox;
    db.ensureTable(name);
    outbox.adoptEmbedded(name);
    this.#writes = {
      insert: db.prepare(`INSERT INTO ${this.#table} (_id, doc) VALUES (?, jsonb(?))`),
      update: db.prepare(`UPDATE ${this.#table} SET doc = jsonb(?) WHERE _id = ?`),
      deleteIds: db.prepare(`DELETE FROM ${this.#table} WHERE _id IN (SELECT value FROM json_each(?))`),
    };
  }

  async insertOne(doc: T): Promise<void> {
    await this.#db.write(() => this.#insert(doc));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    await this.#db.write(() => {
      for (const doc of docs) this.#insert(doc);
    });
  }

  async findOne(filter: Filter, options: Pick<FindOptions, 'projection' | 'sort'> = {}): Promise<T | null> {
    const [doc] = await this.find(filter, { ...options, limit: 1 });
    return doc ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const idsOnly = isIdsOnly(options.projection);
    const docs = this.#db.read(() => this.#select(filter, options, idsOnly));
    return project(docs as T[], options.projection);
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    return this.#db.read(() => {
      const where = toCondition(filter, this.#types);
      if (!where.exact) return this.#select(filter, {}).length;
      const { sql, params } = selectSql({ columns: 'count', table: this.#table, where, orderBy: '' });
      const row = this.#statement(sql).get(...params);
      return Number((row as { n: number }).n);
    });
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    assertUpdate(update);
    return this.#db.write(() => this.#updateFirst(filter, update, options).result);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertUpdate(update);
    // One transaction: all matches are updated or (on a duplicate key) none is.
    return this.#db.write(() => {
      const docs = this.#select(filter, {});
      let modified = 0;
      for (const doc of docs) {
        if (!applyUpdate(doc, update, false)) continue;
        this.#save(doc);
        modified++;
      }
      return { matched: docs.length, modified };
    });
  }

  async bulkUpdateById(ops: readonly UpdateById[]): Promise<BulkUpdateResult> {
    for (const op of ops) assertUpdate(op.update);
    return this.#db.write(() => {
      const ids = [...new Set(ops.map((op) => op._id))];
      const stored = new Map(this.#select({ _id: { $in: ids } }, {}).map((doc) => [doc._id, doc]));
      const inserted = new Map<string, Stored>();
      const changed = new Map<string, Stored>();
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
        if (!inserted.has(_id)) changed.set(_id, doc);
      }
      for (const doc of inserted.values()) this.#insert(doc);
      for (const doc of changed.values()) this.#save(doc);
      return result;
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<T | null> {
    assertUpdate(update);
    return this.#db.write(() => this.#updateFirst(filter, update, options).doc);
  }

  async replaceOne(filter: Filter, doc: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.#db.write(() => {
      const [current] = this.#select(filter, { limit: 1 });
      if (!current) {
        if (!options.upsert) return NOTHING;
        this.#insert(doc);
        return { matched: 0, modified: 0, upsertedId: doc._id };
      }
      if (doc._id !== current._id) throw new Error('replaceOne cannot change _id');
      // MongoDB counts a replacement as a modification when the stored bytes differ.
      if (JSON.stringify(current) === JSON.stringify(doc)) return { matched: 1, modified: 0 };
      this.#save(doc);
      return { matched: 1, modified: 1 };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.#db.write(() => this.#delete(filter, 1));
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.#db.write(() => this.#delete(filter, 0));
  }

  async aggregate<R = unknown>(pipeline: readonly Record<string, unknown>[]): Promise<R[]> {
    assertNoCode(pipeline, 'pipeline');
    // Leading $match stages select the rows (indexes apply); mingo runs the rest on them.
    const stages = [...pipeline];
    const matches: Filter[] = [];
    while (stages[0] && Object.keys(stages[0]).length === 1 && '$match' in stages[0]) {
      matches.push(stages.shift()?.$match as Filter);
    }
    const filter = matches.length > 1 ? { $and: matches } : (matches[0] ?? {});
    const input = this.#db.read(() => this.#select(filter, {}));
    return new Aggregator(stages, mingoOptions).run(input) as R[];
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const statements = indexStatements(this.name, spec);
    await this.#db.write(() => {
      for (const { name, sql } of statements) {
        const existing = this.#db
          .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`)
          .get(name) as { sql: string } | undefined;
        if (existing?.sql === sql) continue;
        if (existing) throw new Error(`index ${name} exists with another definition: ${existing.sql}`);
        this.#db.prepare(sql).run();
      }
    });
  }

  /** SQLite's plan for the statement find() runs first (EXPLAIN QUERY PLAN), for tests and diagnosis. */
  explain(filter: Filter, options: FindOptions = {}): string[] {
    return this.#db.read(() => {
      const { sql, params } = this.#plan(filter, options, isIdsOnly(options.projection));
      const rows = this.#db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return rows.map((row) => row.detail);
    });
  }

  /** What SQL can do of a find: all of it, the filter's indexable part and the order, or less. */
  #plan(filter: Filter, { sort, skip = 0, limit = 0 }: FindOptions, idsOnly: boolean): Plan {
    const where = toCondition(filter, this.#types);
    const orderBy = toOrderBy(sort, this.#types);
    const complete = where.exact && orderBy !== undefined;
    const select: Select = {
      columns: complete && idsOnly ? '_id' : 'doc',
      table: this.#table,
      where,
      orderBy: orderBy ?? '',
      ...(complete ? { skip, limit } : {}),
    };
    return { ...selectSql(select), where, complete, ordered: orderBy !== undefined };
  }

  /** The matching documents (fresh copies), sorted and paged; `{ _id }` only when idsOnly and SQL did it all. */
  #select(filter: Filter, options: FindOptions, idsOnly = false): Stored[] {
    const plan = this.#plan(filter, options, idsOnly);
    const statement = this.#statement(plan.sql);
    if (plan.complete) return (statement.all(...plan.params) as Row[]).map(parse);
    const query = plan.where.exact ? undefined : new Query(filter, mingoOptions);
    const { skip = 0, limit = 0 } = options;
    if (plan.ordered) {
      // Rows come in order: keep the matches until the page is full.
      const page: Stored[] = [];
      let skipped = 0;
      for (const row of statement.iterate(...plan.params) as Iterable<Row>) {
        const doc = parse(row);
        if (query && !query.test(doc)) continue;
        if (skipped < skip) skipped++;
        else if (page.push(doc) === limit) break;
      }
      return page;
    }
    const rows = statement.all(...plan.params) as Row[];
    const matches = rows.map(parse).filter((doc) => !query || query.test(doc));
    const end = limit ? skip + limit : undefined;
    return sortDocuments(matches, options.sort ?? {}, end).slice(skip, end);
  }

  #updateFirst(
    filter: Filter,
    update: Update,
    options: UpdateOptions,
  ): { result: UpdateResult; doc: T | null } {
    const [doc] = this.#select(filter, { limit: 1 });
    if (!doc) {
      if (!options.upsert) return { result: NOTHING, doc: null };
      const inserted = upsertDocument(filter, update);
      this.#insert(inserted);
      return { result: { matched: 0, modified: 0, upsertedId: inserted._id }, doc: inserted as T };
    }
    const changed = applyUpdate(doc, update, false);
    if (changed) this.#save(doc);
    return { result: { matched: 1, modified: changed ? 1 : 0 }, doc: doc as T };
  }

  #delete(filter: Filter, limit: 0 | 1): number {
    const ids = this.#select(filter, { limit }, true).map((doc) => doc._id);
    if (ids.length === 0) return 0;
    return Number(this.#writes.deleteIds.run(JSON.stringify(ids)).changes);
  }

  // Events a document carries (`_outbox`) go to the outbox table, in the same transaction.

  #insert(written: Doc): void {
    if (typeof written._id !== 'string') throw new Error(`collection ${this.name}: _id must be a string`);
    const { doc, entries } = splitEvents(written as Stored);
    this.#db.record(this.name, doc);
    this.#writes.insert.run(doc._id, JSON.stringify(doc));
    if (entries.length > 0) this.#outbox.add(this.name, doc._id, entries);
  }

  #save(written: Doc): void {
    const { doc, entries } = splitEvents(written as Stored);
    this.#db.record(this.name, doc);
    this.#writes.update.run(JSON.stringify(doc), doc._id);
    if (entries.length > 0) this.#outbox.add(this.name, doc._id, entries);
  }

  /** A cached prepared statement (least recently used ones are dropped). */
  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) this.#statements.delete(sql);
    else statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE) {
      this.#statements.delete(this.#statements.keys().next().value as string);
    }
    return statement;
  }
}

function parse(row: Row): Stored {
  return row.doc === undefined ? { _id: row._id } : (JSON.parse(row.doc) as Stored);
}

/** `{ _id: 1 }`: SQL can answer from the primary key alone. */
function isIdsOnly(projection: FindOptions['projection']): boolean {
  return projection !== undefined && Object.keys(projection).length === 1 && projection._id === 1;
}
