export { closedGates, firmAgeYears } from './eligibility.ts';
export { matchNeed } from './match.ts';
export { scoreProduct, WEIGHTS } from './scoring.ts';
export type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';
