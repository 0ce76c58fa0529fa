import type { FinancingPurpose, ProductType } from '@parkmatch/contracts';
import {
  type Bilingual,
  cnyEn,
  cnyZh,
  list,
  PRODUCT_TYPE_LABELS,
  PURPOSE_LABELS,
  QUALIFICATION_LABELS,
  SECTOR_LABELS,
  STAGE_LABELS,
} from './labels.ts';
import type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';

// The score of an eligible product for a need, 0–100, as a sum of named components, each with
// the reason behind it — the same spirit as matching's engine: deterministic, explainable,
// no I/O. Weights sum to 100.

export const WEIGHTS = {
  purpose: 30,
  cost: 20,
  amount: 15,
  term: 10,
  targeting: 15,
  speed: 10,
} as const;

export interface Component {
  name: keyof typeof WEIGHTS;
  points: number;
  max: number;
}

export interface Scored {
  score: number;
  components: Component[];
  reasons: Bilingual[];
}

/** How well each product type serves each purpose (0–1). */
const PURPOSE_FIT: Readonly<Record<ProductType, Readonly<Record<FinancingPurpose, number>>>> = {
  'bridge-loan': {
    bridge: 1,
    refinancing: 0.7,
    'working-capital': 0.5,
    equipment: 0.1,
    rnd: 0.1,
    expansion: 0.1,
  },
  'commercial-value-loan': {
    'working-capital': 1,
    expansion: 0.8,
    equipment: 0.6,
    rnd: 0.6,
    refinancing: 0.4,
    bridge: 0.3,
  },
  'collateral-uplift-loan': {
    equipment: 1,
    expansion: 1,
    'working-capital': 0.6,
    refinancing: 0.5,
    rnd: 0.3,
    bridge: 0.3,
  },
  'renewal-without-repayment': {
    refinancing: 1,
    bridge: 0.8,
    'working-capital': 0.4,
    equipment: 0.1,
    rnd: 0.1,
    expansion: 0.1,
  },
  'sci-tech-relending': {
    rnd: 1,
    equipment: 0.8,
    expansion: 0.7,
    'working-capital': 0.6,
    refinancing: 0.3,
    bridge: 0.2,
  },
  equity: { rnd: 1, expansion: 0.8, 'working-capital': 0.3, equipment: 0.2, refinancing: 0.1, bridge: 0.1 },
};

/** How fast each product type usually pays out (0–1): an emergency wants the fast ones. */
const SPEED: Readonly<Record<ProductType, number>> = {
  'bridge-loan': 1,
  'renewal-without-repayment': 0.8,
  'commercial-value-loan': 0.6,
  'sci-tech-relending': 0.5,
  'collateral-uplift-loan': 0.4,
  equity: 0.2,
};

/** Yearly rates from CHEAP to DEAR span the cost component; equity counts as dear-ish. */
const CHEAP_PCT = 2.5;
const DEAR_PCT = 7;
const EQUITY_COST = 0.4;

const clamp = (x: number): number => Math.min(1, Math.max(0, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;
/** Where `value` sits in [lo, hi], 0–1 (0.5 for a range of one point). */
const position = (value: number, lo: number, hi: number): number =>
  hi > lo ? (value - lo) / (hi - lo) : 0.5;
/**
 * Room within a range: full anywhere but near its ends, down to 0.6 at an end (a bank looks
 * harder at a loan at its product's cap or floor). Where in the middle a need sits says nothing:
 * between two products that both fit comfortably, price decides.
 */
const EDGE = 0.15;
const central = (t: number): number => {
  const fromEdge = Math.min(clamp(t), 1 - clamp(t));
  return fromEdge >= EDGE ? 1 : 0.6 + (0.4 * fromEdge) / EDGE;
};

export function scoreProduct(product: ProductTerms, need: NeedTerms, firm: FirmTerms): Scored {
  const reasons: Bilingual[] = [];
  const type = PRODUCT_TYPE_LABELS[product.type];

  const purposeFit = PURPOSE_FIT[product.type][need.purpose];
  const purpose = PURPOSE_LABELS[need.purpose];
  if (purposeFit >= 0.8)
    reasons.push({
      zh: `${type.zh}适合“${purpose.zh}”用途`,
      en: `a ${type.en} suits ${purpose.en}`,
    });
  else if (purposeFit < 0.5)
    reasons.push({
      zh: `${type.zh}并非为“${purpose.zh}”设计`,
      en: `a ${type.en} is not designed for ${purpose.en}`,
    });

  let costFit: number;
  if (product.ratePct) {
    const [lo, hi] = product.ratePct;
    costFit = clamp((DEAR_PCT - (lo + hi) / 2) / (DEAR_PCT - CHEAP_PCT));
    reasons.push({ zh: `年利率${lo}%–${hi}%`, en: `yearly rate ${lo}–${hi}%` });
  } else {
    costFit = EQUITY_COST;
    reasons.push({ zh: '股权融资，无需还本付息，但稀释股权', en: 'equity: no repayments, but dilution' });
  }

  const [minAmount, maxAmount] = product.amountCny;
  const amountFit = central(position(Math.log(need.amountCny), Math.log(minAmount), Math.log(maxAmount)));
  reasons.push({
    zh: `额度${cnyZh(minAmount)}–${cnyZh(maxAmount)}，覆盖需求${cnyZh(need.amountCny)}`,
    en: `${cnyEn(minAmount)}–${cnyEn(maxAmount)} covers the ${cnyEn(need.amountCny)} asked`,
  });
  const termFit = central(position(need.termMonths, ...product.termMonths));

  const e = product.eligibility;
  const heldQualifications = e.qualificationsAny.filter((q) => firm.qualifications.includes(q));
  const matchedSectors = e.sectors.filter((s) => firm.sectors.includes(s));
  const matchedStage = firm.growthStage !== undefined && e.stages.includes(firm.growthStage);
  const targeting = clamp(
    (heldQualifications.length > 0 ? 0.6 : 0) +
      (matchedSectors.length > 0 ? 0.25 : 0) +
      (matchedStage ? 0.15 : 0),
  );
  if (heldQualifications.length > 0) {
    const held = list(heldQualifications.map((q) => QUALIFICATION_LABELS[q]));
    reasons.push({
      zh: `专为${held.zh}企业设计，企业具备该资质`,
      en: `made for ${held.en} firms, which this firm is`,
    });
  }
  if (matchedSectors.length > 0) {
    const sectors = list(matchedSectors.map((s) => SECTOR_LABELS[s]));
    reasons.push({ zh: `面向${sectors.zh}领域`, en: `aimed at ${sectors.en}` });
  }
  if (matchedStage && firm.growthStage)
    reasons.push({
      zh: `面向${STAGE_LABELS[firm.growthStage].zh}企业`,
      en: `aimed at ${STAGE_LABELS[firm.growthStage].en}-stage firms`,
    });

  const speed = SPEED[product.type];
  const speedFit = need.urgency === 'emergency' ? speed : need.urgency === 'urgent' ? 0.5 + speed / 2 : 0.7;
  if (need.urgency !== 'normal' && speed >= 0.8)
    reasons.push({
      zh: `${type.zh}放款快，适合急需`,
      en: `a ${type.en} pays out fast, as an urgent need wants`,
    });
  else if (need.urgency === 'emergency' && speed <= 0.4)
    reasons.push({
      zh: `${type.zh}审批周期较长，难解燃眉之急`,
      en: `a ${type.en} takes long to approve for an emergency`,
    });

  const components: Component[] = [
    { name: 'purpose', points: round1(WEIGHTS.purpose * purposeFit), max: WEIGHTS.purpose },
    { name: 'cost', points: round1(WEIGHTS.cost * costFit), max: WEIGHTS.cost },
    { name: 'amount', points: round1(WEIGHTS.amount * amountFit), max: WEIGHTS.amount },
    { name: 'term', points: round1(WEIGHTS.term * termFit), max: WEIGHTS.term },
    { name: 'targeting', points: round1(WEIGHTS.targeting * targeting), max: WEIGHTS.targeting },
    { name: 'speed', points: round1(WEIGHTS.speed * speedFit), max: WEIGHTS.speed },
  ];
  const score = round1(components.reduce((sum, c) => sum + c.points, 0));
  return { score, components, reasons };
}
