import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../port.ts';
import { BackgroundCheckpointer } from './checkpointer.ts';
import { createSqliteStore, STORE_FILE } from './store.ts';

// A worker thread checkpoints, not the store's connection (no commit stalls for a copy and its
// fsyncs; the connection's own threshold is a backstop at about 40 MB of WAL). Seen from
// outside: while the store is open and writing, its writes reach the database file itself —
// with no checkpointer they would stay in the WAL. And under writes that never pause, the WAL
// stays bounded (the backstop).

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Page extends Doc {
  text: string;
}

describe('background checkpoints', () => {
  it('copy the WAL into the database file while the store is open, and close leaves the file alone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-checkpoint-'));
    const store = await createSqliteStore({ dir });
    const pages = store.collection<Page>('pages');
    const empty = (await stat(join(dir, STORE_FILE))).size;
    // ~1 MiB in 64 commits: far below the backstop.
    for (let round = 0; round < 64; round++) {
      await pages.insertMany(
        Array.from({ length: 8 }, (_, i) => ({ _id: `${round}-${i}`, text: 'x'.repeat(2_000) })),
      );
    }
    const file = join(dir, STORE_FILE);
    const deadline = Date.now() + 5_000;
    while ((await stat(file)).size < empty + 1_000_000 && Date.now() < deadline) await sleep(50);
    expect((await stat(file)).size).toBeGreaterThan(empty + 1_000_000);
    expect(await pages.countDocuments({})).toBe(512);

    await store.close();
    expect(await readdir(dir)).toEqual([STORE_FILE]); // the store's close was the last: WAL gone
  });

  it('cut the WAL file to nothing once no one has written for a while', async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-checkpoint-'));
    const file = join(dir, STORE_FILE);
    const store = await createSqliteStore({ file });
    const pages = store.collection<Page>('pages');
    // The store's own checkpointer waits 5 s of quiet; this one, on the same file, 300 ms.
    const quick = new BackgroundCheckpointer(file, () => {}, { everyMs: 50, truncateAfterIdleMs: 300 });
    await pages.insertMany(
      Array.from({ length: 100 }, (_, i) => ({ _id: `p${i}`, text: 'x'.repeat(2_000) })),
    );
    expect((await stat(`${file}-wal`)).size).toBeGreaterThan(200_000);
    const deadline = Date.now() + 5_000;
    while ((await stat(`${file}-wal`)).size > 0 && Date.now() < deadline) await sleep(50);
    expect((await stat(`${file}-wal`)).size).toBe(0);
    // Writing again works as ever.
    await pages.insertOne({ _id: 'again', text: 'y' });
    expect(await pages.countDocuments({})).toBe(101);
    quick.stop();
    await store.close();
  });

  it('keep the WAL bounded under writes that never pause', async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-checkpoint-'));
    const store = await createSqliteStore({ dir });
    const pages = store.collection<Page>('pages');
    const wal = join(dir, `${STORE_FILE}-wal`);
    let largest = 0;
    // ~120 MB written back to back, three times the backstop: without it the WAL takes it all.
    for (let round = 0; round < 400; round++) {
      await pages.insertMany(
        Array.from({ length: 100 }, (_, i) => ({ _id: `${round}-${i}`, text: 'x'.repeat(3_000) })),
      );
      largest = Math.max(largest, (await stat(wal)).size);
    }
    expect(largest).toBeLessThan(80 * 2 ** 20);
    await store.close();
  });

  it('report a worker that cannot open the file, so that the store checkpoints by itself again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-checkpoint-'));
    const failure = Promise.withResolvers<unknown>();
    const checkpointer = new BackgroundCheckpointer(join(dir, 'no-such-folder', 'x.sqlite'), failure.resolve);
    const error = await failure.promise;
    expect(String(error)).toMatch(/unable to open database file/);
    checkpointer.stop(); // returns at once: the worker had already let go
  });
});
