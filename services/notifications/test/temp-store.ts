import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type DocumentStore } from '@parkmatch/store';

/** A fresh SQLite store in a temp folder; `close` removes it. */
export async function tempStore(): Promise<DocumentStore & { remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-notifications-'));
  const store = await createStore({ kind: 'sqlite', dir });
  return Object.assign(store, {
    async remove() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
}
