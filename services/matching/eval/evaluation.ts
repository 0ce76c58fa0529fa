import { readFileSync } from 'node:fs';
import { type Profile, ProfileInput, Tier } from '@parkmatch/contracts';
import { z } from 'zod';
import {
  compareResults,
  compileCatalog,
  type MatchResult,
  type ParkCatalog,
  readProfile,
  scoreReading,
  type Taxonomy,
} from '../src/engine/index.ts';

// Quality of the engine against a labelled set: best park, Dadukou tier, codes,
// pairwise order. Used by eval/evaluate.ts and by the quality test.

export const DADUKOU = 'dadukou-ivd';

const Expected = z.object({
  /** Acceptable best parks; empty means "tier D everywhere". */
  bestParks: z.union([z.array(z.string()), z.string()]).transform((v) => (typeof v === 'string' ? [v] : v)),
  dadukouTier: Tier,
  codes: z.array(z.string()).optional(),
});

const LabelledItem = z
  .object({
    id: z.string().optional(),
    profile: ProfileInput.optional(),
    input: ProfileInput.optional(),
    expected: Expected,
  })
  .transform((item, ctx) => {
    const profile = item.profile ?? item.input;
    if (profile === undefined) {
      ctx.addIssue({ code: 'custom', message: 'item needs a profile' });
      return z.NEVER;
    }
    return { id: item.id, profile, expected: item.expected };
  });

export interface LabelledCase {
  readonly id: string;
  readonly profile: Profile;
  readonly expected: {
    readonly bestParks: readonly string[];
    readonly dadukouTier: Tier;
    readonly codes?: readonly string[] | undefined;
  };
}

/** Reads a labelled set: JSON Lines, or a JSON array (or `{ items: [...] }`). */
export function loadLabelledSet(path: string): LabelledCase[] {
  const raw = readFileSync(path, 'utf8').trim();
  let rows: unknown[];
  if (raw.startsWith('[') || raw.startsWith('{"items"') || raw.startsWith('{ "items"')) {
    const parsed: unknown = JSON.parse(raw);
    rows = Array.isArray(parsed) ? parsed : z.object({ items: z.array(z.unknown()) }).parse(parsed).items;
  } else {
    rows = raw
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as unknown);
  }
  return rows.map((row, i) => {
    const item = LabelledItem.safeParse(row);
    if (!item.success)
      throw new Error(
        `labelled item ${i + 1}: ${item.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
    return { ...item.data, id: item.data.id ?? `#${i + 1}` };
  });
}

export interface CaseOutcome {
  readonly id: string;
  readonly expected: LabelledCase['expected'];
  readonly results: readonly MatchResult[];
  readonly dadukou: MatchResult | undefined;
  readonly codes: readonly string[];
  readonly bestParkCorrect: boolean;
}

export interface Ratio {
  readonly hits: number;
  readonly total: number;
  readonly value: number;
}

export interface EvaluationReport {
  readonly cases: readonly CaseOutcome[];
  readonly bestPark: Ratio;
  readonly tierExact: Ratio;
  readonly tierWithinOne: Ratio;
  readonly codeHitRate: Ratio;
  readonly pairwise: Ratio;
}

const TIER_RANK: Record<Tier, number> = { A: 3, B: 2, C: 1, D: 0 };
const ratio = (hits: number, total: number): Ratio => ({
  hits,
  total,
  value: total === 0 ? 1 : hits / total,
});

export function evaluate(
  cases: readonly LabelledCase[],
  catalogs: readonly ParkCatalog[],
  taxonomy: Taxonomy,
): EvaluationReport {
  const compiled = catalogs.map((c) => compileCatalog(c, taxonomy));
  const outcomes: CaseOutcome[] = cases.map((c) => {
    const reading = readProfile(c.profile, taxonomy);
    const results = catalogs
      .map((catalog, i) => scoreReading(reading, c.profile, catalog, compiled[i]))
      .sort(compareResults);
    const top = results[0];
    const bestParkCorrect =
      c.expected.bestParks.length === 0
        ? results.every((r) => r.tier === 'D')
        : top !== undefined && c.expected.bestParks.includes(top.parkId);
    return {
      id: c.id,
      expected: c.expected,
      results,
      dadukou: results.find((r) => r.parkId === DADUKOU),
      codes: reading.codes.map((x) => x.code),
      bestParkCorrect,
    };
  });

  const withTier = outcomes.filter((o) => o.dadukou !== undefined);
  const exact = withTier.filter((o) => o.dadukou?.tier === o.expected.dadukouTier).length;
  const withinOne = withTier.filter(
    (o) => Math.abs(TIER_RANK[o.dadukou?.tier ?? 'D'] - TIER_RANK[o.expected.dadukouTier]) <= 1,
  ).length;

  let codeHits = 0;
  let codeTotal = 0;
  for (const o of outcomes) {
    for (const code of o.expected.codes ?? []) {
      codeTotal++;
      if (o.codes.includes(code)) codeHits++;
    }
  }

  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < withTier.length; i++) {
    for (let j = i + 1; j < withTier.length; j++) {
      const a = withTier[i];
      const b = withTier[j];
      if (a === undefined || b === undefined) continue;
      const expected = TIER_RANK[a.expected.dadukouTier] - TIER_RANK[b.expected.dadukouTier];
      if (expected === 0) continue;
      pairs++;
      const got = (a.dadukou?.score ?? 0) - (b.dadukou?.score ?? 0);
      if (got === 0) agree += 0.5;
      else if (Math.sign(got) === Math.sign(expected)) agree++;
    }
  }

  return {
    cases: outcomes,
    bestPark: ratio(outcomes.filter((o) => o.bestParkCorrect).length, outcomes.length),
    tierExact: ratio(exact, withTier.length),
    tierWithinOne: ratio(withinOne, withTier.length),
    codeHitRate: ratio(codeHits, codeTotal),
    pairwise: ratio(agree, pairs),
  };
}

const pct = (r: Ratio): string =>
  `${r.value.toFixed(3)} (${Number.isInteger(r.hits) ? r.hits : r.hits.toFixed(1)}/${r.total})`;

/** The report as printed by `node services/matching/eval/evaluate.ts`. */
export function formatReport(report: EvaluationReport): string {
  const lines = [
    `profiles:                    ${report.cases.length}`,
    `best-park accuracy:          ${pct(report.bestPark)}`,
    `dadukou tier exact:          ${pct(report.tierExact)}`,
    `dadukou tier within one:     ${pct(report.tierWithinOne)}`,
    `direction-code hit rate:     ${pct(report.codeHitRate)}`,
    `pairwise order agreement:    ${pct(report.pairwise)}`,
  ];
  const misses: string[] = [];
  for (const o of report.cases) {
    const top = o.results[0];
    const d = o.dadukou;
    const problems: string[] = [];
    if (!o.bestParkCorrect) {
      const want = o.expected.bestParks.length === 0 ? 'all D' : o.expected.bestParks.join('|');
      const got = o.results
        .map((r) => `${r.parkId}:${r.score}${r.tier}`)
        .slice(0, 3)
        .join(' ');
      problems.push(`best park want ${want}, got ${top?.parkId ?? '-'} [${got}]`);
    }
    if (d !== undefined && d.tier !== o.expected.dadukouTier) {
      problems.push(`dadukou tier want ${o.expected.dadukouTier}, got ${d.tier} (${d.score})`);
    }
    const missing = (o.expected.codes ?? []).filter((c) => !o.codes.includes(c));
    if (missing.length > 0)
      problems.push(`codes missing ${missing.join(',')} (read ${o.codes.slice(0, 4).join(',') || '-'})`);
    if (problems.length > 0) misses.push(`  ${o.id}: ${problems.join('; ')}`);
  }
  lines.push(`misses (${misses.length}):`, ...(misses.length > 0 ? misses : ['  none']));
  return `${lines.join('\n')}\n`;
}
