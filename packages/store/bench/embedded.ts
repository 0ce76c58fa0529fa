// Figures for the embedded store at 100,000 documents, with in-memory baselines from the same run.
// Run: node packages/store/bench/embedded.ts [docs]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../src/embedded/store.ts';
import type { Collection, Doc } from '../src/port.ts';

interface Match extends Doc {
  parkId: string;
  leadId: string;
  score: number;
  tier: 'A' | 'B' | 'C';
  updatedAt: string;
}

const DOCS = Number(process.argv[2] ?? 100_000);
const PARKS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const QUERIES = 300;
const WRITES = 5_000;

const print = (label: string, figure: string) => process.stdout.write(`${label.padEnd(40)} ${figure}\n`);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const perSecond = (count: number, elapsed: number) =>
  `${Math.round((count / elapsed) * 1000).toLocaleString('en')}/s`;

function makeDocs(): Match[] {
  return Array.from({ length: DOCS }, (_, i) => ({
    _id: `lead-${i}:${PARKS[i % PARKS.length]}`,
    parkId: PARKS[i % PARKS.length] as string,
    leadId: `lead-${i}`,
    score: Math.round(Math.random() * 10_000) / 100,
    tier: (['A', 'B', 'C'] as const)[i % 3] as Match['tier'],
    updatedAt: new Date(Date.now() - i * 1000).toISOString(),
  }));
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

interface Latency {
  p50: number;
  p95: number;
  max: number;
}

/** `QUERIES` runs of `query`, one park after another. */
async function latency(query: (parkId: string) => unknown): Promise<Latency> {
  const samples: number[] = [];
  for (let i = 0; i < QUERIES; i++) samples.push(await time(() => query(PARKS[i % PARKS.length] as string)));
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

const show = ({ p50, p95, max }: Latency) => `p50 ${ms(p50)}  p95 ${ms(p95)}  max ${ms(max)}`;

async function insertAll(collection: Collection<Match>, docs: readonly Match[]): Promise<number> {
  return time(async () => {
    for (let i = 0; i < docs.length; i += 1_000) await collection.insertMany(docs.slice(i, i + 1_000));
  });
}

async function updateSome(collection: Collection<Match>, docs: readonly Match[]): Promise<number> {
  return time(async () => {
    for (let i = 0; i < WRITES; i++) {
      const { _id } = docs[(i * 7919) % docs.length] as Match;
      await collection.updateOne(
        { _id },
        { $set: { score: (i % 100) + 0.5, updatedAt: new Date().toISOString() } },
      );
    }
  });
}

async function openMatches(dir: string) {
  const store = await createEmbeddedStore({ dir });
  const matches = store.collection<Match>('matches');
  await matches.createIndex({ keys: { parkId: 1, score: -1 }, purpose: "a park's ranked lead list" });
  await matches.createIndex({ keys: { leadId: 1 }, purpose: "a lead's scores at every park" });
  return { store, matches };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'store-bench-'));
  const docs = makeDocs();
  print(
    'embedded store',
    `${DOCS.toLocaleString('en')} docs, ${PARKS.length} parks, node ${process.version}`,
  );

  const { store, matches } = await openMatches(dir);
  const inserted = await insertAll(matches, docs);
  print('bulk insert (insertMany of 1,000)', `${perSecond(DOCS, inserted)}  (${ms(inserted)} in all)`);

  const top = await latency((parkId) => matches.find({ parkId }, { sort: { score: -1 }, limit: 50 }));
  print('find {parkId} score desc, limit 50', show(top));
  const count = await latency((parkId) => matches.countDocuments({ parkId }));
  print('countDocuments {parkId}', show(count));
  const narrowed = await latency((parkId) =>
    matches.find({ parkId, tier: 'A', score: { $gte: 50 } }, { sort: { score: -1 }, limit: 50 }),
  );
  print('find {parkId, tier, score >= 50} top 50', show(narrowed));

  print('updateOne by _id ($set)', perSecond(WRITES, await updateSome(matches, docs)));
  const claims = await time(async () => {
    for (let i = 0; i < WRITES; i++) {
      const { _id } = docs[(i * 104_729) % DOCS] as Match;
      await matches.findOneAndUpdate({ _id }, { $set: { tier: 'B', updatedAt: new Date().toISOString() } });
    }
  });
  print('findOneAndUpdate by _id', perSecond(WRITES, claims));
  const reads = await time(async () => {
    for (let i = 0; i < WRITES; i++) await matches.findOne({ _id: (docs[(i * 31) % DOCS] as Match)._id });
  });
  print('findOne by _id', perSecond(WRITES, reads));

  // The same updates without the parkId index: nedb keeps the documents sharing one value of a
  // non-unique index in an array that it scans on every update of one of them.
  const plain = store.collection<Match>('plain');
  await insertAll(plain, docs);
  const oneByOne = await updateSome(plain, docs);
  print('updateOne by _id, no parkId index', perSecond(WRITES, oneByOne));
  const batched = await time(async () => {
    for (let start = 0; start < WRITES; start += 500) {
      await plain.bulkUpdateById(
        Array.from({ length: 500 }, (_, k) => ({
          _id: (docs[((start + k) * 7919) % docs.length] as Match)._id,
          update: { $set: { score: ((start + k) % 100) + 0.25, updatedAt: new Date().toISOString() } },
        })),
      );
    }
  });
  print('bulkUpdateById, 500 a call, same updates', perSecond(WRITES, batched));
  print('ratio bulk / one by one', `${(oneByOne / batched).toFixed(1)}x`);

  const datafile = (await stat(join(dir, 'matches.db'))).size;
  await store.close();
  let reopened: Awaited<ReturnType<typeof openMatches>> | undefined;
  const startup = await time(async () => {
    reopened = await openMatches(dir);
    await reopened.matches.countDocuments({ parkId: 'p1' });
  });
  print('startup (open, load, first query)', `${ms(startup)}  (datafile ${(datafile / 1e6).toFixed(1)} MB)`);
  await reopened?.store.close();
  await rm(dir, { recursive: true, force: true });

  // Baselines: the same questions asked of a plain array in memory (no store, no copies).
  const arrayTop = await latency((parkId) =>
    docs
      .filter((d) => d.parkId === parkId)
      .sort((a, b) => b.score - a.score)
      .slice(0, 50),
  );
  print('baseline: array filter+sort+slice', show(arrayTop));
  const arrayCount = await latency((parkId) => docs.filter((d) => d.parkId === parkId).length);
  print('baseline: array filter+count', show(arrayCount));
  print(
    'ratio top-50 store/array',
    `p50 ${(top.p50 / arrayTop.p50).toFixed(1)}x  p95 ${(top.p95 / arrayTop.p95).toFixed(1)}x`,
  );
  print('ratio count store/array', `p50 ${(count.p50 / arrayCount.p50).toFixed(1)}x`);
}

await main();
