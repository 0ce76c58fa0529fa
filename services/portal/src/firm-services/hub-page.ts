import type { FinancingNeed, Order, VoucherAccount } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon } from '../i18n/format.ts';
import { pick } from '../i18n/lang.ts';
import { html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { formatYuan } from './forms.ts';
import { firmTabs } from './frame.ts';
import { FS_TEXT as T } from './text.ts';

// The firm's way into its services: financing, R&D services and vouchers, each with where it stands.

export function hubPage(
  c: PortalContext,
  o: { leadId: string; account: VoucherAccount; needs: readonly FinancingNeed[]; orders: readonly Order[] },
) {
  const lang = c.var.lang;
  const base = `/firm/${encodeURIComponent(o.leadId)}`;
  const offers = o.needs.flatMap((n) => n.pushes).filter((p) => p.status === 'offered').length;
  const openOrders = o.orders.filter((x) => x.status === 'placed' || x.status === 'accepted').length;
  const card = (id: string, title: string, body: string, href: string, action: string) =>
    html`<section class="card entry" aria-labelledby="${id}">
  <h2 id="${id}">${title}</h2>
  <p>${body}</p>
  <p><a class="button primary" href="${href}">${action}</a></p>
</section>`;
  const counts = (n: number, zh: string, en: string) => (lang === 'zh' ? `${n} ${zh}` : `${n} ${en}`);
  return page(c, {
    title: pick(T.servicesTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'services')}
<h1>${pick(T.servicesTitle, lang)}</h1>
<p class="lead">${o.account.firmName}</p>
<p>${pick(T.servicesLead, lang)}</p>
<div class="cards">
  ${card('hub-finance', pick(T.finance, lang), `${counts(o.needs.length, '项融资需求', 'financing needs')}${lang === 'zh' ? '，' : ', '}${counts(offers, '个银行方案', 'offers')}`, `${base}/finance`, pick(T.needsTitle, lang))}
  ${card('hub-rnd', pick(T.rndTitle, lang), counts(openOrders, '个进行中的订单', 'orders in progress'), `${base}/rnd`, pick(T.rnd, lang))}
  ${card('hub-vouchers', pick(T.vouchersTitle, lang), `${pick(T.balance, lang)}${colon(lang)}${formatYuan(o.account.balanceCny, lang)}`, `${base}/vouchers`, pick(T.vouchers, lang))}
</div>`,
  });
}
