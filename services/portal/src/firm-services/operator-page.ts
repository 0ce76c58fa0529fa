import type { Order } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { errorSummary, input, notice, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import type { TeamMember } from '../session/session.ts';
import { type FieldErrors, nameOf, summaryOf } from './forms.ts';
import { partnerBar } from './frame.ts';
import { orderSummary } from './rnd-pages.ts';
import { FS_TEXT as T } from './text.ts';

// A service operator's page: the orders placed with it — accept or decline a placed one,
// complete an accepted one with its report (a link, or a small file).

export const REPORT_FIELDS = ['url', 'file', 'name', 'reason'] as const;

export interface OrderFormState {
  values: { url: string; name: string; reason: string };
  found: FieldErrors;
  warning?: string | undefined;
}

const prefixOf = (orderId: string) => `o-${orderId.slice(0, 8)}-`;

function actions(c: PortalContext, order: Order, state: OrderFormState | undefined): Html {
  const lang = c.var.lang;
  const prefix = prefixOf(order.id);
  const id = encodeURIComponent(order.id);
  const v = state?.values ?? { url: '', name: '', reason: '' };
  const e = state?.found.errors ?? {};
  const summary = state ? errorSummary(summaryOf(state.found, REPORT_FIELDS, prefix), lang) : '';
  const warning = state?.warning ? notice('warning', state.warning) : '';
  if (order.status === 'placed')
    return html`${warning}${summary}<form method="post" action="/operator/orders/${id}/accept" class="actions">${csrfField(c)}<button type="submit" class="primary">${pick(T.accept, lang)}</button></form>
<form method="post" action="/operator/orders/${id}/decline" novalidate>
  ${csrfField(c)}
  ${textArea({ name: 'reason', idPrefix: prefix, label: pick(T.declineOrderReason, lang), value: v.reason, error: e.reason, rows: 2, maxlength: 500, required: true, lang })}
  <div class="actions"><button type="submit" class="secondary">${pick(T.declineOrder, lang)}</button></div>
</form>`;
  if (order.status === 'accepted')
    return html`${warning}${summary}<form method="post" action="/operator/orders/${id}/complete" enctype="multipart/form-data" novalidate>
  ${csrfField(c)}
  ${input({ name: 'url', idPrefix: prefix, type: 'text', label: pick(T.reportUrl, lang), hint: pick(T.reportUrlHint, lang), value: v.url, error: e.url, inputmode: 'text', maxlength: 1000, markOptional: false, lang })}
  <div class="field${e.file ? ' invalid' : ''}">
    <label for="f-${prefix}file">${pick(T.reportFile, lang)}</label>
    <p class="hint" id="f-${prefix}file-hint">${pick(T.reportFileHint, lang)}</p>
    <p class="error" id="f-${prefix}file-error"${e.file ? '' : html` hidden`}>${e.file ?? ''}</p>
    <input type="file" id="f-${prefix}file" name="file" accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx" aria-describedby="f-${prefix}file-hint f-${prefix}file-error"${e.file ? html` aria-invalid="true"` : ''}>
  </div>
  ${input({ name: 'name', idPrefix: prefix, label: pick(T.reportName, lang), value: v.name, error: e.name, maxlength: 200, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.complete, lang)}</button></div>
</form>`;
  return html``;
}

export interface OperatorPageOptions {
  member: TeamMember;
  operatorName?: string | undefined;
  orders: readonly Order[];
  states?: ReadonlyMap<string, OrderFormState>;
  flash?: 'changed' | undefined;
  error?: string | undefined;
}

export function operatorPage(c: PortalContext, o: OperatorPageOptions) {
  const lang = c.var.lang;
  return page(c, {
    title: pick(T.operatorTitle, lang),
    body: html`${partnerBar(c, o.member, o.operatorName)}
${o.flash === 'changed' ? notice('info', pick(T.orderChanged, lang)) : ''}
${o.error ? notice('warning', o.error) : ''}
<h1>${pick(T.operatorTitle, lang)}</h1>
<p class="lead">${pick(T.operatorLead, lang)}</p>
${
  o.orders.length === 0
    ? html`<p class="empty">${pick(T.operatorEmpty, lang)}</p>`
    : html`<ul class="orders">${o.orders.map(
        (order) => html`<li class="card order" id="order-${order.id}">
  <h2>${nameOf(order.serviceName, lang)} · ${order.firmName}</h2>
  ${orderSummary(order, lang, `/operator/orders/${encodeURIComponent(order.id)}/report`)}
  ${actions(c, order, o.states?.get(order.id))}
</li>`,
      )}</ul>`
}`,
  });
}
