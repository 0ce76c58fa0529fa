import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Doc } from '../port.ts';
import { createSqliteStore, STORE_FILE } from './store.ts';

// The one-off import of the nedb datafiles the embedded store used to write.

interface Item extends Doc {
  name?: string;
  n?: number;
  tags?: string[];
  when?: string;
}

// As nedb appends: versions of a document, a deletion, an index definition, a line cut by a crash.
const ITEMS = [
  '{"_id":"a","name":"alpha","n":1}',
  '{"_id":"b","name":"beta","tags":["x","y"]}',
  '{"$$indexCreated":{"fieldName":"name","unique":true,"sparse":false}}',
  '{"_id":"a","name":"alpha","n":2}',
  '{"_id":"c","name":"gamma","when":{"$$date":1700000000000}}',
  '{"$$deleted":true,"_id":"b"}',
  '{"_id":"d","name":"delta","tags":["x"]}',
  '{"_id":"e","na',
].join('\n');
const USERS = '{"_id":"admin","roles":["admin"]}\n';

describe('import of nedb datafiles', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function nedbDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'store-nedb-'));
    dirs.push(dir);
    await writeFile(join(dir, 'items.db'), ITEMS);
    await writeFile(join(dir, 'users.db'), USERS);
    return dir;
  }

  it('replays each datafile into its collection once, then renames the datafiles aside', async () => {
    const dir = await nedbDir();
    await writeFile(join(dir, `${STORE_FILE}.importing`), 'left by an import that died');
    const notices: string[] = [];
    const store = await createSqliteStore({ dir, onNotice: (message) => notices.push(message) });
    const items = store.collection<Item>('items');
    expect(await items.find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'a', name: 'alpha', n: 2 },
      { _id: 'c', name: 'gamma', when: '2023-11-14T22:13:20.000Z' },
      { _id: 'd', name: 'delta', tags: ['x'] },
    ]);
    expect(await items.find({ tags: 'x' })).toEqual([{ _id: 'd', name: 'delta', tags: ['x'] }]);
    expect(await store.collection('users').findOne({ _id: 'admin' })).toEqual({
      _id: 'admin',
      roles: ['admin'],
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/items 3 \(1 bad lines skipped\), users 1/);
    expect(await files(dir)).toEqual(['items.db.migrated', STORE_FILE, 'users.db.migrated']);
    await items.insertOne({ _id: 'f', name: 'phi' });
    await store.close();

    const again = await createSqliteStore({ dir, onNotice: (message) => notices.push(message) });
    expect(await again.collection('items').countDocuments()).toBe(4);
    expect(notices).toHaveLength(1);
    await again.close();
  });

  it('moves the events documents still carry into the outbox table, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-nedb-'));
    dirs.push(dir);
    const entry = (id: string) => ({ id, topic: 't.v1', key: 'k', value: id });
    await writeFile(
      join(dir, 'leads.db'),
      [
        JSON.stringify({ _id: 'a', n: 1, _outbox: [entry('e1'), entry('e2')], _outboxPending: true }),
        JSON.stringify({ _id: 'b', n: 2, _outbox: [], _outboxLease: { owner: 'x', until: 1 } }),
        JSON.stringify({ _id: 'c', n: 3 }),
      ].join('\n'),
    );
    const store = await createSqliteStore({ dir, onNotice: () => {} });
    expect((await store.outbox('leads').waiting()).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(await store.collection('leads').find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    await store.close();
    const again = await createSqliteStore({ dir, onNotice: () => {} });
    expect(await again.outbox('leads').pending()).toBe(2); // not moved twice
    await again.close();
  });

  it('leaves datafiles found beside an existing store alone, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-nedb-'));
    dirs.push(dir);
    await (await createSqliteStore({ dir })).close();
    await writeFile(join(dir, 'items.db'), ITEMS);
    const notices: string[] = [];
    const store = await createSqliteStore({ dir, onNotice: (message) => notices.push(message) });
    expect(await store.collection('items').countDocuments()).toBe(0);
    expect(notices).toEqual([expect.stringMatching(/ignored: items\.db/)]);
    expect(await files(dir)).toEqual(['items.db', STORE_FILE]);
    await store.close();
  });
});

/** The directory's files but the open database's -wal and -shm. */
async function files(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !/-(wal|shm)$/.test(name)).sort();
}
