import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract.case.ts';
import type { Doc, DocumentStore } from '../port.ts';
import { createSqliteStore, STORE_FILE } from './store.ts';

const dirs = new Map<DocumentStore, string>();
afterAll(async () => {
  await Promise.all([...new Set(dirs.values())].map((dir) => rm(dir, { recursive: true, force: true })));
});

async function openIn(dir: string): Promise<DocumentStore> {
  const store = await createSqliteStore({ dir });
  dirs.set(store, dir);
  return store;
}

runStoreContract({
  name: 'sqlite (node:sqlite)',
  open: async () => openIn(await mkdtemp(join(tmpdir(), 'store-contract-'))),
  reopen: async (closed) => openIn(dirs.get(closed) as string),
});

describe('sqlite store file', () => {
  interface Tagged extends Doc {
    tag?: string | string[];
  }

  it('keeps one database file per store, documents on disk, and what it learned of field types', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-file-'));
    const store = await openIn(dir);
    const items = store.collection<Tagged>('items');
    await items.insertMany([
      { _id: 'a', tag: 'x' },
      { _id: 'b', tag: ['x', 'y'] },
    ]);
    await store.close();
    expect(await readdir(dir)).toEqual([STORE_FILE]); // the WAL is checkpointed into it on close

    const again = await openIn(dir);
    const kept = again.collection<Tagged>('items');
    // Only the persisted types tell the new process that `tag` holds arrays somewhere.
    expect(ids(await kept.find({ tag: 'y' }))).toEqual(['b']);
    await again.close();
    await expect(kept.find({})).rejects.toThrow(/closed/);
    await expect(kept.insertOne({ _id: 'c' })).rejects.toThrow(/closed/);
    expect(() => again.collection('others')).toThrow(/closed/);
  });

  it('leaves nothing of what was erased in the file: no contact of a withdrawn firm in free space', async () => {
    interface Lead extends Doc {
      contact?: { email: string } | null;
      note?: string;
    }
    const dir = await mkdtemp(join(tmpdir(), 'store-erase-'));
    const store = await openIn(dir);
    const leads = store.collection<Lead>('leads');
    await leads.insertMany([
      { _id: 'a', contact: { email: 'wang.erased@example.com' }, note: 'x'.repeat(300) },
      { _id: 'b', contact: { email: 'li.deleted@example.com' } },
    ]);
    await leads.updateOne({ _id: 'a' }, { $set: { contact: null } });
    await leads.deleteOne({ _id: 'b' });
    await store.close();
    const bytes = await readFile(join(dir, STORE_FILE));
    expect(bytes.includes('wang.erased@example.com')).toBe(false);
    expect(bytes.includes('li.deleted@example.com')).toBe(false);
  });

  it('lets two connections to one file see each other’s writes, arrays included', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'store-file-')), 'shared.sqlite');
    const [writer, reader] = await Promise.all([createSqliteStore({ file }), createSqliteStore({ file })]);
    const written = writer.collection<Tagged>('items');
    const read = reader.collection<Tagged>('items');
    await written.insertOne({ _id: 'a', tag: 'y' });
    expect(ids(await read.find({ tag: 'y' }))).toEqual(['a']);
    await written.insertOne({ _id: 'b', tag: ['x', 'y'] });
    expect(ids(await read.find({ tag: 'y' }, { sort: { _id: 1 } }))).toEqual(['a', 'b']);
    await read.updateOne({ _id: 'a' }, { $set: { tag: ['y', 'z'] } });
    expect(await written.countDocuments({ tag: 'z' })).toBe(1);
    await Promise.all([writer.close(), reader.close()]);
  });
});

function ids(docs: readonly Doc[]): string[] {
  return docs.map((doc) => doc._id);
}
