import type { ProductMatch } from '@parkmatch/contracts';
import { closedGates, type GateToConfirm, gatesToConfirm } from './eligibility.ts';
import { scoreProduct } from './scoring.ts';
import type { FirmTerms, NeedTerms, ProductTerms } from './types.ts';

// A need against every product: the eligible ones scored and ranked — those every gate of which
// was checked first, then those with a gate to confirm; each group best first, ties by id —
// then the excluded ones with the gates that closed them. Pure and deterministic, so the
// matches are computed again on every read and always agree with the products as they are.

/**
 * A product's match, and the gates left to confirm because the firm has not given the fact
 * they need. An eligible product's reasons start with those (“待确认：…”), so a reader of the
 * contract's ProductMatch alone sees them too.
 */
export interface EngineMatch extends ProductMatch {
  toConfirm: GateToConfirm[];
}

export function matchNeed(
  products: readonly ProductTerms[],
  need: NeedTerms,
  firm: FirmTerms,
  today: Date,
): EngineMatch[] {
  const matches = products.map((product): EngineMatch => {
    const base = {
      productId: product.id,
      bankId: product.bankId,
      productName: product.name,
      type: product.type,
    };
    const toConfirm = gatesToConfirm(product, firm);
    const closed = closedGates(product, need, firm, today);
    if (closed.length > 0) return { ...base, eligible: false, reasons: [], excludedBy: closed, toConfirm };
    const scored = scoreProduct(product, need, firm);
    return {
      ...base,
      eligible: true,
      ...scored,
      reasons: [...toConfirm.map((g) => g.reason), ...scored.reasons],
      excludedBy: [],
      toConfirm,
    };
  });
  return matches.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      Number(a.toConfirm.length > 0) - Number(b.toConfirm.length > 0) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.productId.localeCompare(b.productId),
  );
}
