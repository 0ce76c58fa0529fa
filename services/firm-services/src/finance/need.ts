import type { Push, PushStatus } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';
import { wanRange } from '../money.ts';
import type { AnswerInput, FinancingNeedInput } from './parsed.ts';
import type { ProductDoc } from './products.ts';
import type { NeedClosed, NeedView } from './schemas.ts';

// A financing need, its pushes to banks' products and their answers. The pushes live in the
// need's document, so a push or an answer and the event announcing it are one write.

export interface NeedDoc extends FinancingNeedInput {
  _id: string;
  leadId: string;
  firmName: string;
  parkId?: string;
  pushes: Push[];
  /** The banks pushed to, for the banks' lists. */
  bankIds: string[];
  revision: number;
  by: string;
  at: string;
  /** Closed when its firm withdrew its profile: nothing is pushed or answered any more. */
  closed?: NeedClosed;
}

/** Why a withdrawn firm's needs are closed, as every reader is told. */
export const WITHDRAWN: NeedClosed['reason'] = {
  zh: '企业已撤回项目信息，该融资需求已关闭，无需再答复',
  en: 'the firm withdrew its profile; the need is closed and needs no answer',
};

/** The answers a push in each status may still get. */
const NEXT: Readonly<Record<PushStatus, readonly PushStatus[]>> = {
  pushed: ['reviewing', 'offered', 'declined'],
  reviewing: ['offered', 'declined'],
  offered: [],
  declined: [],
};

export const canAnswer = (from: PushStatus, to: PushStatus): boolean => NEXT[from].includes(to);

/** What is wrong with an offer for this product (empty when nothing). */
export function offerProblems(
  offer: Extract<AnswerInput, { status: 'offered' }>['offer'],
  product: ProductDoc,
): FieldError[] {
  const errors: FieldError[] = [];
  const [minAmount, maxAmount] = product.amountCny;
  if (offer.amountCny < minAmount || offer.amountCny > maxAmount) {
    // The officer types the offer in 万元 (as the need is asked in): the message speaks 万元.
    const range = wanRange(minAmount, maxAmount);
    errors.push({
      path: 'offer.amountCny',
      message: `授信金额须在产品额度 ${range.zh}之内`,
      messageEn: `the amount must be within the product’s ${range.en}`,
      code: 'out_of_range',
    });
  }
  const [minTerm, maxTerm] = product.termMonths;
  if (offer.termMonths < minTerm || offer.termMonths > maxTerm)
    errors.push({
      path: 'offer.termMonths',
      message: `期限须在产品期限 ${minTerm}–${maxTerm} 个月之内`,
      messageEn: `the term must be within the product’s ${minTerm}–${maxTerm} months`,
      code: 'out_of_range',
    });
  if (product.ratePct) {
    const [lo, hi] = product.ratePct;
    if (offer.ratePct === undefined || offer.ratePct < lo || offer.ratePct > hi)
      errors.push({
        path: 'offer.ratePct',
        message: `利率须在产品利率 ${lo}%–${hi}% 之内`,
        messageEn: `the rate must be within the product’s ${lo}–${hi}%`,
        code: 'out_of_range',
      });
  } else if (offer.ratePct !== undefined)
    errors.push({
      path: 'offer.ratePct',
      message: '股权投资没有利率',
      messageEn: 'an equity investment has no rate',
      code: 'not_allowed',
    });
  return errors;
}

/** The need as a reader sees it; a bank's officers see only the pushes to their banks. */
export function needView(doc: NeedDoc, onlyBanks?: readonly string[]): NeedView {
  return {
    id: doc._id,
    leadId: doc.leadId,
    firmName: doc.firmName,
    ...(doc.parkId ? { parkId: doc.parkId } : {}),
    amountCny: doc.amountCny,
    purpose: doc.purpose,
    termMonths: doc.termMonths,
    collateral: doc.collateral,
    urgency: doc.urgency,
    ...(doc.note ? { note: doc.note } : {}),
    pushes: onlyBanks ? doc.pushes.filter((p) => onlyBanks.includes(p.bankId)) : doc.pushes,
    by: doc.by,
    at: doc.at,
    ...(doc.closed ? { closed: doc.closed } : {}),
  };
}
