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
// A fact the product needs and the firm has not given closes the gate too ("unknown").

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
  if (e.minRevenueCny !== undefined || e.maxRevenueCny !== undefined) {
    const revenue = firm.revenueCny;
    if (revenue === undefined)
      close('revenue', '企业未填报营收，无法核对营收门槛', 'the firm gave no revenue to check the threshold');
    else if (e.minRevenueCny !== undefined && revenue < e.minRevenueCny)
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
  if (e.minFirmAgeYears !== undefined) {
    if (firm.foundedYear === undefined)
      close(
        'firm-age',
        '企业未填报成立年份，无法核对成立年限',
        'the firm gave no founding year to check its age',
      );
    else if (firmAgeYears(firm.foundedYear, today) < e.minFirmAgeYears)
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
  if (e.stages.length > 0 && (firm.growthStage === undefined || !e.stages.includes(firm.growthStage))) {
    const wanted = list(e.stages.map((s) => STAGE_LABELS[s]));
    close(
      'stage',
      firm.growthStage
        ? `企业处于${STAGE_LABELS[firm.growthStage].zh}，产品面向${wanted.zh}`
        : `产品面向${wanted.zh}企业，企业未填报发展阶段`,
      firm.growthStage
        ? `the firm is at the ${STAGE_LABELS[firm.growthStage].en} stage; the product is for ${wanted.en}`
        : `the product is for ${wanted.en} firms; the firm gave no stage`,
    );
  }
  if (e.collateralAccepted.length > 0 && !need.collateral.some((c) => e.collateralAccepted.includes(c))) {
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
