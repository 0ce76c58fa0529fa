import type { FinancingNeed, LeadListPage, ProductMatch, VoucherAccount } from '@parkmatch/contracts';
import { demoOrgs, demoProducts, demoServices } from '../../services/firm-services/src/demo-data.ts';
import { Api, why } from './api.ts';

// Demo data of the firm-services service (issue 14), through its public API: the banks and the
// R&D platform's operators with an account for each of their members (password demo1234), the
// banks' credit products and the platform's services; then, once the leads' history is in, one
// Dadukou firm's story: a financing need pushed to two banks (an offer, one still reviewing),
// service vouchers granted by its park, and an STR authentication paid half by voucher.
// Safe on every start: it adds only what is missing, and the story only once.

const ROLE_OF_KIND = { bank: 'bank-officer', operator: 'service-operator' } as const;

export interface FirmServicesCatalogue {
  accounts: number;
  products: number;
  services: number;
}

/** Accounts, organisations, products and services; `leads` is signed in as the admin. */
export async function loadFirmServicesCatalogue(
  leads: Api,
  url: string,
  password: string,
): Promise<FirmServicesCatalogue> {
  const api = new Api(url, leads.token);
  const orgs = demoOrgs();
  // What is there already is left as it is (an officer may have changed its products since).
  const ids = async (path: string) => {
    const res = await api.get<{ items: { id: string }[] }>(path);
    if (res.status !== 200) throw new Error(`demo data: cannot read ${path} (${why(res)})`);
    return new Set(res.body.items.map((item) => item.id));
  };
  const [knownOrgs, knownProducts, knownServices] = [
    await ids('/v1/orgs'),
    await ids('/v1/finance/products'),
    await ids('/v1/rnd/services'),
  ];
  let accounts = 0;
  for (const { id, input } of orgs) {
    for (const username of input.members ?? []) {
      const res = await leads.post('/v1/users', { username, password, role: ROLE_OF_KIND[input.kind] });
      if (res.status !== 201 && res.status !== 409) throw new Error(`demo account ${username}: ${why(res)}`);
      accounts++;
    }
    if (knownOrgs.has(id)) continue;
    const res = await api.put(`/v1/orgs/${id}`, input);
    if (res.status !== 200) throw new Error(`demo organisation ${id}: ${why(res)}`);
  }
  const products = demoProducts();
  for (const { id, input } of products) {
    if (knownProducts.has(id)) continue;
    const res = await api.put(`/v1/finance/products/${id}`, input);
    if (res.status !== 200 && res.status !== 201) throw new Error(`demo product ${id}: ${why(res)}`);
  }
  const services = demoServices();
  for (const { id, input } of services) {
    if (knownServices.has(id)) continue;
    const res = await api.put(`/v1/rnd/services/${id}`, input);
    if (res.status !== 200 && res.status !== 201) throw new Error(`demo service ${id}: ${why(res)}`);
  }
  return { accounts, products: products.length, services: services.length };
}

const STORY_PARK = 'dadukou-ivd';
/** How long to wait for firm-services to hear of the firm (from the leads' events). */
const FACTS_TIMEOUT_MS = 30_000;

/**
 * One owned Dadukou firm's financing and voucher story, when it has none yet. Returns what it
 * did, in a few words, or why it did nothing.
 */
export async function playFirmServicesStory(leads: Api, url: string, password: string): Promise<string> {
  const admin = new Api(url, leads.token);
  const page = await leads.get<LeadListPage>(`/v1/leads?owner=${STORY_PARK}&stage=operating&limit=1`);
  const lead = page.status === 200 ? page.body.items[0] : undefined;
  if (!lead) return 'no operating Dadukou lead for the financing story';
  const deadline = Date.now() + FACTS_TIMEOUT_MS;
  while ((await admin.get(`/v1/vouchers/${lead.id}`)).status !== 200) {
    if (Date.now() > deadline) return `firm-services has not heard of ${lead.id} yet`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const needs = await admin.get<{ items: FinancingNeed[] }>(`/v1/finance/needs?leadId=${lead.id}`);
  if (needs.status === 200 && needs.body.items.length > 0) return 'financing story there already';

  const need = await admin.post<FinancingNeed>('/v1/finance/needs', {
    leadId: lead.id,
    amountCny: 5_000_000,
    purpose: 'working-capital',
    termMonths: 24,
    collateral: ['none', 'receivables'],
    urgency: 'urgent',
    note: '扩大试剂产能，需补充流动资金',
  });
  if (need.status !== 201) return `financing need refused: ${why(need)}`;
  const matches = await admin.get<{ items: ProductMatch[] }>(`/v1/finance/needs/${need.body.id}/matches`);
  const chosen = matches.body.items.filter((m) => m.eligible).slice(0, 2);
  const pushed = await admin.post(`/v1/finance/needs/${need.body.id}/pushes`, {
    productIds: chosen.map((m) => m.productId),
  });
  if (chosen.length === 0 || pushed.status !== 200) return `no product to push to (${why(pushed)})`;
  const orgs = demoOrgs();
  const products = new Map(demoProducts().map((p) => [p.id, p.input]));
  for (const [i, match] of chosen.entries()) {
    const officer = orgs.find((o) => o.id === match.bankId)?.input.members?.[0];
    const product = products.get(match.productId);
    if (!officer || !product) continue;
    const token = await leads.post<{ token: string }>('/v1/auth/token', { username: officer, password });
    if (token.status !== 200) continue;
    const bank = new Api(url, token.body.token);
    const answer = (body: unknown) =>
      bank.post(`/v1/finance/needs/${need.body.id}/pushes/${match.productId}/answer`, body);
    await answer({ status: 'reviewing' });
    if (i === 0)
      await answer({
        status: 'offered',
        offer: {
          amountCny: 4_000_000,
          termMonths: 24,
          ...(product.ratePct ? { ratePct: product.ratePct[0] } : {}),
        },
      });
  }

  const applied = await admin.post<VoucherAccount>('/v1/vouchers/applications', {
    leadId: lead.id,
    requestedCny: 100_000,
    purpose: '细胞鉴定、病毒检测等研发检测服务',
  });
  const application = applied.body.applications?.find((a) => a.status === 'pending');
  if (applied.status === 201 && application)
    await admin.post(`/v1/vouchers/${lead.id}/applications/${application.id}/decision`, {
      decision: 'approved',
      grantedCny: 100_000,
    });
  const order = await admin.post('/v1/rnd/orders', {
    leadId: lead.id,
    serviceId: 'str-authentication',
    quantity: 2,
    voucherCny: 800,
    note: '两株 CHO 细胞 STR 鉴定',
  });
  return (
    `${lead.firmName}: a financing need pushed to ${chosen.map((m) => m.bankId).join(' and ')} ` +
    `(one offer), 100,000 CNY of vouchers, an STR order paid half by voucher (${order.status === 201 ? 'placed' : why(order)})`
  );
}
