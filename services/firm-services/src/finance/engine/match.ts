import type { ProductMatch } from '@parkmatch/contracts';
import { closedGates } from './eligibility.ts';
import { scoreProduct } from './scoring.ts';
import type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';

// A need against every product: the eligible ones scored and ranked (best first, ties by id),
// then the excluded ones with the gates that closed them. Pure and deterministic, so the
// matches are computed again on every read and always agree with the products as they are.

export function matchNeed(
  products: readonly ProductTerms[],
  need: NeedTerms,
  firm: FirmTerms,
  today: Date,
): ProductMatch[] {
  const matches = products.map((product): ProductMatch => {
    const base = {
      productId: product.id,
      bankId: product.bankId,
      productName: product.name,
      type: product.type,
    };
    const closed = closedGates(product, need, firm, today);
    if (closed.length > 0) return { ...base, eligible: false, reasons: [], excludedBy: closed };
    const scored = scoreProduct(product, need, firm);
    return { ...base, eligible: true, ...scored, excludedBy: [] };
  });
  return matches.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.productId.localeCompare(b.productId),
  );
}
