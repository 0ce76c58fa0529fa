import type { FinanceProduct } from '@parkmatch/contracts';
import { HttpProblem, type Principal } from '@parkmatch/service-kit';
import { assertActsFor } from '../orgs/org.ts';
import type { FinanceDeps } from './deps.ts';
import type { FinanceProductInput } from './parsed.ts';
import { type ProductDoc, productDoc, productView } from './products.ts';

// Keeping the banks' products: an admin keeps every bank's, an officer its own banks'.

const unknownBank = (bankId: string) =>
  new HttpProblem(
    422,
    { zh: `没有这家银行：${bankId}`, en: `no such bank: ${bankId}` },
    { errors: [{ path: 'bankId', message: '未知银行', messageEn: 'unknown bank', code: 'unknown' }] },
  );

export async function putProduct(
  deps: FinanceDeps,
  principal: Principal,
  id: string,
  input: FinanceProductInput,
): Promise<{ product: FinanceProduct; created: boolean }> {
  const bank = await deps.orgs.get(input.bankId);
  if (bank?.kind !== 'bank') throw unknownBank(input.bankId);
  assertActsFor(principal, bank);
  const existing = await deps.products.get(id);
  if (existing && existing.bankId !== input.bankId) {
    const owner = await deps.orgs.get(existing.bankId);
    if (owner) assertActsFor(principal, owner);
  }
  const doc = productDoc(id, input, principal.sub, deps.now());
  const created = await deps.products.put(doc);
  return { product: productView(doc, bank.name), created };
}

/** Products with their banks' names. */
export async function viewProducts(
  deps: FinanceDeps,
  docs: readonly ProductDoc[],
): Promise<FinanceProduct[]> {
  const banks = new Map((await deps.orgs.list('bank')).map((b) => [b._id, b.name]));
  return docs.map((doc) => productView(doc, banks.get(doc.bankId) ?? { zh: doc.bankId }));
}

export async function getProduct(deps: FinanceDeps, id: string): Promise<FinanceProduct> {
  const doc = await deps.products.get(id);
  if (!doc) throw new HttpProblem(404, { zh: `没有这个产品：${id}`, en: `no such product: ${id}` });
  const [product] = await viewProducts(deps, [doc]);
  return product as FinanceProduct;
}
