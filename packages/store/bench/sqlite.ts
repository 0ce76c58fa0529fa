// Figures for the SQLite store at 600,000 score-like documents. The baseline, measured in the
// same run, is the same table layout (JSONB documents, the same expression indexes, the same
// pragmas) driven by hand-written SQL through node:sqlite: the ratio is what the adapter adds
// (filter translation, mingo updates, field types, copies).
// Run: node packages/store/bench/sqlite.ts [docs]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Collection, Doc } from '../src/port.ts';
import { createSqliteStore, type SqliteStore } from '../src/sqlite/store.ts';

interface Match extends Doc {
  leadId: string;
  parkId: string;
  score: number;
  tier: 'A' | 'B' | 'C' | 'D';
  matchedDirections: string[];
  engineVersion: string;
  catalogVersion: number;
  firmName: string;
  profileRevision: number;
  updatedAt: string;
}

const DOCS = Number(process.argv[2] ?? 600_000);
const PARKS = ['dadukou-ivd', 'biocity', 'liangjiang', 'gaoxin', 'changshou', 'fuling'];
const LEADS = Math.ceil(DOCS / PARKS.length);
const INSERT_BATCH = 1_000;
const SINGLE_UPDATES = 3_000;
const BULK = 500;
const BULK_BATCHES = 20;
const QUERIES = 300;

const leadAt = (i: number) => `lead-${String(i % LEADS).padStart(6, '0')}`;
const parkAt = (i: number) => PARKS[Math.floor(i / LEADS) % PARKS.length] as string;
/** The _id of document i (any i: taken modulo the number of documents). */
const idOf = (i: number) => `${leadAt(i % DOCS)}:${parkAt(i % DOCS)}`;

/** Document i, built when needed so the bench holds no copy of the data in memory. */
function makeDoc(i: number): Match {
  const lead = i % LEADS;
  const parkId = parkAt(i);
  const score = ((i * 7_919) % 10_000) / 100;
  return {
    _id: idOf(i),
    leadId: leadAt(i),
    parkId,
    score,
    tier: score >= 76 ? 'A' : score >= 52 ? 'B' : score >= 30 ? 'C' : 'D',
    matchedDirections: ['ivd-reagents', 'poct-devices'].slice(0, 1 + (i % 2)),
    engineVersion: '1.1.0+tax-2025.4',
    catalogVersion: 7,
    firmName: `示例生物科技有限公司 ${lead}`,
    profileRevision: 1 + (i % 3),
    updatedAt: new Date(1_760_000_000_000 + i * 1_000).toISOString(),
  };
}

const print = (label: string, figure: string) => process.stdout.write(`${label.padEnd(44)} ${figure}\n`);
const perSecond = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/**
 * Runs each contender once per round, in turn, and returns each one's times (ms). Taking
 * turns spreads the load of this shared machine over all of them alike.
 */
async function rounds(count: number, ...contenders: ((round: number) => unknown)[]): Promise<number[][]> {
  const samples = contenders.map((): number[] => []);
  for (let round = 0; round < count; round++) {
    for (const [k, run] of contenders.entries()) {
      const start = performance.now();
      await run(round);
      samples[k]?.push(performance.now() - start);
    }
  }
  return samples;
}

const total = (samples: readonly number[] = []) => samples.reduce((a, b) => a + b, 0);

function percentiles(samples: readonly number[] = []): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

function compare(label: string, [store, raw]: number[][]): void {
  const s = percentiles(store);
  const r = percentiles(raw);
  const ms = (value: number) => value.toFixed(3);
  print(
    label,
    `store p50 ${ms(s.p50)} p95 ${ms(s.p95)} ms | raw p50 ${ms(r.p50)} p95 ${ms(r.p95)} ms | store/raw p50 ${(s.p50 / r.p50).toFixed(2)}`,
  );
}

function rates(label: string, count: number, [store, raw]: number[][]): void {
  const storeMs = total(store);
  const rawMs = total(raw);
  print(
    label,
    `store ${perSecond(count, storeMs)} | raw ${perSecond(count, rawMs)} | store/raw time ${(storeMs / rawMs).toFixed(2)}`,
  );
}

/** The hand-written baseline: the adapter's table layout and indexes, SQL written out. */
function openRaw(file: string) {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS m (_id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL) STRICT;
    CREATE INDEX IF NOT EXISTS m_lead ON m (json_extract(doc,'$.leadId'));
    CREATE INDEX IF NOT EXISTS m_park ON m (json_extract(doc,'$.parkId'), json_extract(doc,'$.score') DESC);
    CREATE INDEX IF NOT EXISTS m_updated ON m (json_extract(doc,'$.updatedAt'));
    CREATE INDEX IF NOT EXISTS m_outbox ON m (json_extract(doc,'$._outboxPending'));`);
  const parseAll = (rows: unknown[]) =>
    (rows as { doc: string }[]).map((row) => JSON.parse(row.doc) as Match);
  const statements = {
    insert: db.prepare('INSERT INTO m (_id, doc) VALUES (?, jsonb(?))'),
    get: db.prepare('SELECT json(doc) AS doc FROM m WHERE _id = ?'),
    update: db.prepare('UPDATE m SET doc = jsonb(?) WHERE _id = ?'),
    byIds: db.prepare('SELECT json(doc) AS doc FROM m WHERE _id IN (SELECT value FROM json_each(?))'),
    byLead: db.prepare(`SELECT json(doc) AS doc FROM m WHERE json_extract(doc,'$.leadId') = ?`),
    top: db.prepare(
      `SELECT json(doc) AS doc FROM m WHERE json_extract(doc,'$.parkId') = ? ORDER BY json_extract(doc,'$.score') DESC LIMIT 50`,
    ),
    count: db.prepare(`SELECT count(*) AS n FROM m WHERE json_extract(doc,'$.parkId') = ?`),
    all: db.prepare('SELECT json(doc) AS doc FROM m'),
  };
  const transaction = (run: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      run();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
  const change = (id: string, score: number) => {
    const doc = JSON.parse((statements.get.get(id) as { doc: string }).doc) as Match;
    doc.score = score;
    doc.updatedAt = new Date().toISOString();
    statements.update.run(JSON.stringify(doc), id);
  };
  return {
    close: () => db.close(),
    insertMany: (docs: Match[]) =>
      transaction(() => {
        for (const doc of docs) statements.insert.run(doc._id, JSON.stringify(doc));
      }),
    updateOne: (id: string, score: number) => transaction(() => change(id, score)),
    updateMany: (ids: string[], score: number) =>
      transaction(() => {
        for (const id of ids) change(id, score);
      }),
    byIds: (ids: string[]) => parseAll(statements.byIds.all(JSON.stringify(ids))),
    byLead: (leadId: string) => parseAll(statements.byLead.all(leadId)),
    top: (parkId: string) => parseAll(statements.top.all(parkId)),
    count: (parkId: string) => Number((statements.count.get(parkId) as { n: number }).n),
    all: () => parseAll(statements.all.all()),
  };
}

async function openStore(dir: string): Promise<{ store: SqliteStore; matches: Collection<Match> }> {
  const store = await createSqliteStore({ dir });
  const matches = store.collection<Match>('matches');
  await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores at every park" });
  await matches.createIndex({ keys: { parkId: 1, score: -1 }, purpose: "a park's ranked list" });
  await matches.createIndex({ keys: { updatedAt: 1 }, purpose: 'catch-up since a watermark' });
  await matches.createIndex({ keys: { _outboxPending: 1 }, purpose: 'outbox relay' });
  return { store, matches };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'store-bench-'));
  const rssAtStart = process.memoryUsage().rss;
  print('sqlite store', `${DOCS.toLocaleString('en')} docs, ${PARKS.length} parks, node ${process.version}`);
  print('document size (JSON)', `${JSON.stringify(makeDoc(1)).length} bytes`);
  let { store, matches } = await openStore(dir);
  const raw = openRaw(join(dir, 'raw.sqlite'));

  const batch = (round: number) =>
    Array.from({ length: Math.min(INSERT_BATCH, DOCS - round * INSERT_BATCH) }, (_, k) =>
      makeDoc(round * INSERT_BATCH + k),
    );
  const inserts = await rounds(
    Math.ceil(DOCS / INSERT_BATCH),
    (round) => matches.insertMany(batch(round)),
    (round) => raw.insertMany(batch(round)),
  );
  rates(`insertMany, ${INSERT_BATCH.toLocaleString('en')} a call`, DOCS, inserts);
  const rssAfterInsert = process.memoryUsage().rss;

  // Single updates, each its own transaction; the third contender fsyncs every commit
  // (synchronous = full) through a second connection to the same file.
  const full = await createSqliteStore({ file: join(dir, 'store.sqlite'), synchronous: 'full' });
  const fullMatches = full.collection<Match>('matches');
  const BLOCK = 100;
  const singles = await rounds(
    SINGLE_UPDATES / BLOCK,
    async (round) => {
      for (let k = 0; k < BLOCK; k++) {
        const i = round * BLOCK + k;
        await matches.updateOne(
          { _id: idOf(i * 104_729) },
          { $set: { score: i % 100, updatedAt: new Date().toISOString() } },
        );
      }
    },
    (round) => {
      for (let k = 0; k < BLOCK; k++) raw.updateOne(idOf((round * BLOCK + k) * 104_729), k);
    },
    async (round) => {
      for (let k = 0; k < BLOCK; k++) {
        const i = round * BLOCK + k;
        await fullMatches.updateOne(
          { _id: idOf(i * 15_485_863) },
          { $set: { score: i % 100, updatedAt: new Date().toISOString() } },
        );
      }
    },
  );
  await full.close();
  rates('updateOne by _id, one transaction each', SINGLE_UPDATES, singles);
  const fullMs = total(singles[2]);
  print(
    'updateOne by _id, synchronous = full',
    `${perSecond(SINGLE_UPDATES, fullMs)} (full/normal time ${(fullMs / total(singles[0])).toFixed(2)})`,
  );

  const bulkIds = (round: number) => Array.from({ length: BULK }, (_, k) => idOf((round * BULK + k) * 7_919));
  const bulks = await rounds(
    BULK_BATCHES,
    (round) =>
      matches.bulkUpdateById(
        bulkIds(round).map((_id, k) => ({
          _id,
          update: { $set: { score: k % 100, updatedAt: new Date().toISOString() } },
        })),
      ),
    (round) => raw.updateMany(bulkIds(round), round),
  );
  rates(`bulkUpdateById, ${BULK} a call (updates/s)`, BULK * BULK_BATCHES, bulks);

  const ids = (round: number) => Array.from({ length: 500 }, (_, k) => idOf((round * 500 + k) * 31));
  compare(
    'find _id $in 500 ids',
    await rounds(
      QUERIES,
      (round) => matches.find({ _id: { $in: ids(round) } }),
      (round) => raw.byIds(ids(round)),
    ),
  );
  const leadOf = (round: number) => leadAt(round * 7_919);
  compare(
    'find {leadId} (indexed, 6 docs)',
    await rounds(
      QUERIES,
      (round) => matches.find({ leadId: leadOf(round) }),
      (round) => raw.byLead(leadOf(round)),
    ),
  );
  const parkOf = (round: number) => PARKS[round % PARKS.length] as string;
  compare(
    'find {parkId} sort score desc limit 50',
    await rounds(
      QUERIES,
      (round) => matches.find({ parkId: parkOf(round) }, { sort: { score: -1 }, limit: 50 }),
      (round) => raw.top(parkOf(round)),
    ),
  );
  compare(
    `countDocuments {parkId} (${Math.round(DOCS / PARKS.length).toLocaleString('en')} each)`,
    await rounds(
      QUERIES / 3,
      (round) => matches.countDocuments({ parkId: parkOf(round) }),
      (round) => raw.count(parkOf(round)),
    ),
  );

  const peakBeforeLoad = process.resourceUsage().maxRSS * 1024;
  // What loading the matching service's rank index asks at start: every document, six fields.
  const fields = ['leadId', 'parkId', 'score', 'tier', 'matchedDirections', 'updatedAt'] as const;
  const projection = Object.fromEntries(fields.map((field) => [field, 1 as const]));
  const loads = await rounds(
    1,
    () => matches.find({}, { projection }),
    () =>
      raw
        .all()
        .map((doc) => Object.fromEntries([['_id', doc._id], ...fields.map((field) => [field, doc[field]])])),
  );
  rates('find {} projecting 6 fields (docs/s)', DOCS, loads);

  const size = (await stat(join(dir, 'store.sqlite'))).size;
  await store.close();
  raw.close();
  const startup = total(
    (
      await rounds(1, async () => {
        ({ store, matches } = await openStore(dir));
        await matches.findOne({ parkId: 'biocity' }, { sort: { score: -1 } });
      })
    )[0],
  );
  print('startup (open, indexes, first query)', `${startup.toFixed(1)} ms (file ${mib(size)})`);
  await store.close();
  print(
    'RSS start / after inserts / peak before',
    `${mib(rssAtStart)} / ${mib(rssAfterInsert)} / ${mib(peakBeforeLoad)}`,
  );
  print('RSS peak with find {} results held', mib(process.resourceUsage().maxRSS * 1024));
  await rm(dir, { recursive: true, force: true });
}

await main();
