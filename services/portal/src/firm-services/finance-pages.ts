import {
  COLLATERAL_KINDS,
  FINANCING_PURPOSES,
  type FinancingNeed,
  type Push,
  URGENCIES,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatCny, formatDateTime, formatScore } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { labelOf } from '../i18n/profile-labels.ts';
import { choices, errorSummary, fieldId, input, notice, select, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import type { MatchView, NeedView, OptionalFact } from './api.ts';
import { type FieldErrors, formatRate, nameOf, summaryOf } from './forms.ts';
import { firmTabs } from './frame.ts';
import {
  COLLATERAL_LABELS,
  GATE_LABELS,
  PRODUCT_TYPE_LABELS,
  PURPOSE_LABELS,
  PUSH_STATUS_LABELS,
  FS_TEXT as T,
  URGENCY_LABELS,
} from './text.ts';

// The firm's financing pages (渝企金服): its needs, a new need's form, and a need with the
// products it matches (score, reasons), those ruled out (the gates), the banks it went to and
// their answers.

/** The need form's fields, named as the service's field errors name them. */
export const NEED_FIELDS = ['amountCny', 'purpose', 'termMonths', 'collateral', 'urgency', 'note'] as const;

export interface NeedValues {
  amountCny: string;
  purpose: string;
  termMonths: string;
  collateral: string[];
  urgency: string;
  note: string;
}

export const emptyNeed = (): NeedValues => ({
  amountCny: '',
  purpose: '',
  termMonths: '',
  collateral: [],
  urgency: 'normal',
  note: '',
});

const options = <T extends string>(
  codes: readonly T[],
  labels: Record<T, { zh: string; en: string }>,
  lang: Lang,
) => codes.map((code) => ({ value: code, label: labels[code][lang] }));

export function needFormPage(
  c: PortalContext,
  o: { leadId: string; values: NeedValues; found: FieldErrors; warning?: string | undefined },
) {
  const lang = c.var.lang;
  const { values: v, found } = o;
  const e = found.errors;
  return page(c, {
    title: pick(T.newNeed, lang),
    body: html`${firmTabs(c, o.leadId, 'finance')}
<div class="narrow">
<h1>${pick(T.newNeed, lang)}</h1>
<p class="lead">${pick(T.newNeedLead, lang)}</p>
${o.warning ? notice('warning', o.warning) : ''}
${errorSummary(summaryOf(found, NEED_FIELDS), lang)}
<form method="post" action="/firm/${encodeURIComponent(o.leadId)}/finance/new" class="card" novalidate>
  ${csrfField(c)}
  ${input({ name: 'amountCny', label: pick(T.amount, lang), hint: pick(T.amountHint, lang), value: v.amountCny, error: e.amountCny, required: true, inputmode: 'decimal', suffix: pick(T.tenThousand, lang), maxlength: 20, lang })}
  ${select({ name: 'purpose', label: pick(T.purpose, lang), value: v.purpose, options: options(FINANCING_PURPOSES, PURPOSE_LABELS, lang), empty: lang === 'zh' ? '请选择' : 'Choose', error: e.purpose, required: true, lang })}
  ${input({ name: 'termMonths', label: pick(T.term, lang), value: v.termMonths, error: e.termMonths, required: true, inputmode: 'numeric', suffix: pick(T.months, lang), maxlength: 4, lang })}
  ${choices({ kind: 'checkbox', name: 'collateral', label: pick(T.collateral, lang), hint: pick(T.collateralHint, lang), values: v.collateral, options: options(COLLATERAL_KINDS, COLLATERAL_LABELS, lang), error: e.collateral, required: true, lang })}
  ${choices({ kind: 'radio', name: 'urgency', label: pick(T.urgency, lang), values: [v.urgency], options: options(URGENCIES, URGENCY_LABELS, lang), error: e.urgency, required: true, lang })}
  ${textArea({ name: 'note', label: pick(T.note, lang), value: v.note, error: e.note, rows: 3, maxlength: 1000, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.registerNeed, lang)}</button></div>
</form>
</div>`,
  });
}

/** A need's facts in a few words. */
export function needFacts(need: FinancingNeed, lang: Lang): Html {
  const row = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts">
  ${row(pick(T.amount, lang), formatCny(need.amountCny, lang))}
  ${row(pick(T.purpose, lang), labelOf(PURPOSE_LABELS, need.purpose, lang))}
  ${row(pick(T.term, lang), `${need.termMonths} ${pick(T.months, lang)}`)}
  ${row(pick(T.collateral, lang), need.collateral.map((k) => labelOf(COLLATERAL_LABELS, k, lang)).join(lang === 'zh' ? '、' : ', '))}
  ${row(pick(T.urgency, lang), labelOf(URGENCY_LABELS, need.urgency, lang))}
  ${row(pick(T.registeredAt, lang), formatDateTime(need.at, lang))}
</dl>
${need.note ? html`<p class="prose">${need.note}</p>` : ''}`;
}

/** A bank's answer to a push, as the firm (and its park) read it. */
export function pushAnswer(push: Push, lang: Lang): Html {
  const offer = push.offer;
  return html`<span class="status status-${push.status}">${labelOf(PUSH_STATUS_LABELS, push.status, lang)}</span>
${
  offer
    ? html`<p class="offer">${pick(T.offer, lang)}${colon(lang)}<strong>${formatCny(offer.amountCny, lang)}</strong>${offer.ratePct !== undefined ? html` · ${pick(T.rate, lang)} <strong>${formatRate(offer.ratePct, lang)}</strong>` : ''} · ${offer.termMonths} ${pick(T.months, lang)}</p>`
    : ''
}
${push.reason ? html`<p>${pick(T.reason, lang)}${colon(lang)}${push.reason}</p>` : ''}
${push.answeredAt ? html`<p class="muted small">${pick(T.answeredAt, lang)}${colon(lang)}${formatDateTime(push.answeredAt, lang)}</p>` : ''}`;
}

function pushes(need: FinancingNeed, lang: Lang, bankNames: ReadonlyMap<string, string>): Html {
  if (need.pushes.length === 0) return html`<p class="muted">${pick(T.answersEmpty, lang)}</p>`;
  return html`<ul class="answers">${need.pushes.map(
    (push) => html`<li class="card" data-product="${push.productId}">
  <h3>${bankNames.get(push.bankId) ?? push.bankId} · ${nameOf(push.productName, lang)}</h3>
  ${pushAnswer(push, lang)}
</li>`,
  )}</ul>`;
}

function match(m: MatchView, pushed: boolean, bankNames: ReadonlyMap<string, string>, lang: Lang): Html {
  const id = `product-${m.productId}`;
  return html`<li class="card match" aria-labelledby="${id}">
  <div class="entry-head">
    <h3 id="${id}">${bankNames.get(m.bankId) ?? m.bankId} · ${nameOf(m.productName, lang)}</h3>
    ${m.score !== undefined ? html`<span class="badge score" aria-label="${pick(T.score, lang)} ${formatScore(m.score, lang)}">${pick(T.score, lang)} ${formatScore(m.score, lang)}</span>` : ''}
  </div>
  <p class="muted">${labelOf(PRODUCT_TYPE_LABELS, m.type, lang)}</p>
  ${m.reasons.length > 0 ? html`<p class="hint">${pick(T.reasons, lang)}</p><ul class="reasons">${m.reasons.map((r) => html`<li>${r[lang]}</li>`)}</ul>` : ''}
  <div class="option">${
    pushed
      ? html`<span class="chip">${pick(T.alreadyPushed, lang)}</span>`
      : html`<input type="checkbox" id="push-${m.productId}" name="productIds" value="${m.productId}"><label for="push-${m.productId}">${pick(T.choose, lang)}${colon(lang)}${bankNames.get(m.bankId) ?? m.bankId} · ${nameOf(m.productName, lang)}</label>`
  }</div>
</li>`;
}

/** Each optional fact, as the profile form labels it and where its field is. */
const FACTS: Readonly<Record<OptionalFact, { label: { zh: string; en: string }; field: string }>> = {
  revenueCny: { label: T.factRevenue, field: 'firm.revenueCny' },
  foundedYear: { label: T.factFounded, field: 'firm.foundedYear' },
  growthStage: { label: T.factStage, field: 'project.growthStage' },
};

/**
 * The facts the firm left out of its profile that some product checks, each a link to its field
 * on the profile's edit page: add them, and what is “to be confirmed” is checked.
 */
export function missingFactsNotice(leadId: string, facts: readonly OptionalFact[], lang: Lang): Html {
  if (facts.length === 0) return html``;
  const edit = `/firm/${encodeURIComponent(leadId)}/edit`;
  return html`<div class="notice warning missing-facts" role="note">
  <p><strong>${pick(T.missingFactsTitle, lang)}</strong></p>
  <p>${pick(T.missingFactsLead, lang)}</p>
  <ul>${facts.map((f) => html`<li><a href="${edit}#${fieldId(FACTS[f].field)}">${pick(FACTS[f].label, lang)}</a></li>`)}</ul>
  <p><a href="${edit}">${pick(T.missingFactsLink, lang)}</a></p>
</div>`;
}

export interface NeedPageOptions {
  leadId: string;
  need: NeedView;
  matches: readonly MatchView[];
  /** Optional profile facts the firm has not given that some product checks. */
  missingFacts?: readonly OptionalFact[];
  bankNames: ReadonlyMap<string, string>;
  flash?: 'registered' | 'pushed' | undefined;
  errors?: string[];
  warning?: string | undefined;
}

export function needPage(c: PortalContext, o: NeedPageOptions) {
  const lang = c.var.lang;
  const eligible = o.matches.filter((m) => m.eligible);
  const excluded = o.matches.filter((m) => !m.eligible);
  const pushed = new Set(o.need.pushes.map((p) => p.productId));
  const open = !o.need.closed && eligible.some((m) => !pushed.has(m.productId));
  return page(c, {
    title: pick(T.needTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'finance')}
${o.flash === 'registered' ? notice('info', pick(T.registered, lang)) : ''}
${o.flash === 'pushed' ? notice('info', pick(T.pushedFlash, lang)) : ''}
${o.warning ? notice('warning', o.warning) : ''}
<h1>${pick(T.needTitle, lang)}</h1>
<p class="lead">${o.need.firmName}</p>
${o.need.closed ? notice('warning', o.need.closed.reason[lang]) : ''}
${missingFactsNotice(o.leadId, o.missingFacts ?? [], lang)}
<section class="card" aria-labelledby="need-title">
  <h2 id="need-title">${pick(T.needsTitle, lang)}</h2>
  ${needFacts(o.need, lang)}
</section>
<section aria-labelledby="answers-title">
  <h2 id="answers-title">${pick(T.answers, lang)}</h2>
  ${pushes(o.need, lang, o.bankNames)}
</section>
<section aria-labelledby="matches-title">
  <h2 id="matches-title">${pick(T.matched, lang)} <span class="count">${eligible.length}</span></h2>
  ${errorSummary(
    (o.errors ?? []).map((message) => ({ field: 'productIds', message })),
    lang,
  )}
  ${
    eligible.length === 0
      ? html`<p class="muted">${pick(T.noMatch, lang)}</p>`
      : html`<p class="hint">${pick(T.matchedHint, lang)}</p>
<form method="post" action="/firm/${encodeURIComponent(o.leadId)}/finance/${encodeURIComponent(o.need.id)}/push">
  ${csrfField(c)}
  <fieldset class="field choices" id="f-productIds"><legend class="visually-hidden">${pick(T.matched, lang)}</legend>
  <ol class="matches">${eligible.map((m) => match(m, pushed.has(m.productId), o.bankNames, lang))}</ol>
  </fieldset>
  ${open ? html`<div class="actions"><button type="submit" class="primary">${pick(T.push, lang)}</button></div>` : ''}
</form>`
  }
</section>
${
  excluded.length > 0
    ? html`<section aria-labelledby="excluded-title">
  <h2 id="excluded-title">${pick(T.excluded, lang)} <span class="count">${excluded.length}</span></h2>
  <p class="hint">${pick(T.excludedHint, lang)}</p>
  <ul class="excluded">${excluded.map(
    (
      m,
    ) => html`<li class="card"><h3>${o.bankNames.get(m.bankId) ?? m.bankId} · ${nameOf(m.productName, lang)}</h3>
    <ul class="reasons">${m.excludedBy.map((gate) => html`<li><strong>${labelOf(GATE_LABELS, gate.gate, lang)}</strong>${colon(lang)}${gate.reason[lang]}</li>`)}</ul></li>`,
  )}</ul>
</section>`
    : ''
}`,
  });
}

export function needsPage(
  c: PortalContext,
  o: { leadId: string; firmName: string; needs: readonly FinancingNeed[] },
) {
  const lang = c.var.lang;
  const base = `/firm/${encodeURIComponent(o.leadId)}/finance`;
  return page(c, {
    title: pick(T.needsTitle, lang),
    body: html`${firmTabs(c, o.leadId, 'finance')}
<h1>${pick(T.needsTitle, lang)}</h1>
<p class="lead">${o.firmName}</p>
<p><a class="button primary" href="${base}/new">${pick(T.newNeed, lang)}</a></p>
${
  o.needs.length === 0
    ? html`<p class="empty">${pick(T.needsEmpty, lang)}</p>`
    : html`<ul class="needs">${o.needs.map(
        (need) => html`<li class="card">
  <h2><a href="${base}/${encodeURIComponent(need.id)}">${formatCny(need.amountCny, lang)} · ${labelOf(PURPOSE_LABELS, need.purpose, lang)} · ${need.termMonths} ${pick(T.months, lang)}</a></h2>
  <p class="muted">${pick(T.registeredAt, lang)}${colon(lang)}${formatDateTime(need.at, lang)}</p>
  ${need.pushes.length > 0 ? html`<ul class="chips">${need.pushes.map((p) => html`<li>${nameOf(p.productName, lang)}${colon(lang)}${labelOf(PUSH_STATUS_LABELS, p.status, lang)}</li>`)}</ul>` : ''}
</li>`,
      )}</ul>`
}`,
  });
}
