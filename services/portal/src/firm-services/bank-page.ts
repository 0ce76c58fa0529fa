import type { Push } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon } from '../i18n/format.ts';
import { pick } from '../i18n/lang.ts';
import { choices, errorSummary, input, notice, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import type { TeamMember } from '../session/session.ts';
import type { NeedView } from './api.ts';
import { needFacts, pushAnswer } from './finance-pages.ts';
import { type FieldErrors, nameOf, summaryOf } from './forms.ts';
import { partnerBar } from './frame.ts';
import { FS_TEXT as T } from './text.ts';

// A bank officer's page: the needs firms pushed to its bank's products, each answered in place
// — reviewing, an offer (amount, rate, term) or declined with a reason.

/** The answer form's fields, named as the service's field errors name them. */
export const ANSWER_FIELDS = [
  'status',
  'offer.amountCny',
  'offer.ratePct',
  'offer.termMonths',
  'reason',
] as const;

export interface AnswerValues {
  status: string;
  amount: string;
  rate: string;
  term: string;
  reason: string;
}

export interface AnswerState {
  values: AnswerValues;
  found: FieldErrors;
  warning?: string | undefined;
}

/** Where a push's answer form is, and what its fields' ids start with. */
export const pushKey = (needId: string, productId: string) => `${needId}/${productId}`;
const prefixOf = (needId: string, productId: string) => `a-${needId.slice(0, 8)}-${productId}-`;

function answerForm(c: PortalContext, need: NeedView, push: Push, state: AnswerState | undefined): Html {
  const lang = c.var.lang;
  const prefix = prefixOf(need.id, push.productId);
  const v = state?.values ?? {
    status: push.status === 'pushed' ? 'reviewing' : 'offered',
    amount: '',
    rate: '',
    term: String(need.termMonths),
    reason: '',
  };
  const e = state?.found.errors ?? {};
  const statusOptions = [
    ...(push.status === 'pushed' ? [{ value: 'reviewing', label: pick(T.reviewing, lang) }] : []),
    { value: 'offered', label: pick(T.makeOffer, lang) },
    { value: 'declined', label: pick(T.decline, lang) },
  ];
  return html`<form method="post" action="/bank/needs/${encodeURIComponent(need.id)}/${encodeURIComponent(push.productId)}/answer" class="answer-form" novalidate>
  ${csrfField(c)}
  ${state?.warning ? notice('warning', state.warning) : ''}
  ${state ? errorSummary(summaryOf(state.found, ANSWER_FIELDS, prefix), lang) : ''}
  ${choices({ kind: 'radio', name: 'status', idPrefix: prefix, label: pick(T.answerAs, lang), values: [v.status], options: statusOptions, error: e.status, required: true, lang })}
  <div class="row-grid">
  ${input({ name: 'offer.amountCny', idPrefix: prefix, label: pick(T.offerAmount, lang), value: v.amount, error: e['offer.amountCny'], inputmode: 'decimal', suffix: pick(T.tenThousand, lang), maxlength: 20, markOptional: false, lang })}
  ${input({ name: 'offer.ratePct', idPrefix: prefix, label: pick(T.offerRate, lang), value: v.rate, error: e['offer.ratePct'], inputmode: 'decimal', maxlength: 8, markOptional: false, lang })}
  ${input({ name: 'offer.termMonths', idPrefix: prefix, label: pick(T.offerTerm, lang), value: v.term, error: e['offer.termMonths'], inputmode: 'numeric', maxlength: 4, markOptional: false, lang })}
  </div>
  ${textArea({ name: 'reason', idPrefix: prefix, label: pick(T.declineReason, lang), value: v.reason, error: e.reason, rows: 2, maxlength: 500, markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.sendAnswer, lang)}</button></div>
</form>`;
}

export interface BankPageOptions {
  member: TeamMember;
  bankName?: string | undefined;
  needs: readonly NeedView[];
  states?: ReadonlyMap<string, AnswerState>;
  flash?: 'answered' | undefined;
  error?: string | undefined;
}

export function bankPage(c: PortalContext, o: BankPageOptions) {
  const lang = c.var.lang;
  const withPushes = o.needs.filter((n) => n.pushes.length > 0);
  return page(c, {
    title: pick(T.bankTitle, lang),
    body: html`${partnerBar(c, o.member, o.bankName, 'home')}
${o.flash === 'answered' ? notice('info', pick(T.answered, lang)) : ''}
${o.error ? notice('warning', o.error) : ''}
<h1>${pick(T.bankTitle, lang)}</h1>
<p class="lead">${pick(T.bankLead, lang)}</p>
${
  withPushes.length === 0
    ? html`<p class="empty">${pick(T.bankEmpty, lang)}</p>`
    : html`<ul class="needs">${withPushes.map(
        (need) => html`<li class="card need${need.closed ? ' closed' : ''}" id="need-${need.id}">
  <h2>${need.firmName}${need.closed ? html` <span class="chip">${pick(T.needClosed, lang)}</span>` : ''}</h2>
  ${need.closed ? notice('warning', pick(T.closedNoAnswer, lang)) : ''}
  ${needFacts(need, lang)}
  ${need.pushes.map(
    (push) => html`<section class="push" aria-label="${nameOf(push.productName, lang)}">
    <h3>${pick(T.product, lang)}${colon(lang)}${nameOf(push.productName, lang)}</h3>
    ${pushAnswer(push, lang)}
    ${
      need.closed
        ? html`<p class="muted">${pick(T.closedNoAnswer, lang)}</p>`
        : push.status === 'pushed' || push.status === 'reviewing'
          ? answerForm(c, need, push, o.states?.get(pushKey(need.id, push.productId)))
          : html`<p class="muted">${pick(T.finalAnswer, lang)}</p>`
    }
  </section>`,
  )}
</li>`,
      )}</ul>`
}`,
  });
}
