// How long a commit keeps the event loop when SQLite checkpoints on the committing connection
// (its default: the commit that takes the WAL past 1,000 pages copies it back and fsyncs) against
// the store's way (checkpointer.ts: the connection never checkpoints, a worker thread does).
// Same workload for both, in the same run, rounds alternating: every 10 ms one transaction of
// 15 lead-sized JSONB documents (an expression index on them) and 15 outbox rows — 1,500
// documents a second, about what leads writes at full intake.
// Run: node packages/store/bench/checkpoints.ts [seconds per round, default 10] [rounds each, default 2]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundCheckpointer } from '../src/sqlite/checkpointer.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 2);
const PER_COMMIT = 15;
const EVERY_MS = 10;
const PAD = 'x'.repeat(2_500);

type Mode = 'inline' | 'background';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function round(mode: Mode): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-checkpoints-'));
  const file = join(dir, 'store.sqlite');
  const db = new DatabaseSync(file, { timeout: 5_000 });
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = ${64 * 2 ** 20};
    PRAGMA wal_autocheckpoint = ${mode === 'inline' ? 1000 : 0};
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
    await sleep(EVERY_MS);
  }
  checkpointer?.stop();
  db.close();
  await rm(dir, { recursive: true, force: true });
  return commits;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  say(
    `commit latency: ${PER_COMMIT} documents + ${PER_COMMIT} outbox rows every ${EVERY_MS} ms, ` +
      `${SECONDS} s per round, ${ROUNDS} rounds each, alternating`,
  );
  const samples: Record<Mode, number[]> = { inline: [], background: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of ['inline', 'background'] as const) samples[mode].push(...(await round(mode)));
  }
  const p99: Partial<Record<Mode, number>> = {};
  for (const mode of ['inline', 'background'] as const) {
    const sorted = [...samples[mode]].sort((a, b) => a - b);
    p99[mode] = quantile(sorted, 0.99);
    const label =
      mode === 'inline' ? 'SQLite checkpoints in the commit (baseline)' : 'worker-thread checkpoints (store)';
    say(
      `${label.padEnd(44)} ${sorted.length} commits: p50 ${ms(quantile(sorted, 0.5))}  p99 ${ms(quantile(sorted, 0.99))}  ` +
        `p99.9 ${ms(quantile(sorted, 0.999))}  max ${ms(sorted.at(-1) ?? 0)}  over 10 ms: ${sorted.filter((t) => t > 10).length}`,
    );
  }
  say(`p99 store / baseline: ${((p99.background ?? 0) / (p99.inline ?? 1)).toFixed(2)}×`);
}

await main();
