import type {
  CollateralKind,
  Eligibility,
  FinancingPurpose,
  FirmFacts,
  ProductType,
  Urgency,
} from '@parkmatch/contracts';

// What the engine reads: a product, a need and the firm's facts. Plain data, no I/O.

export interface ProductTerms {
  id: string;
  bankId: string;
  name: { zh: string; en?: string | undefined };
  type: ProductType;
  amountCny: readonly [number, number];
  termMonths: readonly [number, number];
  ratePct?: readonly [number, number] | undefined;
  eligibility: Eligibility;
  active: boolean;
}

export interface NeedTerms {
  amountCny: number;
  purpose: FinancingPurpose;
  termMonths: number;
  collateral: readonly CollateralKind[];
  urgency: Urgency;
}

export type FirmTerms = Pick<
  FirmFacts,
  'parkId' | 'qualifications' | 'revenueCny' | 'foundedYear' | 'growthStage' | 'sectors'
>;
