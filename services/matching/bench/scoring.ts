// Usage: node services/matching/bench/scoring.ts [seconds-per-measure]
// Scoring throughput on one thread: (profile × park) pairs per second for the hot
// path (profiles read once, then scored against every park) and for reading plus
// scoring, each next to a trivial keyword-count scorer over the same data, and
// the peak resident memory of the process.
import { fileURLToPath } from 'node:url';
import type { Profile } from '@parkmatch/contracts';
import { loadLabelledSet } from '../eval/evaluation.ts';
import {
  compileCatalog,
  loadParkCatalogs,
  loadTaxonomy,
  type ParkCatalog,
  type ProfileReading,
  readProfile,
  scoreReading,
} from '../src/engine/index.ts';

const seconds = Number(process.argv[2] ?? 2);
const taxonomy = loadTaxonomy();
const catalogs = loadParkCatalogs(taxonomy);
const compiled = catalogs.map((c) => compileCatalog(c, taxonomy));

// 2,100 distinct profiles: the labelled set, each varied 30 times in text and numbers.
const base = loadLabelledSet(fileURLToPath(new URL('../eval/labelled.jsonl', import.meta.url))).map(
  (c) => c.profile,
);
const VARIANTS = 30;
const profiles: Profile[] = [];
for (let v = 0; v < VARIANTS; v++) {
  for (const p of base) {
    profiles.push({
      ...p,
      project: {
        ...p.project,
        description: `${p.project.description}（第${v + 1}期）`,
        plannedInvestmentCny: (p.project.plannedInvestmentCny ?? 1e7) * (1 + v / 10),
      },
    });
  }
}

// Baseline: count how many of each direction's strong terms occur in the text.
const termsByCode = new Map(taxonomy.codes.map((c) => [c.code, c.strong.map((t) => t.toLowerCase())]));
const baselineTerms = catalogs.map((c) =>
  c.directions.map((d) => ({ weight: d.weight, terms: termsByCode.get(d.code) ?? [] })),
);
const textOf = (p: Profile): string =>
  [p.project.title, ...p.project.products, ...p.project.technologies, p.project.description]
    .join(' ')
    .toLowerCase();
function baselineScore(text: string, park: number): number {
  let score = 0;
  for (const direction of baselineTerms[park] ?? []) {
    for (const term of direction.terms) if (text.includes(term)) score += direction.weight;
  }
  return score;
}

let sink = 0;
function measure(label: string, pairsPerRound: number, round: () => void): number {
  for (let i = 0; i < 2; i++) round(); // warm-up
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    round();
    rounds++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  const rate = (rounds * pairsPerRound) / elapsed;
  process.stdout.write(
    `${label.padEnd(52)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} pairs/s\n`,
  );
  return rate;
}

const pairs = profiles.length * catalogs.length;
process.stdout.write(
  `profiles: ${profiles.length}, parks: ${catalogs.length}, pairs per round: ${pairs}, node ${process.version}, one thread\n`,
);

const readings: ProfileReading[] = profiles.map((p) => readProfile(p, taxonomy));
const texts = profiles.map(textOf);

const hot = measure('engine, hot path (reading done once per profile)', pairs, () => {
  for (let i = 0; i < profiles.length; i++) {
    const reading = readings[i] as ProfileReading;
    const profile = profiles[i] as Profile;
    for (let k = 0; k < catalogs.length; k++) {
      sink += scoreReading(reading, profile, catalogs[k] as ParkCatalog, compiled[k]).score;
    }
  }
});
const hotBase = measure('baseline keyword count, text prepared once', pairs, () => {
  for (let i = 0; i < profiles.length; i++) {
    for (let k = 0; k < catalogs.length; k++) sink += baselineScore(texts[i] as string, k);
  }
});
const full = measure('engine, reading + scoring (read once, 6 parks)', pairs, () => {
  for (const profile of profiles) {
    const reading = readProfile(profile, taxonomy);
    for (let k = 0; k < catalogs.length; k++) {
      sink += scoreReading(reading, profile, catalogs[k] as ParkCatalog, compiled[k]).score;
    }
  }
});
const fullBase = measure('baseline keyword count, text built per profile', pairs, () => {
  for (const profile of profiles) {
    const text = textOf(profile);
    for (let k = 0; k < catalogs.length; k++) sink += baselineScore(text, k);
  }
});

const rssMb = process.resourceUsage().maxRSS / 1024;
const summary = [
  `hot path vs baseline:          ${(hot / hotBase).toFixed(2)}×`,
  `reading+scoring vs baseline:   ${(full / fullBase).toFixed(2)}×`,
  `reading+scoring, profiles/s:   ${Math.round(full / catalogs.length).toLocaleString('en-US')}`,
  `peak RSS:                      ${rssMb.toFixed(0)} MB`,
  `(checksum ${Math.round(sink) % 1000})`,
];
process.stdout.write(`${summary.join('\n')}\n`);
