import {
  APPEAL_CATEGORIES,
  APPEAL_CATEGORY_LABELS,
  APPEAL_STATUS_LABELS,
  type Appeal,
  type AppealStatus,
  type Bilingual,
  type LeadLedger,
  type MonthlyFigures,
  type Visit,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import {
  colon,
  formatCny,
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  shanghaiDay,
} from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, select, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import { appealBadge } from './sla.ts';
import { errorOf, type FormState, fieldValue, wanValue } from './work-form.ts';
import { LIAISON_ROLE_LABELS, WORK_TEXT as T } from './work-text.ts';

// The two ledgers of a lead the member's park owns (两本台账): the 一企一策 ledger — its
// liaison, what output and sales the park expects, the visits and talks, the firm's problems
// (诉求) with their due dates — and the 重点培育 monthly figures. Each part has its form.

/** A member of the owner park's team whom the liaison may be: an active analyst or manager. */
export interface Colleague {
  username: string;
  role: 'analyst' | 'manager';
}

export interface LedgerOptions {
  leadId: string;
  ledger: LeadLedger;
  /** The owner park's colleagues to pick the liaison from; without them a username is typed. */
  roster?: readonly Colleague[] | undefined;
  visits: readonly Visit[];
  appeals: readonly Appeal[];
  figures: readonly MonthlyFigures[];
  nowMs: number;
  state?: FormState | undefined;
  parkId?: string | undefined;
}

/** What an appeal may become from its status (the leads service's status machine). */
export const NEXT_APPEAL_STATUSES: Record<AppealStatus, readonly AppealStatus[]> = {
  open: ['in-progress', 'resolved', 'rejected'],
  'in-progress': ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

const action = (o: LedgerOptions, what: string) =>
  `/team/leads/${encodeURIComponent(o.leadId)}/${what}${o.parkId ? `?park=${encodeURIComponent(o.parkId)}` : ''}`;

/** A form folded away until it is wanted (or came back with something to fix). */
function foldedForm(
  c: PortalContext,
  o: LedgerOptions,
  key: string,
  summary: string,
  to: string,
  fields: Html,
  button: string,
): Html {
  const lang = c.var.lang;
  const state = o.state?.key === key ? o.state : undefined;
  return html`<details class="work-form"${state ? html` open` : ''}>
  <summary>${summary}</summary>
  ${
    state
      ? errorSummary(
          state.general.map((message) => ({ message })),
          lang,
          pick(T.notSaved, lang),
        )
      : ''
  }
  <form method="post" action="${action(o, to)}">
    ${csrfField(c)}
    ${fields}
    <div class="actions"><button type="submit" class="primary">${button}</button></div>
  </form>
</details>`;
}

const fieldOf =
  (o: LedgerOptions, key: string, prefix: string, lang: Lang) =>
  (name: string, fallback = '') => ({
    name,
    idPrefix: prefix,
    value: fieldValue(o.state, key, name, fallback),
    error: errorOf(o.state, key, name),
    lang,
  });

const wanInput = (
  field: ReturnType<typeof fieldOf>,
  name: string,
  label: Bilingual,
  lang: Lang,
  required: boolean,
  fallback = '',
) =>
  input({
    ...field(name, fallback),
    label: pick(label, lang),
    inputmode: 'decimal',
    suffix: pick(T.wan, lang),
    hint: pick(T.wanHint, lang),
    maxlength: 16,
    required,
  });

// ── liaison and expectations ────────────────────────────────────────────────

/** 'dadukou-2（分析员）', 'dadukou-2 (Analyst)'. */
const inBrackets = (text: string, note: string, lang: Lang) =>
  lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;

/**
 * The liaison's control: a choice of the owner park's colleagues (the current liaison chosen,
 * and kept as a choice even when its account is no longer listed), or — when leads could not
 * give the roster — the username typed, as before.
 */
function liaisonControl(o: LedgerOptions, field: ReturnType<typeof fieldOf>, lang: Lang): Html {
  const current = o.ledger.liaison?.username;
  if (!o.roster)
    return input({
      ...field('username', current ?? ''),
      label: pick(T.liaisonUser, lang),
      hint: pick(T.liaisonHint, lang),
      required: true,
      maxlength: 100,
      autocomplete: 'off',
    });
  const options = o.roster.map((member) => ({
    value: member.username,
    label: inBrackets(member.username, pick(LIAISON_ROLE_LABELS[member.role], lang), lang),
  }));
  if (current && !o.roster.some((member) => member.username === current))
    options.unshift({ value: current, label: inBrackets(current, pick(T.currentLiaison, lang), lang) });
  return select({
    ...field('username', current ?? ''),
    label: pick(T.liaison, lang),
    hint: pick(T.liaisonPickHint, lang),
    required: true,
    ...(current ? {} : { empty: pick(T.chooseLiaison, lang) }),
    options,
  });
}

function liaison(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const { ledger } = o;
  const key = 'liaison';
  const field = fieldOf(o, key, 'l-', lang);
  const current = ledger.liaison;
  return html`<h3>${pick(T.liaison, lang)}</h3>
${
  current
    ? html`<dl class="facts compact">
  <div><dt>${pick(T.liaison, lang)}</dt><dd><strong>${current.username}</strong></dd></div>
  <div><dt>${pick(T.namedBy, lang)}</dt><dd>${current.by} · ${formatDateTime(current.since, lang)}</dd></div>
</dl>`
    : html`<p class="muted">${pick(T.noLiaison, lang)}</p>`
}
${foldedForm(
  c,
  o,
  key,
  pick(current ? T.reassignLiaison : T.assignLiaison, lang),
  'liaison',
  html`<input type="hidden" name="pipelineRevision" value="${String(ledger.pipelineRevision)}">
  ${liaisonControl(o, field, lang)}`,
  pick(current ? T.reassignLiaison : T.assignLiaison, lang),
)}`;
}

function expectations(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const key = 'expectations';
  const field = fieldOf(o, key, 'e-', lang);
  const e = o.ledger.expectations;
  const money = (value: number | undefined) =>
    value === undefined ? pick(T.notSet, lang) : formatCny(value, lang);
  return html`<h3>${pick(T.expectations, lang)}</h3>
<dl class="facts compact">
  <div><dt>${pick(T.expectedOutput, lang)}</dt><dd>${money(e?.expectedAnnualOutputCny)}</dd></div>
  <div><dt>${pick(T.expectedSales, lang)}</dt><dd>${money(e?.expectedAnnualSalesCny)}</dd></div>
</dl>
${foldedForm(
  c,
  o,
  key,
  pick(T.saveExpectations, lang),
  'expectations',
  html`${wanInput(field, 'expectedAnnualOutputCny', T.expectedOutput, lang, false, wanValue(e?.expectedAnnualOutputCny))}
  ${wanInput(field, 'expectedAnnualSalesCny', T.expectedSales, lang, false, wanValue(e?.expectedAnnualSalesCny))}`,
  pick(T.saveExpectations, lang),
)}`;
}

// ── visits ──────────────────────────────────────────────────────────────────

function visits(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const key = 'visit';
  const field = fieldOf(o, key, 'v-', lang);
  const today = shanghaiDay(o.nowMs);
  const sep = lang === 'zh' ? '、' : ', ';
  return html`<section class="card" id="visits" aria-labelledby="visits-title">
  <h2 id="visits-title">${pick(T.visits, lang)} <span class="sub">(${o.visits.length})</span></h2>
  ${
    o.visits.length === 0
      ? html`<p class="muted">${pick(T.noVisits, lang)}</p>`
      : html`<ol class="entries">${o.visits.map(
          (visit) => html`<li>
    <p class="entry-head"><time datetime="${visit.date}">${formatDate(visit.date, lang)}</time> · ${visit.participants.join(sep)} <span class="muted">· ${visit.by}</span></p>
    <p class="prose">${visit.summary}</p>
    ${visit.nextStep ? html`<p><strong>${pick(T.nextStep, lang)}${colon(lang)}</strong>${visit.nextStep}${visit.nextStepDueOn ? html` <span class="muted">(${pick(T.nextStepDueOn, lang)} ${formatDate(visit.nextStepDueOn, lang)})</span>` : ''}</p>` : ''}
  </li>`,
        )}</ol>`
  }
  ${foldedForm(
    c,
    o,
    key,
    pick(T.logVisit, lang),
    'visits',
    html`${input({ ...field('date', today), label: pick(T.visitDate, lang), type: 'date', max: today, required: true })}
    ${textArea({ ...field('participants'), label: pick(T.participants, lang), hint: pick(T.participantsHint, lang), required: true, rows: 2, maxlength: 1000 })}
    ${textArea({ ...field('summary'), label: pick(T.summary, lang), required: true, rows: 4, maxlength: 5000 })}
    ${input({ ...field('nextStep'), label: pick(T.nextStep, lang), maxlength: 1000 })}
    ${input({ ...field('nextStepDueOn'), label: pick(T.nextStepDueOn, lang), type: 'date', min: today })}`,
    pick(T.saveVisit, lang),
  )}
</section>`;
}

// ── appeals ─────────────────────────────────────────────────────────────────

function appealStatusForm(c: PortalContext, o: LedgerOptions, appeal: Appeal): Html {
  const lang = c.var.lang;
  const next = NEXT_APPEAL_STATUSES[appeal.status];
  if (next.length === 0) return html``;
  const key = `appeal:${appeal.id}`;
  const field = fieldOf(o, key, `a-${appeal.id.slice(0, 8)}-`, lang);
  return foldedForm(
    c,
    o,
    key,
    pick(T.changeStatus, lang),
    `appeals/${encodeURIComponent(appeal.id)}`,
    html`<input type="hidden" name="revision" value="${String(appeal.revision)}">
    ${select({ ...field('status', next[0]), label: pick(T.newStatus, lang), required: true, options: next.map((status) => ({ value: status, label: pick(APPEAL_STATUS_LABELS[status], lang) })) })}
    ${textArea({ ...field('resolution'), label: pick(T.resolution, lang), hint: pick(T.resolutionHint, lang), rows: 2, maxlength: 2000 })}
    ${textArea({ ...field('rejectionReason'), label: pick(T.rejectionReason, lang), hint: pick(T.rejectionHint, lang), rows: 2, maxlength: 2000 })}
    ${input({ ...field('note'), label: pick(T.note, lang), maxlength: 1000 })}`,
    pick(T.changeStatus, lang),
  );
}

function appeal(c: PortalContext, o: LedgerOptions, item: Appeal, today: string): Html {
  const lang = c.var.lang;
  return html`<li class="appeal">
  <p class="entry-head"><strong>${item.title}</strong> <span class="status status-${item.status}">${pick(APPEAL_STATUS_LABELS[item.status], lang)}</span> ${appealBadge(item, today, lang)}</p>
  <dl class="facts compact">
    <div><dt>${pick(T.category, lang)}</dt><dd>${pick(APPEAL_CATEGORY_LABELS[item.category], lang)}</dd></div>
    <div><dt>${pick(T.department, lang)}</dt><dd>${item.department}</dd></div>
    <div><dt>${pick(T.dueOn, lang)}</dt><dd>${formatDate(item.dueOn, lang)}</dd></div>
    <div><dt>${pick(T.openedBy, lang)}</dt><dd>${item.openedBy} · ${formatDateTime(item.openedAt, lang)}</dd></div>
  </dl>
  <p class="prose">${item.description}</p>
  ${item.resolution ? html`<p><strong>${pick(T.resolution, lang)}${colon(lang)}</strong>${item.resolution}</p>` : ''}
  ${item.rejectionReason ? html`<p><strong>${pick(T.rejectionReason, lang)}${colon(lang)}</strong>${item.rejectionReason}</p>` : ''}
  ${appealStatusForm(c, o, item)}
</li>`;
}

function appeals(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const key = 'appeal';
  const field = fieldOf(o, key, 'ap-', lang);
  const today = shanghaiDay(o.nowMs);
  return html`<section class="card" id="appeals" aria-labelledby="appeals-title">
  <h2 id="appeals-title">${pick(T.appeals, lang)} <span class="sub">(${o.appeals.length})</span></h2>
  ${
    o.appeals.length === 0
      ? html`<p class="muted">${pick(T.noAppeals, lang)}</p>`
      : html`<ol class="entries">${o.appeals.map((item) => appeal(c, o, item, today))}</ol>`
  }
  ${foldedForm(
    c,
    o,
    key,
    pick(T.openAppeal, lang),
    'appeals',
    html`${select({ ...field('category'), label: pick(T.category, lang), required: true, empty: '', options: APPEAL_CATEGORIES.map((category) => ({ value: category, label: pick(APPEAL_CATEGORY_LABELS[category], lang) })) })}
    ${input({ ...field('title'), label: pick(T.appealTitle, lang), required: true, maxlength: 200 })}
    ${textArea({ ...field('description'), label: pick(T.appealDescription, lang), required: true, rows: 3, maxlength: 5000 })}
    ${input({ ...field('department'), label: pick(T.department, lang), required: true, maxlength: 100 })}
    ${input({ ...field('dueOn'), label: pick(T.dueOn, lang), type: 'date', min: today, required: true })}`,
    pick(T.saveAppeal, lang),
  )}
</section>`;
}

// ── monthly figures ─────────────────────────────────────────────────────────

/** The month before this one (the one usually reported), `YYYY-MM`. */
const lastMonth = (nowMs: number): string => {
  const [year = 0, month = 1] = shanghaiDay(nowMs).split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

function figures(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const key = 'figures';
  const field = fieldOf(o, key, 'fg-', lang);
  const latest = o.figures[0];
  const thisMonth = shanghaiDay(o.nowMs).slice(0, 7);
  return html`<section class="card" id="figures" aria-labelledby="figures-title">
  <h2 id="figures-title">${pick(T.figures, lang)}${o.ledger.keyFirm.onLedger ? html` <span class="chip">${pick(T.keyFirm, lang)}</span>` : ''}</h2>
  <p class="hint">${pick(T.figuresLead, lang)}</p>
  ${keyFirmMark(c, o)}
  ${
    latest
      ? html`<dl class="facts compact">
    <div><dt>${pick(T.mainBusiness, lang)}</dt><dd>${latest.mainBusiness}</dd></div>
    <div><dt>${pick(T.productionScale, lang)}</dt><dd>${latest.productionScale}</dd></div>
  </dl>`
      : ''
  }
  ${
    o.figures.length === 0
      ? html`<p class="muted">${pick(T.noFigures, lang)}</p>`
      : html`<div class="table-wrap"><table class="data">
    <caption class="visually-hidden">${pick(T.figures, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.month, lang)}</th><th scope="col" class="num">${pick(T.revenue, lang)}</th><th scope="col" class="num">${pick(T.tax, lang)}</th><th scope="col" class="num">${pick(T.employees, lang)}</th><th scope="col" class="num">${pick(T.certificates, lang)}</th><th scope="col">${pick(T.reportedBy, lang)}</th></tr></thead>
    <tbody>${o.figures.map(
      (f) =>
        html`<tr><th scope="row" class="nowrap">${formatMonth(f.month, lang)}</th><td class="num">${formatCny(f.revenueCny, lang)}</td><td class="num">${formatCny(f.taxCny, lang)}</td><td class="num">${formatNumber(f.employees, lang)}</td><td class="num">${formatNumber(f.certificatesObtained, lang)}</td><td>${f.reportedBy}${f.history.length > 0 ? html` <span class="muted">(${pick(T.corrections, lang)} ${f.history.length})</span>` : ''}</td></tr>`,
    )}</tbody>
  </table></div>`
  }
  ${foldedForm(
    c,
    o,
    key,
    pick(T.reportFigures, lang),
    'figures',
    html`${input({ ...field('month', lastMonth(o.nowMs)), label: pick(T.month, lang), type: 'month', max: thisMonth, required: true })}
    ${input({ ...field('mainBusiness', latest?.mainBusiness ?? ''), label: pick(T.mainBusiness, lang), required: true, maxlength: 500 })}
    ${input({ ...field('productionScale', latest?.productionScale ?? ''), label: pick(T.productionScale, lang), required: true, maxlength: 500 })}
    ${wanInput(field, 'revenueCny', T.revenue, lang, true)}
    ${wanInput(field, 'taxCny', T.tax, lang, true)}
    ${input({ ...field('employees', latest ? String(latest.employees) : ''), label: pick(T.employees, lang), inputmode: 'numeric', required: true, maxlength: 8 })}
    ${input({ ...field('certificatesObtained', '0'), label: pick(T.certificates, lang), inputmode: 'numeric', required: true, maxlength: 8 })}`,
    pick(T.saveFigures, lang),
  )}
</section>`;
}

/**
 * Whether the firm is on the 重点培育 ledger (and why), with the button that marks it or takes
 * it off: one press, the same form either way, its value the mark to set.
 */
function keyFirmMark(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  const { keyFirm } = o.ledger;
  const state = o.state?.key === 'key-firm' ? o.state : undefined;
  const why = keyFirm.onLedger
    ? pick(keyFirm.mark?.onLedger ? T.keyFirmBecauseMarked : T.keyFirmBecauseOperating, lang)
    : '';
  return html`<div class="key-firm" id="key-firm">
  ${
    state
      ? errorSummary(
          state.general.map((message) => ({ message })),
          lang,
          pick(T.notSaved, lang),
        )
      : ''
  }
  <p>${pick(keyFirm.onLedger ? T.keyFirmOn : T.keyFirmOff, lang)}${why}${keyFirm.mark ? html` <span class="muted">${pick(T.keyFirmMarkedBy, lang)}${colon(lang)}${keyFirm.mark.by} · ${formatDateTime(keyFirm.mark.at, lang)}</span>` : ''}</p>
  <form method="post" action="${action(o, 'key-firm')}" class="inline">
    ${csrfField(c)}
    <input type="hidden" name="onLedger" value="${keyFirm.onLedger ? 'false' : 'true'}">
    <button type="submit" class="${keyFirm.onLedger ? 'secondary' : 'primary'}">${pick(keyFirm.onLedger ? T.unmarkKeyFirm : T.markKeyFirm, lang)}</button>
  </form>
</div>`;
}

/** The ledgers' sections of the lead page. */
export function ledgerCards(c: PortalContext, o: LedgerOptions): Html {
  const lang = c.var.lang;
  return html`<section class="card" id="ledger" aria-labelledby="ledger-title">
  <h2 id="ledger-title">${pick(T.ledger, lang)}</h2>
  <p class="hint">${pick(T.ledgerLead, lang)}</p>
  ${liaison(c, o)}
  ${expectations(c, o)}
</section>
${visits(c, o)}
${appeals(c, o)}
${figures(c, o)}`;
}
