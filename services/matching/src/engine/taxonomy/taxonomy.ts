import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The taxonomy of intake directions (承接方向) and how firms write about them.
// Data lives in services/matching/data/taxonomy.json; this module validates it.

export const CHAIN_LINKS = ['upstream', 'midstream', 'downstream', 'platform', 'service'] as const;

const Code = z.string().regex(/^[a-z]+(\.[a-z0-9-]+)*$/, 'codes are lower-case dotted English');
const Terms = z.array(z.string().trim().min(1).max(60)).max(400);
const Label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

const ContextualTerms = z.strictObject({
  /** Ambiguous words that count for this code only when a cue word is also present. */
  terms: Terms.min(1),
  cues: Terms.min(1),
  weight: z.number().min(0).max(1).default(0.8),
});

export const TaxonomyCode = z.strictObject({
  code: Code,
  parent: Code.optional(),
  label: Label,
  chain: z.enum(CHAIN_LINKS),
  /** Unambiguous words: one is enough. */
  strong: Terms.default([]),
  /** Generic words that only hint at the code. */
  weak: Terms.default([]),
  contextual: z.array(ContextualTerms).default([]),
  /** Words that, when present, make this code less likely (e.g. food-safety rapid tests for POCT). */
  against: Terms.default([]),
  /** Terms (from the lists above) that only match in the case written, e.g. "LAMP" but not "lamp". */
  caseSensitive: Terms.default([]),
});
export type TaxonomyCode = z.output<typeof TaxonomyCode>;

export const TaxonomySchema = z
  .strictObject({
    version: z.string().min(1),
    /** Phrases that precede a term to deny it ("不涉及", "not "). */
    negations: Terms.default([]),
    /** Phrases that mean nothing for matching but swallow shorter terms inside them ("宠物食品"). */
    neutral: Terms.default([]),
    codes: z.array(TaxonomyCode).min(1),
  })
  .superRefine((taxonomy, ctx) => {
    const codes = new Map(taxonomy.codes.map((c) => [c.code, c]));
    if (codes.size !== taxonomy.codes.length)
      ctx.addIssue({ code: 'custom', message: 'duplicate taxonomy codes' });
    for (const entry of taxonomy.codes) {
      if (entry.parent !== undefined && !codes.has(entry.parent)) {
        ctx.addIssue({ code: 'custom', message: `${entry.code}: unknown parent ${entry.parent}` });
      }
      const seen = new Set<string>();
      let cursor: string | undefined = entry.code;
      while (cursor !== undefined) {
        if (seen.has(cursor)) {
          ctx.addIssue({ code: 'custom', message: `${entry.code}: parent cycle` });
          break;
        }
        seen.add(cursor);
        cursor = codes.get(cursor)?.parent;
      }
      const all = new Set([...entry.strong, ...entry.weak, ...entry.contextual.flatMap((g) => g.terms)]);
      for (const term of entry.caseSensitive) {
        if (!all.has(term))
          ctx.addIssue({ code: 'custom', message: `${entry.code}: caseSensitive "${term}" is not a term` });
      }
    }
  });
export type Taxonomy = z.output<typeof TaxonomySchema>;

export function parseTaxonomy(raw: unknown): Taxonomy {
  return TaxonomySchema.parse(raw);
}

const TAXONOMY_URL = new URL('../../../data/taxonomy.json', import.meta.url);
let cached: Taxonomy | undefined;

/** The taxonomy shipped with the service, validated once and cached. */
export function loadTaxonomy(): Taxonomy {
  cached ??= parseTaxonomy(JSON.parse(readFileSync(TAXONOMY_URL, 'utf8')));
  return cached;
}

/** Parent chain of a code, nearest first (excluding the code itself). */
export function ancestorsOf(taxonomy: Taxonomy, code: string): string[] {
  const byCode = new Map(taxonomy.codes.map((c) => [c.code, c]));
  const out: string[] = [];
  let cursor = byCode.get(code)?.parent;
  while (cursor !== undefined && !out.includes(cursor)) {
    out.push(cursor);
    cursor = byCode.get(cursor)?.parent;
  }
  return out;
}

export function labelOf(taxonomy: Taxonomy, code: string): { zh: string; en: string } {
  const entry = taxonomy.codes.find((c) => c.code === code);
  return entry ? entry.label : { zh: code, en: code };
}
