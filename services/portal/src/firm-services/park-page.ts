import { type FinancingNeed, type Order, VOUCHER_CAP_CNY, type VoucherAccount } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatCny, formatCnyShort, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { labelOf } from '../i18n/profile-labels.ts';
import { choices, errorSummary, input, notice, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import type { FinancingFigures, NeedView } from './api.ts';
import { pushAnswer } from './finance-pages.ts';
import { type FieldErrors, formatYuan, nameOf, summaryOf } from './forms.ts';
import { orderSummary } from './rnd-pages.ts';
import { PURPOSE_LABELS, FS_TEXT as T } from './text.ts';
import { ledgerTable } from './voucher-pages.ts';

// The park team's firm-services page: voucher applications to decide (up to the cap), the
// park's financing needs with the banks' answers, its R&D orders, and — for managers — the
// financing and voucher figures these add up to.

export const DECISION_FIELDS = ['decision', 'grantedCny', 'expiresOn', 'reason'] as const;

export interface DecisionState {
  values: { decision: string; grantedCny: string; expiresOn: string; reason: string };
  found: FieldErrors;
  warning?: string | undefined;
}

/** What the park's needs and voucher accounts add up to. */
export interface Figures {
  needs: number;
  demandedCny: number;
  offers: number;
  offeredCny: number;
  grantedCny: number;
  spentCny: number;
  balanceCny: number;
}

/** Insights' figures of the year, in the page's terms. */
export function figuresFromInsights(f: FinancingFigures): Figures {
  return {
    needs: f.financing.needs,
    demandedCny: f.financing.needsAmountCny,
    offers: f.financing.offers,
    offeredCny: f.financing.offeredAmountCny,
    grantedCny: f.vouchers.grantedCny,
    spentCny: f.vouchers.spentCny,
    balanceCny: f.vouchers.balanceAtEndCny,
  };
}

export function figuresOf(needs: readonly FinancingNeed[], accounts: readonly VoucherAccount[]): Figures {
  const offers = needs.flatMap((n) => n.pushes).filter((p) => p.status === 'offered' && p.offer);
  const entries = accounts.flatMap((a) => a.ledger);
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountCny, 0);
  return {
    needs: needs.length,
    demandedCny: needs.reduce((s, n) => s + n.amountCny, 0),
    offers: offers.length,
    offeredCny: offers.reduce((s, p) => s + (p.offer?.amountCny ?? 0), 0),
    grantedCny: sum('grant'),
    // A refund gives a spend back: what orders still hold.
    spentCny: -(sum('spend') + sum('refund')),
    balanceCny: accounts.reduce((s, a) => s + (a.expired ? 0 : a.balanceCny), 0),
  };
}

const applicationKey = (leadId: string, applicationId: string) => `${leadId}/${applicationId}`;

export { applicationKey };

function decisionForm(
  c: PortalContext,
  account: VoucherAccount,
  app: VoucherAccount['applications'][number],
  state: DecisionState | undefined,
): Html {
  const lang = c.var.lang;
  const prefix = `d-${app.id.slice(0, 8)}-`;
  const left = Math.max(0, account.capCny - account.grantedTotalCny);
  const v = state?.values ?? {
    decision: 'approved',
    grantedCny: String(Math.min(app.requestedCny, left)),
    expiresOn: '',
    reason: '',
  };
  const e = state?.found.errors ?? {};
  return html`<form method="post" action="/team/firm-services/vouchers/${encodeURIComponent(account.leadId)}/${encodeURIComponent(app.id)}" novalidate>
  ${csrfField(c)}
  ${state?.warning ? notice('warning', state.warning) : ''}
  ${state ? errorSummary(summaryOf(state.found, DECISION_FIELDS, prefix), lang) : ''}
  ${choices({
    kind: 'radio',
    name: 'decision',
    idPrefix: prefix,
    label: pick(T.decision, lang),
    values: [v.decision],
    options: [
      { value: 'approved', label: pick(T.approve, lang) },
      { value: 'rejected', label: pick(T.reject, lang) },
    ],
    error: e.decision,
    required: true,
    lang,
  })}
  <div class="row-grid">
  ${input({ name: 'grantedCny', idPrefix: prefix, label: pick(T.grantedAmount, lang), hint: `${pick(T.grantedHint, lang)}${lang === 'zh' ? '，' : '; '}${pick(T.remainingCap, lang)} ${formatYuan(left, lang)}`, value: v.grantedCny, error: e.grantedCny, inputmode: 'numeric', maxlength: 12, suffix: pick(T.yuan, lang), markOptional: false, lang })}
  ${input({ name: 'expiresOn', idPrefix: prefix, type: 'date', label: pick(T.expiresOn, lang), hint: pick(T.expiresOnHint, lang), value: v.expiresOn, error: e.expiresOn, lang })}
  </div>
  ${textArea({ name: 'reason', idPrefix: prefix, label: pick(T.rejectReason, lang), value: v.reason, error: e.reason, rows: 2, maxlength: 500, markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.sendDecision, lang)}</button></div>
</form>`;
}

function figuresSection(f: Figures, fromInsights: boolean, lang: Lang): Html {
  const kpi = (label: string, value: string) =>
    html`<div class="kpi"><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<section class="card" aria-labelledby="figures-title">
  <h2 id="figures-title">${pick(T.figuresTitle, lang)}</h2>
  <dl class="kpis figures">
    ${kpi(pick(T.needsCount, lang), String(f.needs))}
    ${kpi(pick(T.demanded, lang), formatCnyShort(f.demandedCny, lang))}
    ${kpi(pick(T.offersCount, lang), String(f.offers))}
    ${kpi(pick(T.offeredTotal, lang), formatCnyShort(f.offeredCny, lang))}
    ${kpi(pick(T.vouchersGranted, lang), formatYuan(f.grantedCny, lang))}
    ${kpi(pick(T.vouchersSpent, lang), formatYuan(f.spentCny, lang))}
    ${kpi(pick(T.vouchersBalance, lang), formatYuan(f.balanceCny, lang))}
  </dl>
  <p class="hint">${pick(fromInsights ? T.figuresInsights : T.figuresHint, lang)} <a href="/team/dashboard">${pick(T.dashboardLink, lang)}</a></p>
</section>`;
}

export interface ParkPageOptions {
  nav: TeamNav;
  manages: boolean;
  /** The year's figures from insights, when it answered; else they are counted from the lists. */
  figures?: FinancingFigures | undefined;
  accounts: readonly VoucherAccount[];
  needs: readonly NeedView[];
  /** Bank id → its name in the page's language (two banks may sell products of one name). */
  bankNames?: ReadonlyMap<string, string>;
  orders: readonly Order[];
  states?: ReadonlyMap<string, DecisionState>;
  flash?: 'decided' | undefined;
  errors?: string[];
}

export function parkPage(c: PortalContext, o: ParkPageOptions) {
  const lang = c.var.lang;
  const pending = o.accounts.flatMap((a) =>
    a.applications.filter((x) => x.status === 'pending').map((x) => ({ account: a, app: x })),
  );
  return page(c, {
    title: pick(T.parkTitle, lang),
    team: o.nav,
    body: html`${o.flash === 'decided' ? notice('info', pick(T.decided, lang)) : ''}
${(o.errors ?? []).map((e) => notice('warning', e))}
<h1>${pick(T.parkTitle, lang)}</h1>
<p class="lead">${pick(T.parkLead, lang)}</p>
${
  o.manages
    ? figuresSection(
        o.figures ? figuresFromInsights(o.figures) : figuresOf(o.needs, o.accounts),
        o.figures !== undefined,
        lang,
      )
    : ''
}
<section aria-labelledby="pending-title">
  <h2 id="pending-title">${pick(T.pendingTitle, lang)} <span class="count">${pending.length}</span></h2>
  ${
    pending.length === 0
      ? html`<p class="muted">${pick(T.pendingEmpty, lang)}</p>`
      : html`<ul class="applications">${pending.map(
          ({ account, app }) => html`<li class="card" id="application-${app.id}">
  <h3>${account.firmName}</h3>
  <p>${pick(T.requested, lang)}${colon(lang)}<strong>${formatYuan(app.requestedCny, lang)}</strong> · ${pick(T.granted, lang)} ${formatYuan(account.grantedTotalCny, lang)} / ${pick(T.cap, lang)} ${formatYuan(account.capCny || VOUCHER_CAP_CNY, lang)}</p>
  <p class="prose">${app.purpose}</p>
  <p class="muted small">${app.by.startsWith('firm:') ? '' : html`${app.by} · `}${formatDateTime(app.at, lang)}</p>
  ${decisionForm(c, account, app, o.states?.get(applicationKey(account.leadId, app.id)))}
</li>`,
        )}</ul>`
  }
</section>
<section aria-labelledby="accounts-title">
  <h2 id="accounts-title">${pick(T.vouchersTitle, lang)}</h2>
  ${
    o.accounts.length === 0
      ? html`<p class="muted">${pick(T.noneYet, lang)}</p>`
      : o.accounts.map(
          (a) =>
            html`<details class="card"><summary>${a.firmName} · ${pick(T.balance, lang)} ${formatYuan(a.balanceCny, lang)} / ${pick(T.granted, lang)} ${formatYuan(a.grantedTotalCny, lang)}</summary>${ledgerTable(a.ledger, lang)}</details>`,
        )
  }
</section>
<section aria-labelledby="park-needs-title">
  <h2 id="park-needs-title">${pick(T.parkNeeds, lang)}</h2>
  ${
    o.needs.length === 0
      ? html`<p class="muted">${pick(T.noneYet, lang)}</p>`
      : html`<ul class="needs">${o.needs.map(
          (
            n,
          ) => html`<li class="card${n.closed ? ' closed' : ''}"><h3>${n.firmName} · ${formatCny(n.amountCny, lang)} · ${labelOf(PURPOSE_LABELS, n.purpose, lang)}${n.closed ? html` <span class="chip">${pick(T.needClosed, lang)}</span>` : ''}</h3>
  ${n.closed ? html`<p class="muted">${n.closed.reason[lang]}</p>` : ''}
  ${n.pushes.map((p) => html`<div class="push"><p><strong>${o.bankNames?.get(p.bankId) ?? p.bankId} · ${nameOf(p.productName, lang)}</strong></p>${pushAnswer(p, lang)}</div>`)}</li>`,
        )}</ul>`
  }
</section>
<section aria-labelledby="park-orders-title">
  <h2 id="park-orders-title">${pick(T.parkOrders, lang)}</h2>
  ${
    o.orders.length === 0
      ? html`<p class="muted">${pick(T.noneYet, lang)}</p>`
      : html`<ul class="orders">${o.orders.map((x) => html`<li class="card"><h3>${nameOf(x.serviceName, lang)} · ${x.firmName}</h3>${orderSummary(x, lang)}</li>`)}</ul>`
  }
</section>`,
  });
}
