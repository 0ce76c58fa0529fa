// The matching engine's pure domain: reading firm profiles and scoring them
// against park catalogs. No HTTP, database or bus here.

export {
  type CatalogValidation,
  DIRECTION_KINDS,
  type DirectionKind,
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
export {
  DADUKOU,
  type EvaluationReport,
  evaluate,
  formatReport,
  type LabelledCase,
  loadLabelledSet,
} from './evaluation.ts';
export type { ProfileFeatures } from './features.ts';
export { compareResults, matchLead } from './match.ts';
export { type CodeReading, type ProfileReading, readProfile } from './reading.ts';
export { NEED_LABELS } from './reasons.ts';
export {
  COMPONENT_WEIGHTS,
  EXCLUDED_CAP,
  MATCH_MIN,
  matchDirections,
  scoreReading,
  TIER_CUTOFFS,
  tierFor,
} from './scoring.ts';
export {
  ancestorsOf,
  labelOf,
  loadTaxonomy,
  parseTaxonomy,
  type Taxonomy,
  type TaxonomyCode,
  TaxonomySchema,
} from './taxonomy.ts';
export type { Bilingual, Component, ComponentKey, Components, MatchResult } from './types.ts';
export { COMPONENT_KEYS } from './types.ts';
export { ENGINE_VERSION, engineVersionFor } from './version.ts';
