import type { LedgerEntry, VoucherAccount } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { labelOf } from '../i18n/profile-labels.ts';
import { errorSummary, input, notice, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import { type FieldErrors, formatYuan, summaryOf } from './forms.ts';
import { firmTabs } from './frame.ts';
import { APPLICATION_STATUS_LABELS, MOVE_LABELS, FS_TEXT as T } from './text.ts';

// A firm's service vouchers: balance, cap, expiry, its applications, the ledger of every
// movement, and the form to apply.

const signed = (amount: number, lang: Lang) =>
  `${amount > 0 ? '+' : amount < 0 ? '−' : ''}${formatYuan(Math.abs(amount), lang)}`;

/** The ledger as a table: every movement with the balance after it. */
export function ledgerTable(ledger: readonly LedgerEntry[], lang: Lang): Html {
  if (ledger.length === 0) return html`<p class="muted">${pick(T.ledgerEmpty, lang)}</p>`;
  return html`<div class="table-wrap"><table class="data ledger">
  <caption>${pick(T.ledgerCaption, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.when, lang)}</th><th scope="col">${pick(T.movement, lang)}</th><th scope="col" class="num">${pick(T.ledgerAmount, lang)}</th><th scope="col" class="num">${pick(T.balanceAfter, lang)}</th><th scope="col">${pick(T.ref, lang)}</th></tr></thead>
  <tbody>${ledger.map(
    (entry) =>
      html`<tr data-kind="${entry.kind}"><td>${formatDateTime(entry.at, lang)}</td><td>${labelOf(MOVE_LABELS, entry.kind, lang)}</td><td class="num">${signed(entry.amountCny, lang)}</td><td class="num">${formatYuan(entry.balanceAfterCny, lang)}</td><td>${entry.orderId ? html`${pick(T.order, lang)} <code>${entry.orderId.slice(0, 8)}</code>` : entry.applicationId ? html`${pick(T.application, lang)} <code>${entry.applicationId.slice(0, 8)}</code>` : ''}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** Balance, granted, cap and expiry. */
export function accountFacts(account: VoucherAccount, lang: Lang): Html {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts kpis">
  ${row(pick(T.balance, lang), formatYuan(account.balanceCny, lang))}
  ${row(pick(T.granted, lang), formatYuan(account.grantedTotalCny, lang))}
  ${row(pick(T.cap, lang), formatYuan(account.capCny, lang))}
  ${account.expiresOn ? row(pick(T.expiresOn, lang), account.expiresOn) : ''}
</dl>
${account.expired ? notice('warning', pick(T.expiredState, lang)) : ''}`;
}

export const APPLY_FIELDS = ['requestedCny', 'purpose'] as const;
export interface ApplyValues {
  requestedCny: string;
  purpose: string;
}

export function vouchersPage(
  c: PortalContext,
  o: {
    leadId: string;
    account: VoucherAccount;
    values: ApplyValues;
    found: FieldErrors;
    flash?: 'applied' | undefined;
    warning?: string | undefined;
  },
) {
  const lang = c.var.lang;
  const a = o.account;
  const e = o.found.errors;
  return page(c, {
    title: pick(T.vouchersTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'vouchers')}
${o.flash === 'applied' ? notice('info', pick(T.applied, lang)) : ''}
<h1>${pick(T.vouchersTitle, lang)}</h1>
<p class="lead">${pick(T.vouchersLead, lang)}</p>
<section class="card" aria-labelledby="balance-title">
  <h2 id="balance-title">${a.firmName}</h2>
  ${accountFacts(a, lang)}
</section>
<section aria-labelledby="ledger-title">
  <h2 id="ledger-title">${pick(T.ledger, lang)}</h2>
  ${ledgerTable(a.ledger, lang)}
</section>
<section aria-labelledby="applications-title">
  <h2 id="applications-title">${pick(T.applications, lang)}</h2>
  ${
    a.applications.length === 0
      ? html`<p class="muted">${pick(T.noneYet, lang)}</p>`
      : html`<ul class="applications">${a.applications.map(
          (
            app,
          ) => html`<li class="card"><p><span class="status status-${app.status}">${labelOf(APPLICATION_STATUS_LABELS, app.status, lang)}</span> · ${pick(T.requested, lang)} ${formatYuan(app.requestedCny, lang)}${app.grantedCny !== undefined ? html` · ${pick(T.grantedAmount, lang)} <strong>${formatYuan(app.grantedCny, lang)}</strong>` : ''}</p>
<p class="prose">${app.purpose}</p>
${app.reason ? html`<p>${pick(T.reason, lang)}${colon(lang)}${app.reason}</p>` : ''}
<p class="muted small">${formatDateTime(app.at, lang)}</p></li>`,
        )}</ul>`
  }
</section>
<section aria-labelledby="apply-title" class="narrow">
  <h2 id="apply-title">${pick(T.apply, lang)}</h2>
  ${o.warning ? notice('warning', o.warning) : ''}
  ${errorSummary(summaryOf(o.found, APPLY_FIELDS), lang)}
  <form method="post" action="/firm/${encodeURIComponent(o.leadId)}/vouchers/apply" class="card" novalidate>
    ${csrfField(c)}
    ${input({ name: 'requestedCny', label: pick(T.requested, lang), hint: pick(T.requestedHint, lang), value: o.values.requestedCny, error: e.requestedCny, required: true, inputmode: 'numeric', maxlength: 12, suffix: pick(T.yuan, lang), lang })}
    ${textArea({ name: 'purpose', label: pick(T.applyPurpose, lang), value: o.values.purpose, error: e.purpose, required: true, rows: 3, maxlength: 1000, lang })}
    <div class="actions"><button type="submit" class="primary">${pick(T.apply, lang)}</button></div>
  </form>
</section>`,
  });
}
