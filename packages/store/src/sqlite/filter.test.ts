import { Query } from 'mingo';
import { afterAll, describe, expect, it } from 'vitest';
import type { Doc, Filter, SortSpec } from '../port.ts';
import { mingoOptions } from './mingo.ts';
import { sortDocuments } from './sort.ts';
import { createSqliteStore, type SqliteStore } from './store.ts';

// Differential test of the filter and sort translation: random filters over random documents,
// answered by the store (SQL where it can, mingo where it must) and by mingo over the same
// documents in memory. Each data set exercises other paths of filter.ts: only numbers and
// strings (plain SQL), booleans and objects beside them (type guards), arrays (mingo).

type Value = unknown;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const SCALARS: Value[] = [0, 1, 2, -1.5, 'a', 'b', '1', '{"x":1}', ''];
const SETS: Record<string, Value[]> = {
  'numbers and strings': [...SCALARS, null],
  'with booleans and objects': [...SCALARS, null, true, false, { x: 1 }, { x: 'a' }],
  'with arrays': [...SCALARS, null, true, [1, 'a'], [], [2], { x: [1, 2] }],
};
const PATHS = ['a', 'b', 'o.x', '_id'];

describe('filter translation agrees with mingo', () => {
  const stores: SqliteStore[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  for (const [name, values] of Object.entries(SETS)) {
    it(`on ${name}`, async () => {
      const next = random(name.length * 7919);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const maybe = (value: () => Value) => (next() < 0.15 ? undefined : value());
      const docs: (Doc & Record<string, unknown>)[] = Array.from({ length: 80 }, (_, i) => {
        const doc: Doc & Record<string, unknown> = { _id: `d${String(i).padStart(2, '0')}` };
        const a = maybe(() => pick(values));
        const b = maybe(() => pick(values));
        const x = maybe(() => pick(values));
        if (a !== undefined) doc.a = a;
        if (b !== undefined) doc.b = b;
        if (x !== undefined) doc.o = next() < 0.2 ? pick([null, 'text', 3]) : { x };
        return doc;
      });

      const condition = (): Record<string, unknown> | Value => {
        const value = () => pick([...SCALARS, null, true, false]);
        switch (Math.floor(next() * 9)) {
          case 0:
            return value();
          case 1:
            return { [pick(['$eq', '$ne'])]: value() };
          case 2:
          case 3:
            return { [pick(['$gt', '$gte', '$lt', '$lte'])]: value() };
          case 4:
            return { $gt: pick([-2, 0, 'a']), $lte: pick([1, 2, 'b']) };
          case 5:
            return {
              [pick(['$in', '$nin'])]: [value(), value(), value()].slice(0, 1 + Math.floor(next() * 3)),
            };
          case 6:
            return { $exists: next() < 0.5 };
          case 7: {
            const operator = pick(['$gt', '$eq', '$in']);
            return { $not: { [operator]: operator === '$in' ? [value()] : value() } };
          }
          default:
            return { $in: [value()] };
        }
      };
      const leaf = (): Filter => {
        const path = pick(PATHS);
        let cond = condition();
        if (path === '_id' && next() < 0.7) cond = pick(['d03', { $in: ['d01', 'zz'] }, { $gt: 'd50' }]);
        return { [path]: cond };
      };
      const filter = (depth: number): Filter => {
        const roll = next();
        if (depth > 1 || roll < 0.5) return leaf();
        if (roll < 0.65) return { ...leaf(), ...leaf() };
        return { [pick(['$and', '$or', '$nor'])]: [filter(depth + 1), filter(depth + 1)] };
      };

      const store = await createSqliteStore({ file: ':memory:' });
      stores.push(store);
      const items = store.collection<Doc & Record<string, unknown>>('items');
      await items.insertMany(docs);
      for (const indexed of [false, true]) {
        if (indexed) {
          await items.createIndex({ keys: { a: 1 }, purpose: 'test' });
          await items.createIndex({ keys: { b: 1, a: -1 }, purpose: 'test' });
          await items.createIndex({ keys: { 'o.x': 1 }, purpose: 'test' });
        }
        for (let round = 0; round < 150; round++) {
          const f = filter(0);
          const sort: SortSpec = pick([{ a: 1 }, { a: -1 }, { b: 1, a: -1 }, { 'o.x': 1 }]);
          const limit = pick([0, 0, 5]);
          const query = new Query(f, mingoOptions);
          const expected = docs.filter((doc) => query.test(doc));
          const context = JSON.stringify({ f, sort, limit, indexed });
          expect(ids(await items.find(f, { sort: { _id: 1 } })), context).toEqual(ids(expected));
          expect(await items.countDocuments(f), context).toBe(expected.length);
          const ordered = sortDocuments(expected, { ...sort, _id: 1 }, limit || undefined);
          const found = await items.find(f, { sort: { ...sort, _id: 1 }, ...(limit ? { limit } : {}) });
          expect(ids(found), context).toEqual(ids(ordered));
        }
      }
    });
  }
});

function ids(docs: readonly Doc[]): string[] {
  return docs.map((doc) => doc._id);
}
