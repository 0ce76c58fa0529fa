import {
  type Bilingual,
  type LegalMoveView,
  LOST_REASON_LABELS,
  LOST_REASONS,
  PARKS,
  PIPELINE_STAGES,
  parkName,
  type SlaClockView,
  STAGE_LABELS,
  type Stage,
} from '@parkmatch/contracts';
import type { TeamLead } from '../api/leads.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatCny, formatDate, formatDateTime, shanghaiDay } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, type Option, select, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import type { TeamMember } from '../session/session.ts';
import { clockBadge } from './sla.ts';
import { errorOf, type FormState, fieldValue } from './work-form.ts';
import { HISTORY_KIND_LABELS, MOVE_LABELS, WORK_TEXT as T } from './work-text.ts';

// The lead's place in the closed loop: who owns it (首报首谈, with the claim button while
// nobody does), its stage and how long it has been there, the facts recorded on the way, a
// form for each move the member may make (with the facts the stage entered needs), and the
// history of what happened.
// A lead another park owns shows who owns it and its stage, never that park's deal: leads
// sends no liaison, facts or history to the other parks (首报首谈), and the page says so
// instead of showing empty ones.

export interface PipelineOptions {
  lead: TeamLead;
  member: TeamMember;
  /** The member may work the lead: its owner park's team, or city-wide staff. */
  works: boolean;
  nowMs: number;
  /** SLA clocks of this lead still running. */
  clocks: readonly SlaClockView[];
  state?: FormState | undefined;
  /** The park tab the page shows (kept across a form). */
  parkId?: string | undefined;
}

const parkLabel = (parkId: string, lang: Lang) => pick(parkName(parkId), lang);
const stageLabel = (stage: string, lang: Lang) =>
  pick(STAGE_LABELS[stage as Stage] ?? { zh: stage, en: stage }, lang);
const quoted = (text: string, lang: Lang) => (lang === 'zh' ? `「${text}」` : `“${text}”`);

/** What the page says of a lead another park owns, where the owner's deal would be. */
const CLAIMED_ELSEWHERE = {
  keepOff: {
    zh: '按首报首谈，该企业由认领园区对接，请勿自行联系。',
    en: 'Under first-to-report-and-talk (首报首谈) the claiming park deals with the firm: do not approach it.',
  },
  historyHidden: {
    zh: '进展记录仅对认领园区可见。',
    en: 'The history is for the claiming park only.',
  },
} satisfies Record<string, Bilingual>;

/** Does another park own the lead, so that the member sees nothing of its deal? */
export const claimedElsewhere = (
  lead: TeamLead,
  works: boolean,
): lead is TeamLead & { owner: NonNullable<TeamLead['owner']> } => lead.owner !== undefined && !works;

/** Where the contact would be, on a lead another park owns. */
export function contactHiddenLine(parkId: string, lang: Lang): string {
  const park = parkLabel(parkId, lang);
  return lang === 'zh'
    ? `已由「${park}」认领（首报首谈），联系方式仅对认领园区可见。`
    : `Claimed by “${park}” (first to report and talk, 首报首谈); the firm’s contact details are for the claiming park only.`;
}

/** Calendar days (Asia/Shanghai) from an instant to now. */
export function daysSince(iso: string, nowMs: number): number {
  const from = Date.parse(`${shanghaiDay(Date.parse(iso))}T00:00:00Z`);
  const to = Date.parse(`${shanghaiDay(nowMs)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

export const daysText = (days: number, lang: Lang): string =>
  lang === 'zh' ? `${days} 天` : `${days} ${days === 1 ? 'day' : 'days'}`;

const leadAction = (o: PipelineOptions, what: string) =>
  `/team/leads/${encodeURIComponent(o.lead.id)}/${what}${o.parkId ? `?park=${encodeURIComponent(o.parkId)}` : ''}`;

/** The parks the member may claim the lead for: those that rated it A–C, and only its own unless city-wide. */
export function claimableParks(lead: TeamLead, member: TeamMember): string[] {
  return Object.entries(lead.parks)
    .filter(([parkId, rating]) => rating.tier !== 'D' && (!member.parkId || parkId === member.parkId))
    .map(([parkId]) => parkId);
}

// ── ownership ───────────────────────────────────────────────────────────────

export function ownershipCard(c: PortalContext, o: PipelineOptions): Html {
  const lang = c.var.lang;
  const { lead } = o;
  const owner = lead.owner;
  let body: Html;
  if (owner) {
    const ours = o.member.parkId === owner.parkId;
    const withdrawn = lead.stage === 'withdrawn';
    // The last change of owner: a claim (首报首谈) or a transfer by city-wide staff (划转).
    const change = [...lead.history].reverse().find((e) => e.kind === 'claimed' || e.kind === 'transferred');
    const transfer = change?.kind === 'transferred' ? change : undefined;
    const headline = withdrawn
      ? html`${pick(T.withdrawnByFirm, lang)}${ours ? '' : html`${lang === 'zh' ? '（' : ' ('}${pick(T.lastOwner, lang)}${colon(lang)}${parkLabel(owner.parkId, lang)}${lang === 'zh' ? '）' : ')'}`}`
      : ours
        ? pick(transfer ? T.transferredToUs : T.claimedByUs, lang)
        : html`${pick(transfer ? T.transferredTo : T.claimedBy, lang)}${colon(lang)}${parkLabel(owner.parkId, lang)}`;
    body = html`<p class="owned ${withdrawn ? 'closed' : ours ? 'ours' : 'other'}"><strong>${headline}</strong></p>
<dl class="facts compact">
  ${ours ? '' : html`<div><dt>${pick(transfer ? T.ownerPark : T.claimedBy, lang)}</dt><dd>${parkLabel(owner.parkId, lang)}</dd></div>`}
  ${
    transfer
      ? html`${transfer.from ? html`<div><dt>${pick(T.transferredFrom, lang)}</dt><dd>${parkLabel(transfer.from, lang)}</dd></div>` : ''}
  <div><dt>${pick(T.transferredWho, lang)}</dt><dd>${transfer.by}</dd></div>
  <div><dt>${pick(T.transferredAt, lang)}</dt><dd>${formatDateTime(transfer.at, lang)}</dd></div>
  ${transfer.note ? html`<div><dt>${pick(T.transferredWhy, lang)}</dt><dd>${transfer.note}</dd></div>` : ''}`
      : html`<div><dt>${pick(T.claimedWho, lang)}</dt><dd>${owner.by}</dd></div>
  <div><dt>${pick(T.since, lang)}</dt><dd>${formatDateTime(owner.since, lang)}</dd></div>`
  }
  ${withdrawn ? html`<div><dt>${pick(T.withdrawnAt, lang)}</dt><dd>${formatDateTime(lead.stageEnteredAt, lang)}</dd></div>` : ''}
  ${o.works ? html`<div><dt>${pick(T.liaison, lang)}</dt><dd>${lead.liaison?.username ?? pick(T.noLiaison, lang)}</dd></div>` : ''}
</dl>
${o.works || withdrawn ? '' : html`<p class="muted">${pick(CLAIMED_ELSEWHERE.keepOff, lang)}</p>`}`;
  } else {
    const parks = claimableParks(lead, o.member);
    const key = 'claim';
    const state = o.state?.key === key ? o.state : undefined;
    const choose: Option[] = parks.map((parkId) => ({ value: parkId, label: parkLabel(parkId, lang) }));
    body = html`<p>${lead.stage === 'withdrawn' ? html`<strong>${pick(T.withdrawnByFirm, lang)}</strong>` : pick(T.unclaimed, lang)}</p>
${
  state
    ? errorSummary(
        state.general.map((message) => ({ message })),
        lang,
        pick(T.notSaved, lang),
      )
    : ''
}
${
  lead.stage === 'withdrawn'
    ? html`<p class="muted">${pick(T.noMovesClosed, lang)}</p>`
    : parks.length === 0
      ? html`<p class="muted">${pick(T.cannotClaim, lang)}</p>`
      : html`<form method="post" action="${leadAction(o, 'claim')}" class="claim-form">
  ${csrfField(c)}
  ${
    o.member.parkId
      ? html`<input type="hidden" name="parkId" value="${o.member.parkId}">`
      : select({
          name: 'parkId',
          label: pick(T.claimFor, lang),
          value: fieldValue(o.state, key, 'parkId', parks[0] ?? ''),
          options: choose,
          required: true,
          lang,
        })
  }
  <button type="submit" class="primary">${pick(T.claim, lang)}</button>
</form>`
}`;
  }
  return html`<section class="card ownership" id="ownership" aria-labelledby="ownership-title">
  <h2 id="ownership-title">${pick(T.ownership, lang)}</h2>
  ${body}
  ${owner && lead.stage !== 'withdrawn' && o.member.parkId === undefined ? transferForm(c, o, owner.parkId) : ''}
  ${o.clocks.length > 0 ? html`<p class="sla-list" aria-label="${pick(T.sla, lang)}">${o.clocks.map((clock) => clockBadge(clock, o.nowMs, lang))}</p>` : ''}
</section>`;
}

/**
 * City-wide staff hand a claimed lead to another park, with a reason (the leads service
 * refuses anyone else). Folded away until wanted, or open when it came back to fix. It
 * carries the pipeline revision the page showed, as the move forms do: a transfer made on a
 * lead someone changed meanwhile is refused, and the page says where the lead is now.
 */
function transferForm(c: PortalContext, o: PipelineOptions, ownerParkId: string): Html {
  const lang = c.var.lang;
  const key = 'transfer';
  const state = o.state?.key === key ? o.state : undefined;
  const others: Option[] = PARKS.filter((park) => park.id !== ownerParkId).map((park) => ({
    value: park.id,
    label: pick(park.name, lang),
  }));
  return html`<details class="work-form" id="transfer"${state ? html` open` : ''}>
  <summary>${pick(T.transfer, lang)}</summary>
  ${
    state
      ? errorSummary(
          state.general.map((message) => ({ message })),
          lang,
          pick(T.notSaved, lang),
        )
      : ''
  }
  <form method="post" action="${leadAction(o, 'transfer')}">
    ${csrfField(c)}
    <input type="hidden" name="pipelineRevision" value="${String(o.lead.pipelineRevision)}">
    <p class="hint">${pick(T.transferHint, lang)}</p>
    ${select({
      name: 'toParkId',
      idPrefix: 'tr-',
      label: pick(T.transferTo, lang),
      value: fieldValue(o.state, key, 'toParkId'),
      options: others,
      empty: '',
      required: true,
      error: errorOf(o.state, key, 'toParkId'),
      lang,
    })}
    ${textArea({
      name: 'reason',
      idPrefix: 'tr-',
      label: pick(T.transferReason, lang),
      value: fieldValue(o.state, key, 'reason'),
      error: errorOf(o.state, key, 'reason'),
      required: true,
      rows: 2,
      maxlength: 500,
      lang,
    })}
    <div class="actions"><button type="submit" class="primary">${pick(T.transferButton, lang)}</button></div>
  </form>
</details>`;
}

// ── the stage and its facts ────────────────────────────────────────────────

function stepper(lead: TeamLead, lang: Lang): Html {
  const at = (PIPELINE_STAGES as readonly string[]).indexOf(lead.heldFrom ?? lead.stage);
  const side = lead.stage === 'on-hold' || lead.stage === 'lost' || lead.stage === 'withdrawn';
  return html`<ol class="stepper" aria-label="${pick(T.pipelineSteps, lang)}">
  ${PIPELINE_STAGES.map((stage, i) => {
    const current = !side && i === at;
    const cls = current ? 'current' : i < at || (side && i <= at) ? 'done' : '';
    return html`<li${cls ? html` class="${cls}"` : ''}${current ? html` aria-current="step"` : ''}>${stageLabel(stage, lang)}</li>`;
  })}
  ${side ? html`<li class="current side" aria-current="step">${stageLabel(lead.stage, lang)}</li>` : ''}
</ol>`;
}

/** The stages whose facts a lead records, in the order they come. */
const FACT_STAGES: readonly Stage[] = [
  'signed',
  'registered',
  'construction',
  'operating',
  'on-hold',
  'lost',
];

const FACT_FIELDS: Record<string, { label: Bilingual; kind: 'cny' | 'date' | 'text' | 'reason' }> = {
  agreedInvestmentCny: { label: T.agreedInvestment, kind: 'cny' },
  signedOn: { label: T.signedOn, kind: 'date' },
  entityName: { label: T.entityName, kind: 'text' },
  creditCode: { label: T.entityCreditCode, kind: 'text' },
  registeredCapitalCny: { label: T.registeredCapital, kind: 'cny' },
  registeredOn: { label: T.registeredOn, kind: 'date' },
  startedOn: { label: T.startedOn, kind: 'date' },
  expectedAnnualOutputCny: { label: T.expectedOutput, kind: 'cny' },
  resumeOn: { label: T.resumeOn, kind: 'date' },
  reason: { label: T.lostReason, kind: 'reason' },
  detail: { label: T.lostDetail, kind: 'text' },
};

function factValue(field: string, value: unknown, lang: Lang): string {
  const spec = FACT_FIELDS[field];
  if (spec?.kind === 'cny' && typeof value === 'number') return formatCny(value, lang);
  if (spec?.kind === 'date' && typeof value === 'string') return formatDate(value, lang);
  if (spec?.kind === 'reason' && typeof value === 'string')
    return pick(LOST_REASON_LABELS[value as (typeof LOST_REASONS)[number]] ?? { zh: value, en: value }, lang);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function factsList(facts: Record<string, unknown>, stage: string, lang: Lang): Html {
  return html`<h3>${stageLabel(stage, lang)}</h3>
<dl class="facts compact">
  ${Object.entries(facts).map(([field, value]) => {
    const label =
      stage === 'operating' && field === 'startedOn'
        ? T.operatingOn
        : (FACT_FIELDS[field]?.label ?? { zh: field, en: field });
    return html`<div><dt>${pick(label, lang)}</dt><dd>${factValue(field, value, lang)}</dd></div>`;
  })}
</dl>`;
}

// ── the moves ───────────────────────────────────────────────────────────────

function moveTitle(move: LegalMoveView, lang: Lang): string {
  const label = pick(MOVE_LABELS[move.kind], lang);
  if (move.kind === 'hold' || move.kind === 'lose') return label;
  return `${label}${lang === 'zh' ? '' : ' '}${quoted(stageLabel(move.to, lang), lang)}`;
}

function factFields(c: PortalContext, o: PipelineOptions, to: Stage, key: string): Html {
  const lang = c.var.lang;
  const prefix = `m-${to}-`;
  const today = shanghaiDay(o.nowMs);
  const tomorrow = shanghaiDay(o.nowMs + 86_400_000);
  const common = (name: string, fallback = '') => ({
    name,
    idPrefix: prefix,
    value: fieldValue(o.state, key, name, fallback),
    error: errorOf(o.state, key, name),
    lang,
  });
  const wan = (name: string, label: Bilingual, required: boolean) =>
    input({
      ...common(name),
      label: pick(label, lang),
      required,
      inputmode: 'decimal',
      suffix: pick(T.wan, lang),
      hint: pick(T.wanHint, lang),
      maxlength: 16,
    });
  const happened = (name: string, label: Bilingual) =>
    input({ ...common(name, today), label: pick(label, lang), type: 'date', max: today, required: true });
  const { firm } = o.lead.profile;
  switch (to) {
    case 'signed':
      return html`${wan('facts.agreedInvestmentCny', T.agreedInvestment, true)}${happened('facts.signedOn', T.signedOn)}`;
    case 'registered':
      return html`${input({ ...common('facts.entityName', firm.name), label: pick(T.entityName, lang), required: true, maxlength: 100 })}
${input({ ...common('facts.creditCode', firm.creditCode), label: pick(T.entityCreditCode, lang), required: true, maxlength: 18, autocomplete: 'off' })}
${wan('facts.registeredCapitalCny', T.registeredCapital, true)}${happened('facts.registeredOn', T.registeredOn)}`;
    case 'construction':
      return html`${happened('facts.startedOn', T.startedOn)}${wan('facts.expectedAnnualOutputCny', T.expectedOutput, false)}`;
    case 'operating':
      return html`${happened('facts.startedOn', T.operatingOn)}${wan('facts.expectedAnnualOutputCny', T.expectedOutput, true)}`;
    case 'on-hold':
      return input({
        ...common('facts.resumeOn'),
        label: pick(T.resumeOn, lang),
        type: 'date',
        min: tomorrow,
        required: true,
        hint: pick(T.resumeHint, lang),
      });
    case 'lost':
      return html`${select({ ...common('facts.reason'), label: pick(T.lostReason, lang), required: true, empty: '', options: LOST_REASONS.map((reason) => ({ value: reason, label: pick(LOST_REASON_LABELS[reason], lang) })) })}
${textArea({ ...common('facts.detail'), label: pick(T.lostDetail, lang), hint: pick(T.lostDetailHint, lang), rows: 2, maxlength: 500 })}`;
    default:
      return html``;
  }
}

function moveForm(c: PortalContext, o: PipelineOptions, move: LegalMoveView): Html {
  const lang = c.var.lang;
  const key = `move:${move.to}`;
  const state = o.state?.key === key ? o.state : undefined;
  const needsNote = move.needs.includes('note');
  const title = moveTitle(move, lang);
  return html`<details class="move" id="move-${move.to}"${state || (!o.state && move.kind === 'next') ? html` open` : ''}>
  <summary>${title}</summary>
  ${
    state
      ? errorSummary(
          state.general.map((message) => ({ message })),
          lang,
          pick(T.notSaved, lang),
        )
      : ''
  }
  <form method="post" action="${leadAction(o, 'stage')}" class="move-form">
    ${csrfField(c)}
    <input type="hidden" name="to" value="${move.to}">
    <input type="hidden" name="pipelineRevision" value="${String(o.lead.pipelineRevision)}">
    ${move.needs.includes('facts') ? factFields(c, o, move.to, key) : ''}
    ${textArea({
      name: 'note',
      idPrefix: `m-${move.to}-`,
      label: pick(needsNote ? T.noteRequired : T.note, lang),
      hint: pick(T.noteHint, lang),
      value: fieldValue(o.state, key, 'note'),
      error: errorOf(o.state, key, 'note'),
      required: needsNote,
      rows: 2,
      maxlength: 2000,
      lang,
    })}
    <div class="actions"><button type="submit" class="${move.kind === 'lose' ? 'danger' : 'primary'}">${title}</button></div>
  </form>
</details>`;
}

function moves(c: PortalContext, o: PipelineOptions): Html {
  const lang = c.var.lang;
  const { lead } = o;
  if (lead.legalMoves.length === 0) {
    const why =
      lead.stage === 'withdrawn'
        ? T.noMovesClosed
        : !lead.owner
          ? T.noMovesUnclaimed
          : o.works
            ? T.noMovesClosed
            : T.noMovesOther;
    return html`<p class="muted">${pick(why, lang)}</p>`;
  }
  const mine = lead.legalMoves.filter((move) => !move.needs.includes('manager'));
  const managers = lead.legalMoves.filter((move) => move.needs.includes('manager'));
  const main = mine.filter((move) => ['next', 'resume', 'reopen'].includes(move.kind));
  const others = mine.filter((move) => !main.includes(move));
  const otherOpen = others.some((move) => o.state?.key === `move:${move.to}`);
  return html`<h3>${pick(T.moves, lang)}</h3>
${main.map((move) => moveForm(c, o, move))}
${
  others.length > 0
    ? html`<details class="more"${otherOpen ? html` open` : ''}>
  <summary>${others.map((move) => moveTitle(move, lang)).join(lang === 'zh' ? '、' : ', ')}</summary>
  ${others.map((move) => moveForm(c, o, move))}
</details>`
    : ''
}
${managers.length > 0 ? html`<p class="muted small">${pick(T.managerMovesNote, lang)}${lang === 'zh' ? '' : ' '}${managers.map((move) => moveTitle(move, lang)).join(lang === 'zh' ? '、' : ', ')}</p>` : ''}`;
}

function history(o: PipelineOptions, lang: Lang): Html {
  if (claimedElsewhere(o.lead, o.works))
    return html`<p class="muted">${pick(CLAIMED_ELSEWHERE.historyHidden, lang)}</p>`;
  const entries = [...o.lead.history].reverse();
  return html`<details class="history">
  <summary>${pick(T.history, lang)} (${entries.length})</summary>
  ${
    entries.length === 0
      ? html`<p class="muted">${pick(T.noHistory, lang)}</p>`
      : html`<ol class="timeline">${entries.map(
          (entry) => html`<li>
    <time datetime="${entry.at}">${formatDateTime(entry.at, lang)}</time>
    <strong>${pick(HISTORY_KIND_LABELS[entry.kind], lang)}</strong>
    ${entry.kind === 'stage' && entry.from && entry.to ? html`${stageLabel(entry.from, lang)} → ${stageLabel(entry.to, lang)}` : ''}
    ${entry.kind === 'claimed' && entry.parkId ? parkLabel(entry.parkId, lang) : ''}
    ${entry.kind === 'transferred' && entry.to ? html`→ ${parkLabel(entry.to, lang)}` : ''}
    ${entry.kind === 'liaison' && entry.to ? entry.to : ''}
    <span class="muted">· ${entry.by}</span>
    ${entry.note ? html`<p class="note">${entry.note}</p>` : ''}
  </li>`,
        )}</ol>`
  }
</details>`;
}

export function pipelineCard(c: PortalContext, o: PipelineOptions): Html {
  const lang = c.var.lang;
  const { lead } = o;
  const days = daysSince(lead.stageEnteredAt, o.nowMs);
  const recorded = FACT_STAGES.flatMap((stage) => {
    const facts = lead.facts[stage];
    return facts ? [factsList(facts, stage, lang)] : [];
  });
  return html`<section class="card pipeline" id="pipeline" aria-labelledby="pipeline-title">
  <h2 id="pipeline-title">${pick(T.pipeline, lang)}${colon(lang)}<span class="stage-name">${stageLabel(lead.stage, lang)}</span></h2>
  ${stepper(lead, lang)}
  <p class="in-stage">${pick(T.inStageFor, lang)} <strong>${daysText(days, lang)}</strong> <span class="muted">${lang === 'zh' ? '（' : '('}${pick(T.enteredOn, lang)} ${formatDateTime(lead.stageEnteredAt, lang)}${lang === 'zh' ? '）' : ')'}</span>
  ${lead.heldFrom ? html`<br>${pick(T.heldFrom, lang)}${colon(lang)}${stageLabel(lead.heldFrom, lang)}` : ''}</p>
  ${recorded.length > 0 ? html`<div class="recorded"><h3 class="visually-hidden">${pick(T.facts, lang)}</h3>${recorded}</div>` : ''}
  ${moves(c, o)}
  ${history(o, lang)}
</section>`;
}
