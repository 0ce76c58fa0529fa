export {
  type ClosedGate,
  closedGates,
  firmAgeYears,
  type GateToConfirm,
  gatesToConfirm,
  OPTIONAL_FACTS,
  type OptionalFact,
} from './eligibility.ts';
export { type EngineMatch, matchNeed } from './match.ts';
export { scoreProduct, WEIGHTS } from './scoring.ts';
export type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';
