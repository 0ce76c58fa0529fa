import { afterEach, describe, expect, it } from 'vitest';
import { updateWithEvents, withEvents } from './outbox.ts';
import {
  type Collection,
  type Doc,
  type DocumentStore,
  DuplicateKeyError,
  type OutboxEntry,
  UnsafeQueryError,
} from './port.ts';

// The DocumentStore contract: one suite, run against every adapter (hono's common.case.test.ts
// style). Each adapter's test file calls runStoreContract with a way to open an empty store.

export interface StoreContractOptions {
  name: string;
  /** A new, empty store. */
  open: () => Promise<DocumentStore>;
  /** The data of a closed store opened again, as a restarted process would. */
  reopen?: (closed: DocumentStore) => Promise<DocumentStore>;
}

interface Item extends Doc {
  name?: string;
  n?: number;
  tags?: string[];
  owner?: string | null;
  address?: { city: string; zip?: string };
  lines?: { sku: string; qty: number }[];
  note?: string;
  created?: string;
}

const byId = { sort: { _id: 1 } } as const;
const event = (id: string, key = 'lead-1', topic = 'contract.things.v1'): OutboxEntry => ({
  id,
  topic,
  key,
  value: `{"id":"${id}"}`,
});
const eventIds = (entries: readonly OutboxEntry[]) => entries.map((e) => e.id);
const ids = (docs: readonly Doc[]) => docs.map((d) => d._id);

export function runStoreContract({ name, open, reopen }: StoreContractOptions): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const opened: DocumentStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    async function collection<T extends Doc = Item>(collectionName = 'items'): Promise<Collection<T>> {
      const store = await open();
      opened.push(store);
      return store.collection<T>(collectionName);
    }

    async function seeded(): Promise<Collection<Item>> {
      const items = await collection();
      await items.insertMany([
        {
          _id: 'a',
          name: 'alpha',
          n: 1,
          tags: ['x', 'y'],
          owner: null,
          address: { city: 'Suzhou', zip: '215000' },
        },
        { _id: 'b', name: 'beta', n: 2, tags: ['y'], owner: 'w1', address: { city: 'Wuxi' } },
        {
          _id: 'c',
          name: 'gamma',
          n: 3,
          tags: [],
          address: { city: 'Suzhou' },
          lines: [{ sku: 's1', qty: 5 }],
        },
        {
          _id: 'd',
          name: 'delta',
          n: 4,
          owner: 'w2',
          lines: [
            { sku: 's1', qty: 1 },
            { sku: 's2', qty: 9 },
          ],
        },
      ]);
      return items;
    }

    describe('CRUD', () => {
      it('inserts, finds, replaces and deletes', async () => {
        const items = await collection();
        await items.insertOne({ _id: 'a', name: 'alpha', n: 1 });
        await items.insertMany([
          { _id: 'b', name: 'beta', n: 2 },
          { _id: 'c', name: 'gamma', n: 3 },
        ]);
        expect(await items.findOne({ _id: 'a' })).toEqual({ _id: 'a', name: 'alpha', n: 1 });
        expect(await items.findOne({ _id: 'zz' })).toBeNull();
        expect(await items.countDocuments()).toBe(3);
        expect(await items.countDocuments({ n: { $gte: 2 } })).toBe(2);

        expect(await items.replaceOne({ _id: 'b' }, { _id: 'b', note: 'replaced' })).toEqual({
          matched: 1,
          modified: 1,
        });
        expect(await items.findOne({ _id: 'b' })).toEqual({ _id: 'b', note: 'replaced' });
        expect(await items.replaceOne({ _id: 'q' }, { _id: 'q', n: 9 })).toEqual({ matched: 0, modified: 0 });
        expect(await items.replaceOne({ _id: 'q' }, { _id: 'q', n: 9 }, { upsert: true })).toEqual({
          matched: 0,
          modified: 0,
          upsertedId: 'q',
        });

        expect(await items.deleteOne({ _id: { $in: ['a', 'zz'] } })).toBe(1);
        expect(await items.countDocuments()).toBe(3);
        expect(await items.deleteMany({ _id: { $in: ['b', 'c', 'q', 'nope'] } })).toBe(3);
        expect(await items.find({})).toEqual([]);
        expect(await items.deleteOne({ _id: 'nope' })).toBe(0);
      });

      it('returns copies: changing a result does not change the store', async () => {
        const items = await seeded();
        const found = await items.findOne({ _id: 'a' });
        found?.tags?.push('mutated');
        if (found?.address) found.address.city = 'mutated';
        const [first] = await items.find({ _id: 'a' });
        if (first) first.name = 'mutated';
        expect(await items.findOne({ _id: 'a' })).toMatchObject({
          name: 'alpha',
          tags: ['x', 'y'],
          address: { city: 'Suzhou' },
        });
      });

      it('keeps collections apart and refuses odd collection names', async () => {
        const items = await seeded();
        const store = opened.at(-1) as DocumentStore;
        expect(await store.collection<Item>('others').countDocuments()).toBe(0);
        expect(await items.countDocuments()).toBe(4);
        expect(() => store.collection('../escape')).toThrow();
        expect(() => store.collection('')).toThrow();
      });

      it('pings while open and refuses use once closed', async () => {
        const store = await open();
        opened.push(store);
        await store.ping();
        await store.close();
        await store.close(); // idempotent
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe('filters', () => {
      it('compares with $eq $ne $gt $gte $lt $lte $in $nin', async () => {
        const items = await seeded();
        expect(ids(await items.find({ n: { $eq: 2 } }, byId))).toEqual(['b']);
        expect(ids(await items.find({ n: { $ne: 2 } }, byId))).toEqual(['a', 'c', 'd']);
        expect(ids(await items.find({ n: { $gt: 2 } }, byId))).toEqual(['c', 'd']);
        expect(ids(await items.find({ n: { $gte: 2, $lt: 4 } }, byId))).toEqual(['b', 'c']);
        expect(ids(await items.find({ n: { $lte: 1 } }, byId))).toEqual(['a']);
        expect(ids(await items.find({ name: { $in: ['beta', 'delta', 'omega'] } }, byId))).toEqual([
          'b',
          'd',
        ]);
        expect(ids(await items.find({ name: { $nin: ['beta', 'delta'] } }, byId))).toEqual(['a', 'c']);
        expect(ids(await items.find({ n: { $gt: '1' } }, byId))).toEqual([]); // no cross-type comparison
      });

      it('treats null as "null or missing" and $exists as presence', async () => {
        const items = await seeded();
        expect(ids(await items.find({ owner: null }, byId))).toEqual(['a', 'c']);
        expect(ids(await items.find({ owner: { $exists: false } }, byId))).toEqual(['c']);
        expect(ids(await items.find({ owner: { $exists: true } }, byId))).toEqual(['a', 'b', 'd']);
        expect(ids(await items.find({ owner: { $ne: null } }, byId))).toEqual(['b', 'd']);
      });

      it('matches arrays element-wise, with $ne/$nin meaning "no element"', async () => {
        const items = await seeded();
        expect(ids(await items.find({ tags: 'y' }, byId))).toEqual(['a', 'b']);
        expect(ids(await items.find({ tags: { $in: ['x'] } }, byId))).toEqual(['a']);
        expect(ids(await items.find({ tags: { $ne: 'x' } }, byId))).toEqual(['b', 'c', 'd']);
        expect(ids(await items.find({ tags: { $nin: ['y'] } }, byId))).toEqual(['c', 'd']);
        expect(ids(await items.find({ tags: { $size: 0 } }, byId))).toEqual(['c']);
        expect(ids(await items.find({ tags: ['x', 'y'] }, byId))).toEqual(['a']);
      });

      it('follows dot paths into objects and arrays of objects', async () => {
        const items = await seeded();
        expect(ids(await items.find({ 'address.city': 'Suzhou' }, byId))).toEqual(['a', 'c']);
        expect(ids(await items.find({ 'address.zip': { $exists: true } }, byId))).toEqual(['a']);
        expect(ids(await items.find({ 'lines.sku': 's2' }, byId))).toEqual(['d']);
        expect(ids(await items.find({ 'lines.qty': { $gt: 4 } }, byId))).toEqual(['c', 'd']);
        // Two bounds may be met by different elements, unless $elemMatch ties them to one.
        expect(ids(await items.find({ 'lines.qty': { $gt: 2, $lt: 6 } }, byId))).toEqual(['c', 'd']);
        expect(ids(await items.find({ lines: { $elemMatch: { qty: { $gt: 2, $lt: 6 } } } }, byId))).toEqual([
          'c',
        ]);
        expect(
          ids(await items.find({ lines: { $elemMatch: { sku: 's1', qty: { $lt: 2 } } } }, byId)),
        ).toEqual(['d']);
      });

      it('combines with $and $or $not $regex', async () => {
        const items = await seeded();
        expect(ids(await items.find({ $or: [{ n: 1 }, { owner: 'w2' }] }, byId))).toEqual(['a', 'd']);
        expect(
          ids(await items.find({ $and: [{ n: { $gt: 1 } }, { 'address.city': 'Suzhou' }] }, byId)),
        ).toEqual(['c']);
        expect(ids(await items.find({ n: { $not: { $gt: 2 } } }, byId))).toEqual(['a', 'b']);
        expect(ids(await items.find({ name: { $regex: '^(al|de)' } }, byId))).toEqual(['a', 'd']);
        expect(
          ids(await items.find({ 'address.city': 'Suzhou', $or: [{ owner: null }, { n: 9 }] }, byId)),
        ).toEqual(['a', 'c']);
      });

      it('gives the same answers with indexes on the filtered fields', async () => {
        const items = await seeded();
        await items.createIndex({ keys: { n: 1 }, purpose: 'contract: range lookups' });
        await items.createIndex({ keys: { tags: 1 }, purpose: 'contract: multikey lookups' });
        await items.createIndex({ keys: { 'lines.qty': 1, name: 1 }, purpose: 'contract: compound, dotted' });
        expect(ids(await items.find({ n: { $gte: 2, $lt: 4 } }, byId))).toEqual(['b', 'c']);
        expect(ids(await items.find({ n: 2 }, byId))).toEqual(['b']);
        expect(ids(await items.find({ tags: 'y' }, byId))).toEqual(['a', 'b']);
        expect(ids(await items.find({ tags: { $ne: 'x' } }, byId))).toEqual(['b', 'c', 'd']);
        expect(ids(await items.find({ 'lines.qty': { $gt: 2, $lt: 6 } }, byId))).toEqual(['c', 'd']);
        expect(await items.countDocuments({ n: { $in: [1, 4, 7] } })).toBe(2);
      });
    });

    describe('types and arrays', () => {
      interface Typed extends Doc {
        v?: unknown;
      }

      it('compares within a type: true is not 1, a string not a number, an object not its JSON', async () => {
        const items = await collection<Typed>('typed');
        await items.insertMany([
          { _id: 'one', v: 1 },
          { _id: 'true', v: true },
          { _id: 'zero', v: 0 },
          { _id: 'false', v: false },
          { _id: 'str1', v: '1' },
          { _id: 'obj', v: { a: 1 } },
          { _id: 'objtext', v: '{"a":1}' },
          { _id: 'null', v: null },
          { _id: 'missing' },
        ]);
        for (const indexed of [false, true]) {
          if (indexed) await items.createIndex({ keys: { v: 1 }, purpose: 'contract: typed lookups' });
          expect(ids(await items.find({ v: 1 }, byId))).toEqual(['one']);
          expect(ids(await items.find({ v: true }, byId))).toEqual(['true']);
          expect(ids(await items.find({ v: { $eq: false } }, byId))).toEqual(['false']);
          expect(ids(await items.find({ v: { $in: [0, true, 'x'] } }, byId))).toEqual(['true', 'zero']);
          expect(ids(await items.find({ v: { $gte: 0 } }, byId))).toEqual(['one', 'zero']);
          expect(ids(await items.find({ v: { $gt: 0.5, $lte: 1 } }, byId))).toEqual(['one']);
          expect(ids(await items.find({ v: { $gte: '' } }, byId))).toEqual(['objtext', 'str1']);
          expect(ids(await items.find({ v: { $lt: '2' } }, byId))).toEqual(['str1']);
          expect(ids(await items.find({ v: '{"a":1}' }, byId))).toEqual(['objtext']);
          expect(ids(await items.find({ v: { a: 1 } }, byId))).toEqual(['obj']);
          expect(ids(await items.find({ v: null }, byId))).toEqual(['missing', 'null']);
          expect(ids(await items.find({ v: { $nin: [1, null, true] } }, byId))).toEqual([
            'false',
            'obj',
            'objtext',
            'str1',
            'zero',
          ]);
          expect(await items.countDocuments({ v: { $ne: 1 } })).toBe(8);
          expect(await items.countDocuments({ v: { $exists: true } })).toBe(8);
        }
      });

      it('sorts mixed types in MongoDB order: null/missing, numbers, strings, objects, booleans', async () => {
        const plain = await collection<Typed>('sort-plain');
        await plain.insertMany([
          { _id: 'a', v: 'b' },
          { _id: 'b', v: 2 },
          { _id: 'd', v: null },
          { _id: 'e' },
          { _id: 'g', v: -1.5 },
          { _id: 'h', v: 'a' },
        ]);
        await plain.createIndex({ keys: { v: 1 }, purpose: 'contract: sorted scans' });
        expect(ids(await plain.find({}, { sort: { v: 1, _id: 1 } }))).toEqual(['d', 'e', 'g', 'b', 'h', 'a']);
        expect(ids(await plain.find({}, { sort: { v: -1, _id: 1 }, limit: 3 }))).toEqual(['a', 'h', 'b']);
        expect(ids(await plain.find({ v: { $gt: -5 } }, { sort: { v: -1 }, skip: 1, limit: 1 }))).toEqual([
          'g',
        ]);

        const mixed = await collection<Typed>('sort-mixed');
        await mixed.insertMany([
          { _id: 'a', v: 'b' },
          { _id: 'b', v: 2 },
          { _id: 'c', v: true },
          { _id: 'd', v: null },
          { _id: 'e' },
          { _id: 'f', v: { x: 1 } },
          { _id: 'g', v: -1.5 },
          { _id: 'h', v: 'a' },
        ]);
        expect(ids(await mixed.find({}, { sort: { v: 1, _id: 1 } }))).toEqual([
          'd',
          'e',
          'g',
          'b',
          'h',
          'a',
          'f',
          'c',
        ]);
        expect(ids(await mixed.find({}, { sort: { v: -1, _id: 1 }, limit: 3 }))).toEqual(['c', 'f', 'a']);
      });

      it('matches a field element-wise once any document holds an array there', async () => {
        const items = await collection<Typed & { tag?: unknown; nested?: unknown }>('later-arrays');
        await items.createIndex({ keys: { tag: 1 }, purpose: 'contract: scalar, then multikey' });
        await items.insertMany([
          { _id: 'a', tag: 'x' },
          { _id: 'b', tag: 'y' },
        ]);
        expect(ids(await items.find({ tag: 'y' }, byId))).toEqual(['b']);
        await items.insertOne({ _id: 'c', tag: ['x', 'y'] });
        await items.updateOne({ _id: 'a' }, { $set: { nested: { deep: ['y', 'z'] } } });
        expect(ids(await items.find({ tag: 'y' }, byId))).toEqual(['b', 'c']);
        expect(ids(await items.find({ tag: { $ne: 'x' } }, byId))).toEqual(['b']);
        expect(ids(await items.find({ tag: { $gte: 'y' } }, byId))).toEqual(['b', 'c']);
        expect(ids(await items.find({ 'nested.deep': 'z' }, byId))).toEqual(['a']);
        expect(await items.countDocuments({ tag: { $in: ['x'] } })).toBe(2);
        // An array sorts by its smallest element ascending.
        expect(ids(await items.find({}, { sort: { tag: 1, _id: 1 } }))).toEqual(['a', 'c', 'b']);
      });
    });

    describe('sort, skip, limit, projection', () => {
      it('sorts on several keys, then skips and limits', async () => {
        const items = await collection();
        await items.insertMany([
          { _id: '1', name: 'b', n: 2 },
          { _id: '2', name: 'a', n: 2 },
          { _id: '3', name: 'c', n: 9 },
          { _id: '4', name: 'd', n: 1 },
          { _id: '5', name: 'e' },
        ]);
        const order = { sort: { n: -1, name: 1 } } as const;
        expect(ids(await items.find({}, order))).toEqual(['3', '2', '1', '4', '5']);
        expect(ids(await items.find({}, { sort: { n: 1, _id: 1 } }))).toEqual(['5', '4', '1', '2', '3']);
        expect(ids(await items.find({}, { ...order, skip: 1, limit: 2 }))).toEqual(['2', '1']);
        expect(ids(await items.find({}, { ...order, skip: 4, limit: 10 }))).toEqual(['5']);
        expect(ids(await items.find({ n: { $exists: true } }, { ...order, limit: 1 }))).toEqual(['3']);
        expect(await items.findOne({}, { sort: { n: 1, _id: 1 } })).toMatchObject({ _id: '5' });
        expect(await items.find({}, { skip: 2, limit: 2 })).toHaveLength(2);
      });

      it('projects by inclusion (with or without _id) and by exclusion, through dot paths', async () => {
        const items = await seeded();
        expect(await items.find({ _id: 'a' }, { projection: { name: 1 } })).toEqual([
          { _id: 'a', name: 'alpha' },
        ]);
        expect(
          await items.find({ _id: 'a' }, { projection: { _id: 0, name: 1, 'address.city': 1 } }),
        ).toEqual([{ name: 'alpha', address: { city: 'Suzhou' } }]);
        expect(await items.findOne({ _id: 'd' }, { projection: { tags: 0, lines: 0, owner: 0 } })).toEqual({
          _id: 'd',
          name: 'delta',
          n: 4,
        });
        expect(await items.find({ _id: 'd' }, { projection: { 'lines.sku': 1 } })).toEqual([
          { _id: 'd', lines: [{ sku: 's1' }, { sku: 's2' }] },
        ]);
        expect(await items.find({}, { sort: { n: -1 }, limit: 2, projection: { n: 1 } })).toEqual([
          { _id: 'd', n: 4 },
          { _id: 'c', n: 3 },
        ]);
      });
    });

    describe('updates', () => {
      it('applies $set (dot paths create objects), $unset and $inc', async () => {
        const items = await seeded();
        expect(
          await items.updateOne(
            { _id: 'a' },
            { $set: { name: 'ALPHA', 'address.zip': '215001', 'meta.v': 1 } },
          ),
        ).toEqual({ matched: 1, modified: 1 });
        await items.updateOne({ _id: 'a' }, { $unset: { owner: '' }, $inc: { n: 10, views: 1 } });
        expect(await items.findOne({ _id: 'a' })).toEqual({
          _id: 'a',
          name: 'ALPHA',
          n: 11,
          views: 1,
          tags: ['x', 'y'],
          address: { city: 'Suzhou', zip: '215001' },
          meta: { v: 1 },
        });
        await items.updateOne({ _id: 'a' }, { $inc: { n: -1.5 } });
        expect(await items.findOne({ _id: 'a' }, { projection: { n: 1 } })).toEqual({ _id: 'a', n: 9.5 });
      });

      it('applies $push (one value or $each) and $pull (a value or a condition)', async () => {
        const items = await seeded();
        await items.updateOne({ _id: 'b' }, { $push: { tags: 'z' } });
        await items.updateOne({ _id: 'b' }, { $push: { tags: { $each: ['p', 'q'] }, history: 'created' } });
        expect(await items.findOne({ _id: 'b' }, { projection: { tags: 1, history: 1 } })).toEqual({
          _id: 'b',
          tags: ['y', 'z', 'p', 'q'],
          history: ['created'],
        });
        await items.updateOne({ _id: 'b' }, { $pull: { tags: { $in: ['p', 'y'] } } });
        await items.updateOne({ _id: 'd' }, { $pull: { lines: { qty: { $gt: 5 } } } });
        await items.updateOne({ _id: 'a' }, { $pull: { tags: 'x' } });
        expect(ids(await items.find({ tags: 'y' }, byId))).toEqual(['a']);
        expect((await items.findOne({ _id: 'b' }))?.tags).toEqual(['z', 'q']);
        expect((await items.findOne({ _id: 'd' }))?.lines).toEqual([{ sku: 's1', qty: 1 }]);
      });

      it('counts matched and modified, and a no-op update modifies nothing', async () => {
        const items = await seeded();
        expect(await items.updateMany({ 'address.city': 'Suzhou' }, { $set: { note: 'south' } })).toEqual({
          matched: 2,
          modified: 2,
        });
        expect(await items.updateMany({ 'address.city': 'Suzhou' }, { $set: { note: 'south' } })).toEqual({
          matched: 2,
          modified: 0,
        });
        expect(await items.updateOne({ _id: 'a' }, { $unset: { missing: '' } })).toEqual({
          matched: 1,
          modified: 0,
        });
        expect(await items.updateOne({ _id: 'a' }, { $pull: { tags: 'absent' } })).toEqual({
          matched: 1,
          modified: 0,
        });
        expect(await items.updateOne({ _id: 'nope' }, { $set: { n: 1 } })).toEqual({
          matched: 0,
          modified: 0,
        });
        expect(await items.countDocuments({ note: 'south' })).toBe(2);
      });

      it('upserts: inserts the filter equalities plus the update and $setOnInsert, only when nothing matches', async () => {
        const items = await collection();
        const upsert = (created: string) =>
          items.updateOne(
            { _id: 'k', 'address.city': 'Suzhou', n: { $gte: 0 } },
            { $inc: { n: 1 }, $setOnInsert: { created } },
            { upsert: true },
          );
        expect(await upsert('2025-01-01')).toEqual({ matched: 0, modified: 0, upsertedId: 'k' });
        expect(await upsert('2099-12-31')).toEqual({ matched: 1, modified: 1 });
        expect(await items.findOne({ _id: 'k' })).toEqual({
          _id: 'k',
          address: { city: 'Suzhou' },
          n: 2,
          created: '2025-01-01',
        });
        const made = await items.findOneAndUpdate(
          { name: 'fresh' },
          { $set: { n: 7 }, $setOnInsert: { created: 'now' } },
          { upsert: true },
        );
        expect(made).toMatchObject({ name: 'fresh', n: 7, created: 'now' });
        expect(typeof made?._id).toBe('string');
        expect(await items.findOne({ name: 'fresh' })).toEqual(made);
      });

      it('refuses an update without operators', async () => {
        const items = await seeded();
        await expect(items.updateOne({ _id: 'a' }, {})).rejects.toThrow();
        expect(await items.findOne({ _id: 'a' })).toMatchObject({ name: 'alpha' });
      });
    });

    describe('bulkUpdateById', () => {
      it('applies each update in order, upserts where asked, and counts like one updateOne each', async () => {
        const items = await seeded();
        const result = await items.bulkUpdateById([
          { _id: 'a', update: { $inc: { n: 10 } } },
          { _id: 'a', update: { $inc: { n: 5 }, $push: { tags: 'z' } } },
          { _id: 'b', update: { $set: { name: 'beta' } } }, // no change
          { _id: 'new', update: { $set: { name: 'fresh' }, $setOnInsert: { n: 0 } }, upsert: true },
          { _id: 'new', update: { $inc: { n: 1 } } },
          { _id: 'ghost', update: { $set: { name: 'nobody' } } }, // no upsert: nothing
        ]);
        expect(result).toEqual({ matched: 4, modified: 3, upserted: 1 });
        expect(await items.findOne({ _id: 'a' })).toMatchObject({ n: 16, tags: ['x', 'y', 'z'] });
        expect(await items.findOne({ _id: 'new' })).toEqual({ _id: 'new', name: 'fresh', n: 1 });
        expect(await items.countDocuments()).toBe(5);
        expect(await items.bulkUpdateById([])).toEqual({ matched: 0, modified: 0, upserted: 0 });
      });

      it('checks every update before writing any', async () => {
        const items = await seeded();
        await expect(
          items.bulkUpdateById([
            { _id: 'a', update: { $set: { n: 100 } } },
            { _id: 'b', update: {} },
          ]),
        ).rejects.toThrow(/operator/);
        await expect(
          items.bulkUpdateById([
            { _id: 'a', update: { $set: { n: 100 } } },
            { _id: 'b', update: { $where: 'true' } as never },
          ]),
        ).rejects.toThrow(UnsafeQueryError);
        expect((await items.findOne({ _id: 'a' }))?.n).toBe(1);
      });

      it('refuses a duplicate unique key with DuplicateKeyError and leaves other documents alone', async () => {
        const items = await seeded();
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: unique names' });
        await expect(
          items.bulkUpdateById([{ _id: 'c', update: { $set: { name: 'alpha' } } }]),
        ).rejects.toThrow(DuplicateKeyError);
        expect(await items.find({}, byId)).toMatchObject([
          { name: 'alpha' },
          { name: 'beta' },
          { name: 'gamma' },
          { name: 'delta' },
        ]);
        await items.bulkUpdateById([{ _id: 'c', update: { $set: { name: 'gamma2' } } }]);
        expect(await items.findOne({ name: 'gamma2' })).toMatchObject({ _id: 'c' });
      });
    });

    describe('unique indexes', () => {
      it('refuses a duplicate _id or unique key with DuplicateKeyError and writes nothing', async () => {
        const items = await seeded();
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: one item per name' });
        await items.createIndex({
          keys: { name: 1 },
          unique: true,
          purpose: 'contract: same index again is fine',
        });
        await expect(items.insertOne({ _id: 'a', name: 'other' })).rejects.toThrow(DuplicateKeyError);
        await expect(items.insertOne({ _id: 'e', name: 'alpha' })).rejects.toThrow(DuplicateKeyError);
        await expect(items.updateOne({ _id: 'b' }, { $set: { name: 'alpha', n: 99 } })).rejects.toThrow(
          DuplicateKeyError,
        );
        await expect(items.replaceOne({ _id: 'c' }, { _id: 'c', name: 'alpha' })).rejects.toThrow(
          DuplicateKeyError,
        );
        expect(await items.countDocuments()).toBe(4);
        expect(await items.findOne({ _id: 'b' })).toMatchObject({ name: 'beta', n: 2 });
        expect(await items.findOne({ _id: 'c' })).toMatchObject({ name: 'gamma' });
      });

      it('insertMany is all or nothing: one duplicate in the batch writes none of it', async () => {
        const items = await seeded();
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: one item per name' });
        await expect(
          items.insertMany([
            { _id: 'e', name: 'epsilon' },
            { _id: 'f', name: 'beta' },
            { _id: 'g', name: 'eta' },
          ]),
        ).rejects.toThrow(DuplicateKeyError);
        await expect(
          items.insertMany([
            { _id: 'h', name: 'theta' },
            { _id: 'h', name: 'iota' },
          ]),
        ).rejects.toThrow(DuplicateKeyError);
        expect(ids(await items.find({}, byId))).toEqual(['a', 'b', 'c', 'd']);
      });

      it('enforces compound unique keys and fails to build over existing duplicates', async () => {
        const items = await seeded();
        await items.createIndex({
          keys: { owner: 1, n: 1 },
          unique: true,
          purpose: 'contract: compound unique',
        });
        await items.insertOne({ _id: 'e', owner: 'w1', n: 3 });
        await expect(items.insertOne({ _id: 'f', owner: 'w1', n: 2 })).rejects.toThrow(DuplicateKeyError);
        await expect(
          items.createIndex({ keys: { 'address.city': 1 }, unique: true, purpose: 'contract: cannot hold' }),
        ).rejects.toThrow(DuplicateKeyError);
        await items.insertOne({ _id: 'g', address: { city: 'Suzhou' } });
        expect(await items.countDocuments({ 'address.city': 'Suzhou' })).toBe(3);
      });
      it('enforces a unique index whatever other indexes share its first field', async () => {
        const first = await collection('plain-first');
        await first.createIndex({ keys: { name: 1, n: -1 }, purpose: 'contract: compound, created first' });
        await first.createIndex({
          keys: { name: 1 },
          unique: true,
          purpose: 'contract: unique, created second',
        });
        const second = await collection('unique-first');
        await second.createIndex({
          keys: { name: 1 },
          unique: true,
          purpose: 'contract: unique, created first',
        });
        await second.createIndex({ keys: { name: 1, n: -1 }, purpose: 'contract: compound, created second' });
        for (const items of [first, second]) {
          await items.insertOne({ _id: 'a', name: 'alpha', n: 1 });
          await expect(items.insertOne({ _id: 'b', name: 'alpha', n: 2 })).rejects.toThrow(DuplicateKeyError);
          expect(ids(await items.find({ name: 'alpha' }))).toEqual(['a']);
        }
      });
      it('counts a missing field as null: one document may lack a unique key', async () => {
        const items = await collection<Item & { code?: string | null }>('unique-missing');
        await items.createIndex({ keys: { code: 1 }, unique: true, purpose: 'contract: unique codes' });
        await items.insertOne({ _id: 'a', code: 'x' });
        await items.insertOne({ _id: 'b' });
        await expect(items.insertOne({ _id: 'c' })).rejects.toThrow(DuplicateKeyError);
        await expect(items.insertOne({ _id: 'd', code: null })).rejects.toThrow(DuplicateKeyError);
        await expect(items.updateOne({ _id: 'a' }, { $unset: { code: '' } })).rejects.toThrow(
          DuplicateKeyError,
        );
        await items.insertOne({ _id: 'e', code: 'y' });
        expect(ids(await items.find({}, byId))).toEqual(['a', 'b', 'e']);
      });

      it('refuses an index whose name is taken by another definition', async () => {
        const items = await seeded();
        await items.createIndex({ keys: { name: 1 }, purpose: 'contract: plain first' });
        await expect(
          items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: then unique' }),
        ).rejects.toThrow();
        await items.insertOne({ _id: 'e', name: 'alpha' });
        expect(await items.countDocuments({ name: 'alpha' })).toBe(2);
      });
    });

    describe('findOneAndUpdate', () => {
      it('returns the document after the update, or null when nothing matches', async () => {
        const items = await seeded();
        expect(
          await items.findOneAndUpdate({ _id: 'b' }, { $inc: { n: 5 }, $push: { tags: 'new' } }),
        ).toEqual({
          _id: 'b',
          name: 'beta',
          n: 7,
          tags: ['y', 'new'],
          owner: 'w1',
          address: { city: 'Wuxi' },
        });
        expect(await items.findOneAndUpdate({ _id: 'b', n: 2 }, { $set: { n: 0 } })).toBeNull();
        expect(await items.findOne({ _id: 'b' })).toMatchObject({ n: 7 });
      });

      it('lets exactly one of 50 concurrent claims win', async () => {
        const items = await collection();
        await items.insertOne({ _id: 'job', owner: null });
        const claims = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            items.findOneAndUpdate({ _id: 'job', owner: null }, { $set: { owner: `worker-${i}` } }),
          ),
        );
        const winners = claims.filter((claim) => claim !== null);
        expect(winners).toHaveLength(1);
        expect(await items.findOne({ _id: 'job' })).toEqual(winners[0]);
      });

      it('fails only the concurrent write that breaks a unique key; the others are stored whole', async () => {
        const items = await collection();
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: concurrent writes' });
        const outcomes = await Promise.allSettled([
          items.insertOne(withEvents({ _id: 'a', name: 'alpha' }, [event('e1')])),
          items.insertMany([
            { _id: 'b', name: 'beta' },
            { _id: 'c', name: 'alpha' },
          ]),
          items.insertOne(withEvents({ _id: 'd', name: 'delta' }, [event('e2')])),
          items.updateOne({ _id: 'a' }, { $set: { note: 'same turn' } }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
        expect(await items.find({}, byId)).toEqual([
          expect.objectContaining({ _id: 'a', name: 'alpha', note: 'same turn' }),
          expect.objectContaining({ _id: 'd', name: 'delta' }),
        ]);
      });

      it('loses no concurrent increment and makes one document of concurrent upserts', async () => {
        const items = await seeded();
        await Promise.all(
          Array.from({ length: 50 }, () => items.updateOne({ _id: 'a' }, { $inc: { n: 1 } })),
        );
        await Promise.all(
          Array.from({ length: 20 }, () =>
            items.updateOne({ _id: 'counter' }, { $inc: { n: 1 } }, { upsert: true }),
          ),
        );
        expect(await items.findOne({ _id: 'a' }, { projection: { n: 1 } })).toEqual({ _id: 'a', n: 51 });
        expect(await items.findOne({ _id: 'counter' })).toEqual({ _id: 'counter', n: 20 });
      });
    });

    describe('aggregate', () => {
      async function scores(): Promise<Collection<Doc & { parkId: string; score: number; tags: string[] }>> {
        const matches = await collection<Doc & { parkId: string; score: number; tags: string[] }>('matches');
        await matches.insertMany([
          { _id: '1', parkId: 'p1', score: 10, tags: ['bio', 'device'] },
          { _id: '2', parkId: 'p1', score: 30, tags: ['bio'] },
          { _id: '3', parkId: 'p2', score: 20, tags: [] },
          { _id: '4', parkId: 'p2', score: 60, tags: ['device'] },
          { _id: '5', parkId: 'p3', score: 5, tags: ['bio'] },
        ]);
        return matches;
      }

      it('runs $match, $group ($sum $avg $min $max), $sort, $limit, $project', async () => {
        const matches = await scores();
        const rows = await matches.aggregate([
          { $match: { score: { $gte: 10 } } },
          {
            $group: {
              _id: '$parkId',
              count: { $sum: 1 },
              total: { $sum: '$score' },
              mean: { $avg: '$score' },
              low: { $min: '$score' },
              high: { $max: '$score' },
            },
          },
          { $sort: { total: -1 } },
          { $limit: 2 },
          { $project: { _id: 0, parkId: '$_id', count: 1, mean: 1, low: 1, high: 1 } },
        ]);
        expect(rows).toEqual([
          { parkId: 'p2', count: 2, mean: 40, low: 20, high: 60 },
          { parkId: 'p1', count: 2, mean: 20, low: 10, high: 30 },
        ]);
      });

      it('runs $unwind, $count and $skip', async () => {
        const matches = await scores();
        expect(
          await matches.aggregate([
            { $unwind: '$tags' },
            { $group: { _id: '$tags', n: { $sum: 1 } } },
            { $sort: { _id: 1 } },
          ]),
        ).toEqual([
          { _id: 'bio', n: 3 },
          { _id: 'device', n: 2 },
        ]);
        expect(await matches.aggregate([{ $match: { parkId: 'p1' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
        expect(
          await matches.aggregate([
            { $sort: { score: -1 } },
            { $skip: 1 },
            { $limit: 1 },
            { $project: { score: 1 } },
          ]),
        ).toEqual([{ _id: '2', score: 30 }]);
        expect(await matches.find({ _id: '1' })).toEqual([
          { _id: '1', parkId: 'p1', score: 10, tags: ['bio', 'device'] },
        ]);
      });
    });

    describe('outbox', () => {
      async function things() {
        const store = await open();
        opened.push(store);
        const items = store.collection<Item>('things');
        return { store, items, outbox: store.outbox('things') };
      }

      it('commits the events a write carries with it, and gives them out in write order per key', async () => {
        const { items, outbox } = await things();
        await items.insertOne(withEvents({ _id: 'a', n: 1 }, [event('e1'), event('k1', 'lead-2')]));
        await items.insertMany([withEvents({ _id: 'b', n: 1 }, [event('e2')]), { _id: 'c', n: 1 }]);
        await items.updateOne({ _id: 'a' }, updateWithEvents({ $inc: { n: 1 } }, [event('e3')]));
        await items.bulkUpdateById([
          { _id: 'c', update: updateWithEvents({ $set: { note: 'x' } }, [event('e4')]) },
          { _id: 'd', update: updateWithEvents({ $set: { n: 4 } }, [event('k2', 'lead-2')]), upsert: true },
        ]);
        await items.findOneAndUpdate({ _id: 'b' }, updateWithEvents({ $inc: { n: 1 } }, [event('e5')]));
        expect(eventIds(await outbox.waiting('a')).sort()).toEqual(['e1', 'e3', 'k1']);
        expect(eventIds(await outbox.waiting('d'))).toEqual(['k2']);
        const waiting = await outbox.waiting();
        expect(eventIds(waiting.filter((e) => e.key === 'lead-1'))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
        expect(eventIds(waiting.filter((e) => e.key === 'lead-2'))).toEqual(['k1', 'k2']);
        expect(await items.findOne({ _id: 'a' })).toMatchObject({ _id: 'a', n: 2 });

        const claimed = await outbox.claim('relay-1', 100, 30_000);
        expect(eventIds(claimed.filter((e) => e.key === 'lead-1'))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
        expect(eventIds(claimed.filter((e) => e.key === 'lead-2'))).toEqual(['k1', 'k2']);
        expect(claimed.find((e) => e.id === 'e1')).toEqual(event('e1'));
        expect(await outbox.claim('relay-2', 100, 30_000)).toEqual([]); // held by relay-1
        await outbox.clear('relay-1');
        expect(await outbox.pending()).toBe(0);
        expect(await outbox.waiting()).toEqual([]);
        expect(await items.countDocuments({})).toBe(4);
      });

      it('stores no event of a write that fails', async () => {
        const { items, outbox } = await things();
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: a failing write' });
        await items.insertOne(withEvents({ _id: 'a', name: 'alpha' }, [event('e1')]));
        await expect(items.insertOne(withEvents({ _id: 'b', name: 'alpha' }, [event('e2')]))).rejects.toThrow(
          DuplicateKeyError,
        );
        await items.insertOne({ _id: 'c', name: 'gamma' });
        await expect(
          items.updateOne({ _id: 'c' }, updateWithEvents({ $set: { name: 'alpha' } }, [event('e3')])),
        ).rejects.toThrow(DuplicateKeyError);
        expect(eventIds(await outbox.waiting())).toEqual(['e1']);
      });

      it('keeps what is written during a claim for the next one, and gives a claim back on release', async () => {
        const { items, outbox } = await things();
        await items.insertOne(withEvents({ _id: 'a', n: 1 }, [event('e1')]));
        expect(eventIds(await outbox.claim('relay-1', 100, 30_000))).toEqual(['e1']);
        await items.updateOne({ _id: 'a' }, updateWithEvents({ $inc: { n: 1 } }, [event('e2')]));
        await items.insertOne(withEvents({ _id: 'b', n: 1 }, [event('e3')]));
        await outbox.clear('relay-1');
        expect(eventIds(await outbox.waiting())).toEqual(['e2', 'e3']);
        expect(eventIds(await outbox.claim('relay-2', 100, 30_000))).toEqual(['e2', 'e3']);
        await outbox.release('relay-2');
        expect(eventIds(await outbox.claim('relay-3', 100, 30_000))).toEqual(['e2', 'e3']);
      });

      it('lets another claim take entries whose lease expired; the late owner then clears nothing of them', async () => {
        const { items, outbox } = await things();
        await items.insertOne(withEvents({ _id: 'a', n: 1 }, [event('e1')]));
        expect(eventIds(await outbox.claim('stalled', 100, 50))).toEqual(['e1']);
        await new Promise((resolve) => setTimeout(resolve, 120));
        expect(eventIds(await outbox.claim('relay-2', 100, 30_000))).toEqual(['e1']);
        await outbox.clear('stalled');
        expect(eventIds(await outbox.waiting())).toEqual(['e1']);
        await outbox.clear('relay-2');
        expect(await outbox.waiting()).toEqual([]);
      });

      it('claims at most the limit, and keeps collections apart', async () => {
        const { store, items, outbox } = await things();
        await items.insertMany(
          Array.from({ length: 30 }, (_, i) =>
            withEvents({ _id: `t${i}`, n: i }, [event(`e${i}`, `lead-${i}`)]),
          ),
        );
        await store.collection<Item>('others').insertOne(withEvents({ _id: 'o', n: 0 }, [event('o1')]));
        expect(await outbox.pending()).toBe(30);
        expect(await store.outbox('others').pending()).toBe(1);
        const first = await outbox.claim('relay-1', 20, 30_000);
        expect(first).toHaveLength(20);
        expect(await outbox.claim('relay-2', 20, 30_000)).toHaveLength(10);
        await outbox.clear('relay-1');
        expect(await outbox.pending()).toBe(10);
        expect(eventIds(await store.outbox('others').waiting())).toEqual(['o1']);
      });
    });

    describe('code in queries', () => {
      it('refuses $where, $function and function values, and stays usable', async () => {
        const items = await seeded();
        await expect(items.find({ $where: 'this.n > 1' })).rejects.toThrow(UnsafeQueryError);
        await expect(items.countDocuments({ $or: [{ n: 1 }, { $where: 'true' }] })).rejects.toThrow(
          UnsafeQueryError,
        );
        await expect(items.find({ n: { $eq: (() => 1) as unknown as number } })).rejects.toThrow(
          UnsafeQueryError,
        );
        await expect(items.deleteMany({ $where: 'true' })).rejects.toThrow(UnsafeQueryError);
        await expect(items.updateOne({ $where: 'true' }, { $set: { n: 0 } })).rejects.toThrow(
          UnsafeQueryError,
        );
        await expect(items.aggregate([{ $match: { $where: 'true' } }])).rejects.toThrow(UnsafeQueryError);
        await expect(
          items.aggregate([
            { $addFields: { x: { $function: { body: 'function () { return 1 }', args: [], lang: 'js' } } } },
          ]),
        ).rejects.toThrow(UnsafeQueryError);
        expect(await items.countDocuments()).toBe(4);
      });
    });

    describe.skipIf(!reopen)('persistence', () => {
      it('keeps documents and unique indexes across close and reopen', async () => {
        const store = await open();
        opened.push(store);
        const items = store.collection<Item>('kept');
        await items.createIndex({ keys: { name: 1 }, unique: true, purpose: 'contract: survives restart' });
        await items.insertMany([
          { _id: 'a', name: 'alpha', n: 1 },
          { _id: 'b', name: 'beta', n: 2 },
          { _id: 'c', name: 'gamma', n: 3 },
        ]);
        await items.updateOne({ _id: 'a' }, { $inc: { n: 10 } });
        await items.replaceOne({ _id: 'b' }, { _id: 'b', name: 'beta', note: 'replaced' });
        await items.deleteOne({ _id: 'c' });
        await items.bulkUpdateById([
          { _id: 'a', update: { $inc: { n: 100 } } },
          { _id: 'e', update: { $set: { name: 'epsilon' } }, upsert: true },
        ]);
        await store.close();

        const again = await (reopen as NonNullable<typeof reopen>)(store);
        opened.push(again);
        const kept = again.collection<Item>('kept');
        expect(await kept.find({}, byId)).toEqual([
          { _id: 'a', name: 'alpha', n: 111 },
          { _id: 'b', name: 'beta', note: 'replaced' },
          { _id: 'e', name: 'epsilon' },
        ]);
        await expect(kept.insertOne({ _id: 'z', name: 'alpha' })).rejects.toThrow(DuplicateKeyError);
      });
    });
  });
}
