import type { Gate } from '@parkmatch/contracts';
import {
  type Bilingual,
  COLLATERAL_LABELS,
  cnyEn,
  cnyZh,
  list,
  PURPOSE_LABELS,
  QUALIFICATION_LABELS,
  SECTOR_LABELS,
  STAGE_LABELS,
} from './labels.ts';
import type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';

// The eligibility gates: a product a gate closes is not scored, and the gate says why. Every
// gate is checked (not only the first that closes), so a firm sees all it would have to change.
// A gate on an optional fact of the profile the firm has not given (revenue, founding year,
// growth stage) is not closed but left to confirm (gatesToConfirm): the product stays in the
// firm's matches, the reasons say what the bank will check, and the firm is told which fact to
// add. Leaving an optional box empty must not silently rule out every product.

export interface ClosedGate {
  gate: Gate;
  reason: Bilingual;
}

/** The firm's age in whole years on `today` (its founding year counts as year 0). */
export const firmAgeYears = (foundedYear: number, today: Date): number =>
  Math.max(0, today.getUTCFullYear() - foundedYear);

export function closedGates(
  product: ProductTerms,
  need: NeedTerms,
  firm: FirmTerms,
  today: Date,
): ClosedGate[] {
  const closed: ClosedGate[] = [];
  const close = (gate: Gate, zh: string, en: string) => closed.push({ gate, reason: { zh, en } });
  const e = product.eligibility;

  if (!product.active) close('inactive', '产品已下架', 'the product is withdrawn');
  if (e.parks.length > 0 && (firm.parkId === undefined || !e.parks.includes(firm.parkId)))
    close('park', '企业所在园区不在该产品服务范围内', 'the firm’s park is outside the product’s area');
  if (e.purposes.length > 0 && !e.purposes.includes(need.purpose)) {
    const wanted = list(e.purposes.map((p) => PURPOSE_LABELS[p]));
    close(
      'purpose',
      `资金用途“${PURPOSE_LABELS[need.purpose].zh}”不在产品用途（${wanted.zh}）之内`,
      `the purpose (${PURPOSE_LABELS[need.purpose].en}) is not one the product funds (${wanted.en})`,
    );
  }
  const [minAmount, maxAmount] = product.amountCny;
  if (need.amountCny < minAmount || need.amountCny > maxAmount)
    close(
      'amount',
      `需求金额${cnyZh(need.amountCny)}不在产品额度${cnyZh(minAmount)}–${cnyZh(maxAmount)}之内`,
      `${cnyEn(need.amountCny)} is outside the product’s ${cnyEn(minAmount)}–${cnyEn(maxAmount)}`,
    );
  const [minTerm, maxTerm] = product.termMonths;
  if (need.termMonths < minTerm || need.termMonths > maxTerm)
    close(
      'term',
      `期限${need.termMonths}个月不在产品期限${minTerm}–${maxTerm}个月之内`,
      `a ${need.termMonths}-month term is outside the product’s ${minTerm}–${maxTerm} months`,
    );
  if (e.qualificationsAny.length > 0 && !e.qualificationsAny.some((q) => firm.qualifications.includes(q))) {
    const wanted = list(e.qualificationsAny.map((q) => QUALIFICATION_LABELS[q]));
    close('qualification', `需具备资质：${wanted.zh}（任一）`, `needs one of: ${wanted.en}`);
  }
  // Revenue, founding year and stage are checked when the firm gave them (else gatesToConfirm).
  const revenue = firm.revenueCny;
  if (revenue !== undefined) {
    if (e.minRevenueCny !== undefined && revenue < e.minRevenueCny)
      close(
        'revenue',
        `年营收${cnyZh(revenue)}低于门槛${cnyZh(e.minRevenueCny)}`,
        `revenue ${cnyEn(revenue)} is below the ${cnyEn(e.minRevenueCny)} threshold`,
      );
    else if (e.maxRevenueCny !== undefined && revenue > e.maxRevenueCny)
      close(
        'revenue',
        `年营收${cnyZh(revenue)}超过产品面向的上限${cnyZh(e.maxRevenueCny)}`,
        `revenue ${cnyEn(revenue)} is above the ${cnyEn(e.maxRevenueCny)} the product is for`,
      );
  }
  if (e.minFirmAgeYears !== undefined && firm.foundedYear !== undefined) {
    if (firmAgeYears(firm.foundedYear, today) < e.minFirmAgeYears)
      close(
        'firm-age',
        `成立${firmAgeYears(firm.foundedYear, today)}年，不足${e.minFirmAgeYears}年`,
        `${firmAgeYears(firm.foundedYear, today)} years old, under the ${e.minFirmAgeYears} required`,
      );
  }
  if (e.sectors.length > 0 && !e.sectors.some((s) => firm.sectors.includes(s))) {
    const wanted = list(e.sectors.map((s) => SECTOR_LABELS[s]));
    close('sector', `产品面向${wanted.zh}领域`, `the product is for ${wanted.en}`);
  }
  if (e.stages.length > 0 && firm.growthStage !== undefined && !e.stages.includes(firm.growthStage)) {
    const wanted = list(e.stages.map((s) => STAGE_LABELS[s]));
    close(
      'stage',
      `企业处于${STAGE_LABELS[firm.growthStage].zh}，产品面向${wanted.zh}`,
      `the firm is at the ${STAGE_LABELS[firm.growthStage].en} stage; the product is for ${wanted.en}`,
    );
  }
  // A product that lends unsecured (`none`) takes any firm: security offered on top never
  // disqualifies it. Only a product that insists on security checks what the firm can pledge.
  const unsecured = e.collateralAccepted.includes('none');
  if (
    e.collateralAccepted.length > 0 &&
    !unsecured &&
    !need.collateral.some((c) => e.collateralAccepted.includes(c))
  ) {
    const wanted = list(e.collateralAccepted.map((c) => COLLATERAL_LABELS[c]));
    const offered = list(need.collateral.map((c) => COLLATERAL_LABELS[c]));
    close(
      'collateral',
      `产品接受的担保方式为${wanted.zh}，企业可提供${offered.zh}`,
      `the product takes ${wanted.en}; the firm offers ${offered.en}`,
    );
  }
  return closed;
}

/** The optional profile facts a gate may need, as the profile form names them. */
export const OPTIONAL_FACTS = ['revenueCny', 'foundedYear', 'growthStage'] as const;
export type OptionalFact = (typeof OPTIONAL_FACTS)[number];

export interface GateToConfirm extends ClosedGate {
  /** The profile fact the firm has not given. */
  fact: OptionalFact;
}

/**
 * The gates of `product` that could not be checked because the firm has not given the fact they
 * need: not closed, to be confirmed (the bank checks it; the firm can add it to its profile).
 */
export function gatesToConfirm(product: ProductTerms, firm: FirmTerms): GateToConfirm[] {
  const open: GateToConfirm[] = [];
  const e = product.eligibility;
  const confirm = (gate: Gate, fact: OptionalFact, zh: string, en: string) =>
    open.push({ gate, fact, reason: { zh: `待确认：${zh}`, en: `to be confirmed: ${en}` } });
  if (firm.revenueCny === undefined && (e.minRevenueCny !== undefined || e.maxRevenueCny !== undefined)) {
    const { minRevenueCny: lo, maxRevenueCny: hi } = e;
    const wanted =
      lo !== undefined && hi !== undefined
        ? { zh: `${cnyZh(lo)}–${cnyZh(hi)}`, en: `${cnyEn(lo)}–${cnyEn(hi)}` }
        : lo !== undefined
          ? { zh: `不低于${cnyZh(lo)}`, en: `at least ${cnyEn(lo)}` }
          : { zh: `不超过${cnyZh(hi as number)}`, en: `at most ${cnyEn(hi as number)}` };
    confirm(
      'revenue',
      'revenueCny',
      `企业未填报年营收，产品要求年营收${wanted.zh}`,
      `the firm gave no revenue; the product asks for a yearly revenue of ${wanted.en}`,
    );
  }
  if (firm.foundedYear === undefined && e.minFirmAgeYears !== undefined)
    confirm(
      'firm-age',
      'foundedYear',
      `企业未填报成立年份，产品要求成立满${e.minFirmAgeYears}年`,
      `the firm gave no founding year; the product asks for ${e.minFirmAgeYears} years or more`,
    );
  if (firm.growthStage === undefined && e.stages.length > 0) {
    const wanted = list(e.stages.map((s) => STAGE_LABELS[s]));
    confirm(
      'stage',
      'growthStage',
      `企业未填报发展阶段，产品面向${wanted.zh}企业`,
      `the firm gave no growth stage; the product is for ${wanted.en} firms`,
    );
  }
  return open;
}
