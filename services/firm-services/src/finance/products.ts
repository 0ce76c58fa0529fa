import type { FinanceProduct, FinanceProductInput } from '@parkmatch/contracts';
import type { ProductTerms } from './engine/index.ts';
import type { FinanceProductInput as Parsed } from './parsed.ts';

// A bank's credit product as stored, and as shown (with its bank's name).

export interface ProductDoc extends ProductTerms {
  _id: string;
  description?: string | undefined;
  updatedAt: string;
  updatedBy: string;
}

export function productDoc(id: string, input: Parsed, by: string, at: Date): ProductDoc {
  return {
    _id: id,
    id,
    bankId: input.bankId,
    name: input.name,
    type: input.type,
    ...(input.description ? { description: input.description } : {}),
    amountCny: input.amountCny,
    termMonths: input.termMonths,
    ...(input.ratePct ? { ratePct: input.ratePct } : {}),
    eligibility: input.eligibility,
    active: input.active,
    updatedAt: at.toISOString(),
    updatedBy: by,
  };
}

export function productView(
  doc: ProductDoc,
  bankName: { zh: string; en?: string | undefined },
): FinanceProduct {
  return {
    id: doc._id,
    bankId: doc.bankId,
    bankName,
    name: doc.name,
    type: doc.type,
    ...(doc.description ? { description: doc.description } : {}),
    amountCny: [doc.amountCny[0], doc.amountCny[1]],
    termMonths: [doc.termMonths[0], doc.termMonths[1]],
    ...(doc.ratePct ? { ratePct: [doc.ratePct[0], doc.ratePct[1]] } : {}),
    eligibility: doc.eligibility,
    active: doc.active,
    updatedAt: doc.updatedAt,
  };
}

export type { FinanceProductInput };
