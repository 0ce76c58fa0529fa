// The matching engine: reading firm profiles and scoring them against park catalogs.
// Pure, but for the data files it loads (taxonomy, seed catalogs): no HTTP, store or bus.

export {
  type CatalogValidation,
  loadParkCatalogs,
  ParkAsset,
  ParkCatalog,
  ParkCatalogFile,
  type ParkCatalogInput,
  ParkDirection,
  ParkGates,
  validateCatalog,
} from './catalog.ts';
export { type CompiledCatalog, compileCatalog } from './compile-catalog.ts';
export { Engine } from './engine.ts';
export type { ProfileFeatures } from './reading/features.ts';
export { type CodeReading, type ProfileReading, readProfile } from './reading/reading.ts';
export { compareResults, matchLead } from './scoring/match.ts';
export {
  COMPONENT_WEIGHTS,
  EXCLUDED_CAP,
  MATCH_MIN,
  matchDirections,
  scoreReading,
  TIER_CUTOFFS,
  tierFor,
} from './scoring/scoring.ts';
export {
  ancestorsOf,
  labelOf,
  loadTaxonomy,
  parseTaxonomy,
  type Taxonomy,
  type TaxonomyCode,
  TaxonomySchema,
} from './taxonomy/taxonomy.ts';
export type { Bilingual, Component, Components, MatchResult } from './types.ts';
export { ENGINE_VERSION, engineVersionFor } from './version.ts';
