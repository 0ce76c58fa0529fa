import { type Order, type RndService, SUB_PLATFORMS, type VoucherAccount } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { labelOf } from '../i18n/profile-labels.ts';
import { errorSummary, input, notice, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import { type FieldErrors, formatYuan, nameOf, summaryOf } from './forms.ts';
import { firmTabs } from './frame.ts';
import { ORDER_STATUS_LABELS, SUB_PLATFORM_LABELS, FS_TEXT as T } from './text.ts';

// The R&D service platform as a firm sees it: services its profile's needs suggest first, the
// catalogue by sub-platform, ordering one (part paid by voucher), and its orders.

export interface Suggested {
  service: RndService;
  because: { zh: string; en: string }[];
}

function service(leadId: string, s: RndService, lang: Lang, because?: Suggested['because']): Html {
  const id = `service-${s.id}`;
  return html`<li class="card service" aria-labelledby="${id}">
  <h3 id="${id}">${nameOf(s.name, lang)}</h3>
  <p class="muted">${nameOf(s.operatorName, lang)} · ${labelOf(SUB_PLATFORM_LABELS, s.subPlatform, lang)}</p>
  ${s.description ? html`<p>${s.description}</p>` : ''}
  <dl class="facts">
    <div><dt>${pick(T.price, lang)}</dt><dd>${formatYuan(s.priceCny, lang)} / ${nameOf(s.unit, lang)}</dd></div>
    <div><dt>${pick(T.leadTime, lang)}</dt><dd>${s.leadTimeDays} ${pick(T.days, lang)}</dd></div>
    ${s.qualifications.length > 0 ? html`<div><dt>${pick(T.qualifications, lang)}</dt><dd>${s.qualifications.join(' · ')}</dd></div>` : ''}
  </dl>
  ${because && because.length > 0 ? html`<ul class="reasons">${because.map((b) => html`<li>${b[lang]}</li>`)}</ul>` : ''}
  <p><a class="button secondary" href="/firm/${encodeURIComponent(leadId)}/rnd/${encodeURIComponent(s.id)}/order" aria-label="${pick(T.orderIt, lang)}${colon(lang)}${nameOf(s.name, lang)}">${pick(T.orderIt, lang)}</a></p>
</li>`;
}

/** An order's state and money, with its report when there is one. */
export function orderSummary(order: Order, lang: Lang, reportHref?: string): Html {
  const report = order.report;
  return html`<span class="status status-${order.status}">${labelOf(ORDER_STATUS_LABELS, order.status, lang)}</span>
<dl class="facts">
  <div><dt>${pick(T.quantity, lang)}</dt><dd>${order.quantity} × ${formatYuan(order.unitPriceCny, lang)}</dd></div>
  <div><dt>${pick(T.total, lang)}</dt><dd>${formatYuan(order.totalCny, lang)}</dd></div>
  <div><dt>${pick(T.voucherPart, lang)}</dt><dd>${formatYuan(order.voucherCny, lang)}</dd></div>
  <div><dt>${pick(T.firmPays, lang)}</dt><dd>${formatYuan(order.firmPaysCny, lang)}</dd></div>
  <div><dt>${pick(T.registeredAt, lang)}</dt><dd>${formatDateTime(order.at, lang)}</dd></div>
</dl>
${order.note ? html`<p class="prose">${order.note}</p>` : ''}
${order.reason ? html`<p>${pick(T.reason, lang)}${colon(lang)}${order.reason}</p>` : ''}
${
  report
    ? html`<p>${pick(T.report, lang)}${colon(lang)}${
        report.kind === 'link' && report.url
          ? html`<a href="${report.url}" rel="noopener noreferrer" target="_blank">${report.name ?? pick(T.openReport, lang)}</a>`
          : reportHref
            ? html`<a href="${reportHref}" download>${report.name ?? pick(T.downloadReport, lang)}</a>`
            : (report.name ?? '')
      }</p>`
    : ''
}`;
}

export interface RndPageOptions {
  leadId: string;
  firmName: string;
  suggestions: readonly Suggested[];
  services: readonly RndService[];
  orders: readonly Order[];
  balanceCny: number;
  flash?: 'ordered' | undefined;
}

export function rndPage(c: PortalContext, o: RndPageOptions) {
  const lang = c.var.lang;
  const suggestedIds = new Set(o.suggestions.map((s) => s.service.id));
  const rest = o.services.filter((s) => s.active && !suggestedIds.has(s.id));
  const base = `/firm/${encodeURIComponent(o.leadId)}`;
  return page(c, {
    title: pick(T.rndTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'rnd')}
${o.flash === 'ordered' ? notice('info', pick(T.ordered, lang)) : ''}
<h1>${pick(T.rndTitle, lang)}</h1>
<p class="lead">${pick(T.rndLead, lang)}</p>
<p>${pick(T.balanceNow, lang)}${colon(lang)}<strong>${formatYuan(o.balanceCny, lang)}</strong> · <a href="${base}/vouchers">${pick(T.vouchers, lang)}</a></p>
<section aria-labelledby="orders-title">
  <h2 id="orders-title">${pick(T.ordersTitle, lang)}</h2>
  ${
    o.orders.length === 0
      ? html`<p class="muted">${pick(T.ordersEmpty, lang)}</p>`
      : html`<ul class="orders">${o.orders.map(
          (order) => html`<li class="card order"><h3>${nameOf(order.serviceName, lang)}</h3>
${orderSummary(order, lang, `${base}/rnd/orders/${encodeURIComponent(order.id)}/report`)}</li>`,
        )}</ul>`
  }
</section>
${
  o.suggestions.length > 0
    ? html`<section aria-labelledby="suggested-title">
  <h2 id="suggested-title">${pick(T.suggested, lang)}</h2>
  <p class="hint">${pick(T.suggestedHint, lang)}</p>
  <ul class="services">${o.suggestions.map((s) => service(o.leadId, s.service, lang, s.because))}</ul>
</section>`
    : ''
}
<section aria-labelledby="catalogue-title">
  <h2 id="catalogue-title">${pick(T.catalogue, lang)}</h2>
  ${SUB_PLATFORMS.map((sub) => {
    const list = rest.filter((s) => s.subPlatform === sub);
    return list.length === 0
      ? ''
      : html`<h3>${labelOf(SUB_PLATFORM_LABELS, sub, lang)}</h3><ul class="services">${list.map((s) => service(o.leadId, s, lang))}</ul>`;
  })}
</section>`,
  });
}

export const ORDER_FIELDS = ['quantity', 'voucherCny', 'note'] as const;
export interface OrderValues {
  quantity: string;
  voucherCny: string;
  note: string;
}

export function orderFormPage(
  c: PortalContext,
  o: {
    leadId: string;
    service: RndService;
    account: VoucherAccount | undefined;
    values: OrderValues;
    found: FieldErrors;
    warning?: string | undefined;
  },
) {
  const lang = c.var.lang;
  const e = o.found.errors;
  const s = o.service;
  return page(c, {
    title: pick(T.orderTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'rnd')}
<div class="narrow">
<p class="eyebrow">${pick(T.orderTitle, lang)}</p>
<h1>${nameOf(s.name, lang)}</h1>
<p class="lead">${nameOf(s.operatorName, lang)} · ${formatYuan(s.priceCny, lang)} / ${nameOf(s.unit, lang)} · ${s.leadTimeDays} ${pick(T.days, lang)}</p>
${o.warning ? notice('warning', o.warning) : ''}
${errorSummary(summaryOf(o.found, ORDER_FIELDS), lang)}
<p>${pick(T.balanceNow, lang)}${colon(lang)}<strong>${formatYuan(o.account?.balanceCny ?? 0, lang)}</strong>${o.account?.expiresOn ? html` · ${pick(T.expiresOn, lang)} ${o.account.expiresOn}` : ''}</p>
<form method="post" action="/firm/${encodeURIComponent(o.leadId)}/rnd/${encodeURIComponent(s.id)}/order" class="card" novalidate>
  ${csrfField(c)}
  ${input({ name: 'quantity', label: pick(T.quantity, lang), value: o.values.quantity, error: e.quantity, required: true, inputmode: 'numeric', maxlength: 5, suffix: nameOf(s.unit, lang), lang })}
  ${input({ name: 'voucherCny', label: pick(T.voucherPart, lang), hint: pick(T.voucherPartHint, lang), value: o.values.voucherCny, error: e.voucherCny, inputmode: 'decimal', maxlength: 12, suffix: pick(T.yuan, lang), lang })}
  ${textArea({ name: 'note', label: pick(T.note, lang), value: o.values.note, error: e.note, rows: 3, maxlength: 1000, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.placeOrder, lang)}</button>
  <a class="button secondary" href="/firm/${encodeURIComponent(o.leadId)}/rnd">${pick(T.rnd, lang)}</a></div>
</form>
</div>`,
  });
}
