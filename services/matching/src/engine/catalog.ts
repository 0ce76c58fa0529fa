import { readFileSync } from 'node:fs';
import { DIRECTION_KINDS, GROWTH_STAGES, NEEDS } from '@parkmatch/contracts';
import { z } from 'zod';
import { loadTaxonomy, type Taxonomy } from './taxonomy/taxonomy.ts';

// A park's catalog: its intake directions (承接方向), the assets that meet firms'
// needs, how many firms it already has per code (for chain gaps), and hard gates.
// Managers edit it through the API, so it is validated strictly.

const Label = z.strictObject({
  zh: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(200),
});
const Code = z.string().regex(/^[a-z]+(\.[a-z0-9-]+)*$/);

export const ParkDirection = z.strictObject({
  code: Code,
  kind: z.enum(DIRECTION_KINDS),
  /** How much the park wants this direction, 0..1 (1 = core). */
  weight: z.number().min(0).max(1),
  /** Growth stages the park prefers for this direction; empty means any. */
  stages: z.array(z.enum(GROWTH_STAGES)).max(GROWTH_STAGES.length).default([]),
  /** Optional park wording; the taxonomy label is used otherwise. */
  label: Label.optional(),
});
export type ParkDirection = z.output<typeof ParkDirection>;

export const ParkAsset = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  label: Label,
  meets: z.array(z.enum(NEEDS)).min(1).max(NEEDS.length),
});
export type ParkAsset = z.output<typeof ParkAsset>;

export const ParkGates = z.strictObject({
  /** Exclude firms that match none of the directions (they are tier D anyway; this shows why). */
  requireDirectionMatch: z.boolean().default(true),
  /** Exclude projects whose declared planned investment is below this, in CNY. */
  minInvestmentCny: z.number().nonnegative().max(1e13).optional(),
  /** Exclude firms whose strongest code is one of these (or below one of these). */
  excludedCodes: z.array(Code).max(50).default([]),
});
export type ParkGates = z.output<typeof ParkGates>;

export const ParkCatalog = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    version: z.number().int().nonnegative(),
    name: Label,
    directions: z.array(ParkDirection).min(1).max(100),
    assets: z.array(ParkAsset).max(100).default([]),
    /** Firms the park already has per code (for chain gaps): a list, as document keys may not hold '.'. */
    firmCounts: z
      .array(z.strictObject({ code: Code, count: z.number().int().nonnegative().max(1_000_000) }))
      .max(500)
      .default([]),
    gates: ParkGates.default({ requireDirectionMatch: true, excludedCodes: [] }),
  })
  .superRefine((catalog, ctx) => {
    const codes = catalog.directions.map((d) => d.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: 'custom', path: ['directions'], message: 'duplicate direction codes' });
    const assets = catalog.assets.map((a) => a.code);
    if (new Set(assets).size !== assets.length)
      ctx.addIssue({ code: 'custom', path: ['assets'], message: 'duplicate asset codes' });
    const counted = catalog.firmCounts.map((f) => f.code);
    if (new Set(counted).size !== counted.length)
      ctx.addIssue({ code: 'custom', path: ['firmCounts'], message: 'duplicate firm-count codes' });
  });
export type ParkCatalog = z.output<typeof ParkCatalog>;
export type ParkCatalogInput = z.input<typeof ParkCatalog>;

export const ParkCatalogFile = z.strictObject({ parks: z.array(ParkCatalog).min(1) });

export type CatalogValidation =
  | { success: true; catalog: ParkCatalog }
  | { success: false; issues: z.core.$ZodIssue[] };

/**
 * Schema check plus: every direction, firm-count and excluded code exists in the taxonomy.
 * Issues are zod's; those of the taxonomy check are worded "中文 / English".
 */
export function validateCatalog(raw: unknown, taxonomy: Taxonomy): CatalogValidation {
  const known = new Set(taxonomy.codes.map((c) => c.code));
  const result = ParkCatalog.superRefine((catalog, ctx) => {
    const check = (path: (string | number)[], code: string) => {
      if (!known.has(code))
        ctx.addIssue({
          code: 'custom',
          path,
          message: `分类中没有代码「${code}」 / unknown taxonomy code "${code}"`,
        });
    };
    for (const [i, d] of catalog.directions.entries()) check(['directions', i, 'code'], d.code);
    for (const [i, f] of catalog.firmCounts.entries()) check(['firmCounts', i, 'code'], f.code);
    for (const [i, code] of catalog.gates.excludedCodes.entries()) check(['gates', 'excludedCodes', i], code);
  }).safeParse(raw);
  return result.success
    ? { success: true, catalog: result.data }
    : { success: false, issues: result.error.issues };
}

const PARKS_URL = new URL('../../data/parks.json', import.meta.url);

/** The seed catalogs of the six parks, validated against the taxonomy. */
export function loadParkCatalogs(taxonomy: Taxonomy = loadTaxonomy()): ParkCatalog[] {
  const file = ParkCatalogFile.parse(JSON.parse(readFileSync(PARKS_URL, 'utf8')));
  return file.parks.map((park) => {
    const result = validateCatalog(park, taxonomy);
    if (!result.success)
      throw new Error(`catalog ${park.id}: ${z.prettifyError(new z.ZodError(result.issues))}`);
    return result.catalog;
  });
}
