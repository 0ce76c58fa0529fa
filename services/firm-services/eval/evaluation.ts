import { readFileSync } from 'node:fs';
import {
  COLLATERAL_KINDS,
  FINANCING_PURPOSES,
  GATES,
  GROWTH_STAGES,
  QUALIFICATIONS,
  SECTORS,
  URGENCIES,
} from '@parkmatch/contracts';
import { z } from 'zod';
import { demoProducts } from '../src/demo-data.ts';
import { matchNeed, type ProductTerms } from '../src/finance/engine/index.ts';
import { productDoc } from '../src/finance/products.ts';

// The financing engine's quality on labelled (need, product) pairs: for each case, which
// products a need is eligible for, in which order a financing adviser would recommend them, and
// which gates close the others (see eval/README.md).

/** The day the cases are judged on (firm ages count from it). */
export const EVAL_DAY = new Date('2026-11-02T02:00:00.000Z');

const Case = z.object({
  id: z.string(),
  firm: z.object({
    parkId: z.string().optional(),
    qualifications: z.array(z.enum(QUALIFICATIONS)),
    revenueCny: z.number().optional(),
    foundedYear: z.number().int().optional(),
    growthStage: z.enum(GROWTH_STAGES).optional(),
    sectors: z.array(z.enum(SECTORS)),
  }),
  need: z.object({
    amountCny: z.number(),
    purpose: z.enum(FINANCING_PURPOSES),
    termMonths: z.number().int(),
    collateral: z.array(z.enum(COLLATERAL_KINDS)),
    urgency: z.enum(URGENCIES),
  }),
  expected: z.object({
    /** The eligible products, best first. */
    eligible: z.array(z.string()),
    /** Every other product, with the gates that close it. */
    excluded: z.record(z.string(), z.array(z.enum(GATES))),
    /** Products with gates left to confirm (a fact the firm has not given); none when absent. */
    toConfirm: z.record(z.string(), z.array(z.enum(GATES))).default({}),
  }),
  why: z.string(),
});
export type Case = z.infer<typeof Case>;

export function loadCases(path: string): Case[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = Case.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const evalProducts = (): ProductTerms[] =>
  demoProducts().map(({ id, input }) => productDoc(id, input, 'eval', EVAL_DAY));

interface Rate {
  hits: number;
  total: number;
  value: number;
}
const rate = (hits: number, total: number): Rate => ({ hits, total, value: total === 0 ? 1 : hits / total });

export interface Report {
  cases: number;
  pairs: number;
  /** (need, product) pairs whose eligibility the engine got right. */
  eligibility: Rate;
  /** Excluded pairs whose closed gates are exactly the labelled ones. */
  gates: Rate;
  /** Pairs whose gates left to confirm are exactly the labelled ones (none unless labelled). */
  toConfirm: Rate;
  /** Pairs of eligible products the engine orders as labelled. */
  pairwise: Rate;
  /** Cases whose best product is the labelled best (cases with one eligible product or more). */
  top1: Rate;
  misses: string[];
}

export function evaluate(cases: readonly Case[], products: readonly ProductTerms[]): Report {
  let pairs = 0;
  let eligibleHits = 0;
  let gateHits = 0;
  let gateTotal = 0;
  let confirmHits = 0;
  let orderHits = 0;
  let orderTotal = 0;
  let topHits = 0;
  let topTotal = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const labelled = new Set([...c.expected.eligible, ...Object.keys(c.expected.excluded)]);
    for (const p of products)
      if (!labelled.has(p.id)) throw new Error(`case ${c.id} does not label product ${p.id}`);
    const matches = matchNeed(products, c.need, c.firm, EVAL_DAY);
    const byId = new Map(matches.map((m) => [m.productId, m]));
    for (const p of products) {
      pairs++;
      const match = byId.get(p.id);
      const expectEligible = c.expected.eligible.includes(p.id);
      if (match?.eligible === expectEligible) eligibleHits++;
      else
        misses.push(
          `${c.id} × ${p.id}: ${expectEligible ? 'expected eligible' : 'expected excluded'}, got ${match?.eligible ? `eligible (${match.score})` : match?.excludedBy.map((g) => g.gate).join('+')}`,
        );
      const confirm = [...(c.expected.toConfirm[p.id] ?? [])].sort();
      const confirmed = (match?.toConfirm ?? []).map((g) => g.gate).sort();
      if (JSON.stringify(confirm) === JSON.stringify(confirmed)) confirmHits++;
      else
        misses.push(
          `${c.id} × ${p.id}: to confirm ${confirm.join('+') || 'none'} expected, got ${confirmed.join('+') || 'none'}`,
        );
      const expectedGates = c.expected.excluded[p.id];
      if (expectedGates) {
        gateTotal++;
        const got = (match?.excludedBy ?? []).map((g) => g.gate).sort();
        if (JSON.stringify(got) === JSON.stringify([...expectedGates].sort())) gateHits++;
        else
          misses.push(
            `${c.id} × ${p.id}: gates ${[...expectedGates].sort().join('+')} expected, got ${got.join('+') || 'none'}`,
          );
      }
    }
    const order = matches.filter((m) => m.eligible).map((m) => m.productId);
    const expected = c.expected.eligible;
    for (let i = 0; i < expected.length; i++)
      for (let j = i + 1; j < expected.length; j++) {
        const a = order.indexOf(expected[i] as string);
        const b = order.indexOf(expected[j] as string);
        if (a < 0 || b < 0) continue;
        orderTotal++;
        if (a < b) orderHits++;
        else
          misses.push(
            `${c.id}: ${expected[i]} should rank above ${expected[j]} (scores ${byId.get(expected[i] as string)?.score} vs ${byId.get(expected[j] as string)?.score})`,
          );
      }
    if (expected.length > 0) {
      topTotal++;
      if (order[0] === expected[0]) topHits++;
    }
  }
  return {
    cases: cases.length,
    pairs,
    eligibility: rate(eligibleHits, pairs),
    gates: rate(gateHits, gateTotal),
    toConfirm: rate(confirmHits, pairs),
    pairwise: rate(orderHits, orderTotal),
    top1: rate(topHits, topTotal),
    misses,
  };
}

const pct = (r: Rate) => `${(r.value * 100).toFixed(1)}% (${r.hits}/${r.total})`;

export function formatReport(report: Report): string {
  return [
    `${report.cases} cases, ${report.pairs} (need, product) pairs`,
    `eligibility ${pct(report.eligibility)}`,
    `gates exact ${pct(report.gates)}`,
    `to confirm exact ${pct(report.toConfirm)}`,
    `pairwise order ${pct(report.pairwise)}`,
    `best product ${pct(report.top1)}`,
    ...report.misses.map((m) => `  miss: ${m}`),
  ].join('\n');
}
