import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract } from '../contract.case.ts';
import type { DocumentStore } from '../port.ts';
import { createEmbeddedStore } from './store.ts';

const dirs = new Map<DocumentStore, string>();
afterAll(async () => {
  await Promise.all([...new Set(dirs.values())].map((dir) => rm(dir, { recursive: true, force: true })));
});

async function openIn(dir: string): Promise<DocumentStore> {
  const store = await createEmbeddedStore({ dir });
  dirs.set(store, dir);
  return store;
}

runStoreContract({
  name: 'embedded (nedb + mingo)',
  open: async () => openIn(await mkdtemp(join(tmpdir(), 'store-contract-'))),
  reopen: async (closed) => openIn(dirs.get(closed) as string),
});

describe('embedded store files', () => {
  it('keeps one datafile per collection, holding a write once its promise resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-files-'));
    const store = await openIn(dir);
    await store.collection('leads').insertOne({ _id: 'lead-1' });
    await store.collection('leads').updateOne({ _id: 'lead-1' }, { $set: { stage: 'new' } });
    const lines = (await readFile(join(dir, 'leads.db'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toContainEqual({ _id: 'lead-1', stage: 'new' });
    await store.close();
  });

  it('loads a datafile whose last line was cut short by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-files-'));
    const store = await openIn(dir);
    await store.collection('leads').insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `lead-${i}` })));
    await store.close();
    await appendFile(join(dir, 'leads.db'), '{"_id":"lead-20","sta');
    const again = await openIn(dir);
    expect(await again.collection('leads').countDocuments()).toBe(20);
    await again.close();
  });
});
