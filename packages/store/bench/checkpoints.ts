// How long a commit keeps the event loop when SQLite checkpoints on the committing connection
// (its default: the commit that takes the WAL past 1,000 pages copies it back and fsyncs) against
// the store's way (checkpointer.ts: a worker thread checkpoints; the connection only as a
// backstop once the WAL is long, which this load, pausing between commits, never reaches).
// Same workload for both, in the same run, rounds alternating: every 10 ms one transaction of
// 15 lead-sized JSONB documents (an expression index on them) and 15 outbox rows — 1,500
// documents a second, about what leads writes at full intake.
// A pause of 0 writes back to back: no pause for the worker to finish a checkpoint in, where
// the backstop keeps the WAL bounded (the largest WAL is printed).
// Run: node packages/store/bench/checkpoints.ts [seconds per round, default 10] [rounds each, default 2]
//        [pause between commits in ms, default 10]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKSTOP_PAGES, BackgroundCheckpointer } from '../src/sqlite/checkpointer.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 2);
const PER_COMMIT = 15;
const PAUSE_MS = Number(process.argv[4] ?? 10);
const PAD = 'x'.repeat(2_500);

type Mode = 'inline' | 'background';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function round(mode: Mode): Promise<{ commits: number[]; largestWal: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-checkpoints-'));
  const file = join(dir, 'store.sqlite');
  const db = new DatabaseSync(file, { timeout: 5_000 });
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = ${64 * 2 ** 20};
    PRAGMA wal_autocheckpoint = ${mode === 'inline' ? 1000 : BACKSTOP_PAGES};
    CREATE TABLE leads (_id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL) STRICT;
    CREATE INDEX leads_by_park ON leads (doc ->> '$.parkId', doc ->> '$.score');
    CREATE TABLE _outbox (seq INTEGER PRIMARY KEY, value TEXT NOT NULL) STRICT;`);
  const checkpointer =
    mode === 'background'
      ? new BackgroundCheckpointer(file, (error) => say(`checkpointer failed: ${String(error)}`))
      : undefined;
  const insert = db.prepare('INSERT INTO leads (_id, doc) VALUES (?, jsonb(?))');
  const event = db.prepare('INSERT INTO _outbox (value) VALUES (?)');
  const commits: number[] = [];
  let largestWal = 0;
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    db.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < PER_COMMIT; i++, n++) {
      insert.run(`lead-${n}`, JSON.stringify({ parkId: `park-${n % 6}`, score: (n * 7919) % 100, pad: PAD }));
      event.run(PAD);
    }
    db.exec('COMMIT');
    commits.push(performance.now() - started);
    largestWal = Math.max(largestWal, (await stat(`${file}-wal`)).size);
    if (PAUSE_MS > 0) await sleep(PAUSE_MS);
  }
  checkpointer?.stop();
  db.close();
  await rm(dir, { recursive: true, force: true });
  return { commits, largestWal };
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  say(
    `commit latency: ${PER_COMMIT} documents + ${PER_COMMIT} outbox rows per commit, ` +
      `${PAUSE_MS > 0 ? `a pause of ${PAUSE_MS} ms after each` : 'back to back'}, ` +
      `${SECONDS} s per round, ${ROUNDS} rounds each, alternating`,
  );
  const samples: Record<Mode, number[]> = { inline: [], background: [] };
  const largestWal: Record<Mode, number> = { inline: 0, background: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of ['inline', 'background'] as const) {
      const { commits, largestWal: wal } = await round(mode);
      samples[mode].push(...commits);
      largestWal[mode] = Math.max(largestWal[mode], wal);
    }
  }
  const p99: Partial<Record<Mode, number>> = {};
  for (const mode of ['inline', 'background'] as const) {
    const sorted = [...samples[mode]].sort((a, b) => a - b);
    p99[mode] = quantile(sorted, 0.99);
    const label =
      mode === 'inline' ? 'SQLite checkpoints in the commit (baseline)' : 'worker-thread checkpoints (store)';
    say(
      `${label.padEnd(44)} ${sorted.length} commits: p50 ${ms(quantile(sorted, 0.5))}  p99 ${ms(quantile(sorted, 0.99))}  ` +
        `p99.9 ${ms(quantile(sorted, 0.999))}  max ${ms(sorted.at(-1) ?? 0)}  over 10 ms: ${sorted.filter((t) => t > 10).length}  ` +
        `largest WAL ${(largestWal[mode] / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  say(`p99 store / baseline: ${((p99.background ?? 0) / (p99.inline ?? 1)).toFixed(2)}×`);
}

await main();
