import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Doc } from '../port.ts';
import { createSqliteStore } from './store.ts';

// A writer killed with SIGKILL mid-run loses nothing it acknowledged and leaves no batch half
// written: every write is one transaction, committed to the WAL before its promise resolves.

const WRITER = fileURLToPath(new URL('./testing/crash-writer.ts', import.meta.url));
const BATCH_SIZE = 500;

interface Written extends Doc {
  batch: number;
  updatedBy?: number;
  updates?: number;
}

/** Runs the writer from batch `first` and kills it once `acks` batches are acknowledged; returns those. */
async function writeUntilKilled(dir: string, first: number, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, [WRITER, dir, String(first)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  const acknowledged: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    acknowledged.push(Number(line));
    if (acknowledged.length === acks) child.kill('SIGKILL'); // the next batch is being written
  }
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

describe('sqlite store killed mid-write', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps every acknowledged batch whole and no other batch partly', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-crash-'));
    dirs.push(dir);
    const acknowledged: number[] = [];
    for (const [round, acks] of [7, 12, 4, 21].entries()) {
      acknowledged.push(...(await writeUntilKilled(dir, round * 1_000, acks)));
    }

    const store = await createSqliteStore({ dir });
    const docs = store.collection<Written>('docs');
    const inserted = await docs.aggregate<{ _id: number; n: number }>([
      { $group: { _id: '$batch', n: { $sum: 1 } } },
    ]);
    const updated = await docs.aggregate<{ _id: number | null; n: number }>([
      { $group: { _id: '$updatedBy', n: { $sum: 1 } } },
    ]);
    for (const batch of acknowledged) {
      if (batch % 2 === 0)
        expect(inserted.find((g) => g._id === batch)?.n, `batch ${batch}`).toBe(BATCH_SIZE);
      else expect(updated.find((g) => g._id === batch)?.n, `batch ${batch}`).toBe(BATCH_SIZE);
    }
    for (const group of inserted) expect(group.n, `insert batch ${group._id}`).toBe(BATCH_SIZE);
    for (const group of updated.filter((g) => g._id !== null)) {
      expect(group.n, `update batch ${group._id}`).toBe(BATCH_SIZE);
    }
    expect(await docs.countDocuments({ updates: { $gt: 1 } })).toBe(0);
    await store.close();
  });
});
