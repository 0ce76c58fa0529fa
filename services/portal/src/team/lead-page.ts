import {
  type Appeal,
  type Bilingual,
  type LeadLedger,
  type MatchView,
  type MonthlyFigures,
  parkName,
  type SlaClockView,
  STAGE_LABELS,
  type Visit,
} from '@parkmatch/contracts';
import type { TeamLead } from '../api/leads.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatCny, formatDateTime, formatNumber } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import {
  CHAIN_POSITION_LABELS,
  COMPONENT_LABELS,
  COMPONENT_ORDER,
  GROWTH_STAGE_LABELS,
  labelOf,
  NEED_LABELS,
  PROJECT_TYPE_LABELS,
  QUALIFICATION_LABELS,
} from '../i18n/profile-labels.ts';
import { notice } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';
import type { TeamMember } from '../session/session.ts';
import { scoreBadge, tierBadge } from './badges.ts';
import { highlight } from './highlight.ts';
import { type Colleague, ledgerCards } from './ledger-card.ts';
import { claimedElsewhere, contactHiddenLine, ownershipCard, pipelineCard } from './pipeline-card.ts';
import { TEAM_TEXT as T } from './text.ts';
import type { FormState } from './work-form.ts';
import { WORK_TEXT as W } from './work-text.ts';

// One lead as a team reads it and works it: who owns it (and the claim), its stage with the
// moves the member may make, the two ledgers of an owned lead; its score at the park with the
// parts behind it, the matched directions with the words that gave them away (marked in the
// firm's own text), the reasons, and the profile with the contact person — or, on a lead
// another park owns (首报首谈), a line saying that park has it and the contact is its alone.

/** The ledgers of a lead the member's park owns. */
export interface LeadLedgers {
  ledger: LeadLedger;
  visits: readonly Visit[];
  appeals: readonly Appeal[];
  figures: readonly MonthlyFigures[];
  /** Whom the liaison may be picked from; undefined when leads cannot say (a username is typed). */
  roster?: readonly Colleague[] | undefined;
}

export interface LeadPageOptions {
  lead: TeamLead;
  matches: readonly MatchView[];
  /** The park whose score is shown. */
  parkId: string | undefined;
  /** The park asked for in the address (kept in the forms' addresses). */
  askedPark?: string | undefined;
  directions: ReadonlyMap<string, Bilingual>;
  nav: TeamNav;
  /** Matching could not give the scores (not scored yet). */
  matchesMissing?: boolean;
  member: TeamMember;
  /** The member may work the lead (its owner park's team, city-wide staff). */
  works: boolean;
  nowMs: number;
  /** The lead's SLA clocks still running. */
  clocks: readonly SlaClockView[];
  /** The ledgers, when the member works an owned lead. */
  ledgers?: LeadLedgers | undefined;
  /** A form that came back with something to fix. */
  state?: FormState | undefined;
  /** What just happened (a form sent), or what went wrong. */
  notice?: { kind: 'info' | 'warning'; body: Html | string } | undefined;
}

const parkLabel = (parkId: string, lang: Lang) => pick(parkName(parkId), lang);

function parkSwitch(o: LeadPageOptions, lang: Lang): Html {
  if (o.matches.length < 2) return html``;
  const id = encodeURIComponent(o.lead.id);
  return html`<nav class="tabs parks-switch" aria-label="${pick(T.atPark, lang)}">
  ${o.matches.map(
    (m) =>
      html`<a href="/team/leads/${id}?park=${encodeURIComponent(m.parkId)}"${m.parkId === o.parkId ? html` aria-current="page"` : ''}>${parkLabel(m.parkId, lang)} ${tierBadge(m.tier, lang)}</a>`,
  )}
</nav>`;
}

function components(match: MatchView, lang: Lang): Html {
  return html`<div class="table-wrap"><table class="components">
  <caption>${pick(T.components, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.component, lang)}</th><th scope="col">${pick(T.fit, lang)}</th><th scope="col" class="num">${pick(T.weight, lang)}</th><th scope="col" class="num">${pick(T.points, lang)}</th></tr></thead>
  <tbody>
  ${COMPONENT_ORDER.filter((key) => match.components[key]).map((key) => {
    const part = match.components[key];
    if (!part) return html``;
    const label = pick(COMPONENT_LABELS[key], lang);
    return html`<tr><th scope="row">${label}</th><td><meter min="0" max="1" value="${part.value}" aria-label="${label}">${formatNumber(part.value * 100, lang)}%</meter> <span class="muted">${formatNumber(part.value * 100, lang)}%</span></td><td class="num">${formatNumber(part.weight, lang, 2)}</td><td class="num">${formatNumber(part.points, lang, 1)}</td></tr>`;
  })}
  </tbody>
</table></div>`;
}

function matched(match: MatchView, directions: ReadonlyMap<string, Bilingual>, lang: Lang): Html {
  if (match.matchedDirections.length === 0) return html`<p class="muted">${pick(T.noDirections, lang)}</p>`;
  return html`<ul class="directions">
  ${match.matchedDirections.map((d) => {
    const known = directions.get(d.code);
    const label = known ? pick(known, lang) : d.code;
    // The code is for those who keep the catalog: a tooltip beside a known label, shown only when no label is known.
    return html`<li>
    <div class="direction-head"><strong${known ? html` title="${d.code}"` : ''}>${label}</strong>
      <meter min="0" max="1" value="${d.strength}" aria-label="${pick(T.strength, lang)}: ${label}">${formatNumber(d.strength * 100, lang)}%</meter></div>
    ${d.evidence.length > 0 ? html`<p class="evidence">${pick(T.evidence, lang)}${colon(lang)}${d.evidence.map((word) => html`<mark>${word}</mark> `)}</p>` : ''}
  </li>`;
  })}
</ul>`;
}

function scoreCard(o: LeadPageOptions, lang: Lang): Html {
  const match = o.matches.find((m) => m.parkId === o.parkId);
  if (!match) return o.matchesMissing ? notice('warning', pick(T.notScored, lang)) : html``;
  return html`<section class="card score-card" aria-labelledby="score-title">
  <h2 id="score-title"><span class="big">${scoreBadge(match.score, lang)}</span> ${tierBadge(match.tier, lang)} <span class="sub">${parkLabel(match.parkId, lang)}</span></h2>
  ${match.excluded ? notice('warning', html`${pick(T.excluded, lang)}${colon(lang)}${pick(match.excluded, lang)}`) : ''}
  ${components(match, lang)}
  <h3>${pick(T.directions, lang)}</h3>
  ${matched(match, o.directions, lang)}
  <h3>${pick(T.reasons, lang)}</h3>
  <ul class="reasons">${match.reasons[lang].map((reason) => html`<li>${reason}</li>`)}</ul>
</section>`;
}

function profile(o: LeadPageOptions, lang: Lang): Html {
  const { firm, project, contact } = o.lead.profile;
  const match = o.matches.find((m) => m.parkId === o.parkId);
  const words = (match?.matchedDirections ?? []).flatMap((d) => d.evidence);
  const row = (label: Bilingual, value: Html | string | undefined) =>
    value === undefined || value === ''
      ? html``
      : html`<div><dt>${pick(label, lang)}</dt><dd>${value}</dd></div>`;
  const money = (value: number | undefined) => (value === undefined ? undefined : formatCny(value, lang));
  const list = (codes: readonly string[], labels: Record<string, Bilingual>) =>
    codes.map((code) => labelOf(labels, code, lang)).join(lang === 'zh' ? '、' : ', ');
  return html`<section class="card" aria-labelledby="profile-title">
  <h2 id="profile-title">${pick(T.profile, lang)}</h2>
  ${words.length > 0 ? html`<p class="hint">${pick(T.highlightNote, lang)}</p>` : ''}
  <h3>${pick(T.description, lang)}</h3>
  <p class="prose">${highlight(project.description, words)}</p>
  ${project.products.length > 0 ? html`<h3>${pick(T.products, lang)}</h3><ul class="plain">${project.products.map((p) => html`<li>${highlight(p, words)}</li>`)}</ul>` : ''}
  ${project.technologies.length > 0 ? html`<h3>${pick(T.technologies, lang)}</h3><ul class="plain">${project.technologies.map((t) => html`<li>${highlight(t, words)}</li>`)}</ul>` : ''}
  <dl class="facts">
    ${row(T.projectType, labelOf(PROJECT_TYPE_LABELS, project.type, lang))}
    ${row(T.chain, project.chainPosition ? labelOf(CHAIN_POSITION_LABELS, project.chainPosition, lang) : undefined)}
    ${row(T.growth, project.growthStage ? labelOf(GROWTH_STAGE_LABELS, project.growthStage, lang) : undefined)}
    ${row(T.investment, money(project.plannedInvestmentCny))}
    ${row(T.output, money(project.expectedAnnualOutputCny))}
    ${row(T.area, project.floorAreaM2 === undefined ? undefined : `${formatNumber(project.floorAreaM2, lang)} m²`)}
    ${row(T.timeline, project.timelineMonths === undefined ? undefined : `${project.timelineMonths} ${pick(T.months, lang)}`)}
    ${row(T.needs, list(project.needs, NEED_LABELS))}
    ${row(T.creditCode, firm.creditCode)}
    ${row(T.location, `${firm.province} ${firm.city}`)}
    ${row(T.founded, firm.foundedYear === undefined ? undefined : String(firm.foundedYear))}
    ${row(T.employees, firm.employees === undefined ? undefined : formatNumber(firm.employees, lang))}
    ${row(T.revenue, money(firm.revenueCny))}
    ${row(T.qualifications, list(firm.qualifications, QUALIFICATION_LABELS))}
    ${row(T.certificates, `${firm.registrationCertificates} / ${firm.filingCertificates} / ${firm.patents}`)}
    ${row(T.submitted, formatDateTime(o.lead.createdAt, lang))}
  </dl>
  <h3>${pick(T.contact, lang)}</h3>
  ${
    claimedElsewhere(o.lead, o.works) && o.lead.stage !== 'withdrawn'
      ? html`<p class="contact-hidden">${contactHiddenLine(o.lead.owner.parkId, lang)}</p>`
      : contact
        ? html`<dl class="facts">
    <div><dt>${contact.name}</dt><dd>${contact.title ?? ''}</dd></div>
    ${contact.phone ? html`<div><dt>☎</dt><dd><a href="tel:${contact.phone.replace(/[^0-9+]/g, '')}">${contact.phone}</a></dd></div>` : ''}
    ${contact.email ? html`<div><dt>✉</dt><dd>${contact.email}</dd></div>` : ''}
  </dl>`
        : html`<p class="muted">${pick(T.contactGone, lang)}</p>`
  }
</section>`;
}

function sections(o: LeadPageOptions, lang: Lang): Html {
  const link = (id: string, label: Bilingual) => html`<li><a href="#${id}">${pick(label, lang)}</a></li>`;
  return html`<nav class="sections" aria-label="${pick(W.sections, lang)}"><ul>
  ${link('pipeline', W.pipeline)}
  ${o.ledgers ? html`${link('ledger', W.ledger)}${link('visits', W.visits)}${link('appeals', W.appeals)}${link('figures', W.figures)}` : ''}
  ${o.matches.some((m) => m.parkId === o.parkId) ? link('score-title', W.score) : ''}
  ${link('profile-title', T.profile)}
</ul></nav>`;
}

export function leadPage(c: PortalContext, o: LeadPageOptions) {
  const lang = c.var.lang;
  const { firm, project } = o.lead.profile;
  const work = {
    lead: o.lead,
    member: o.member,
    works: o.works,
    nowMs: o.nowMs,
    clocks: o.clocks,
    state: o.state,
    parkId: o.askedPark,
  };
  return page(c, {
    title: `${firm.name} · ${pick(T.leadTitle, lang)}`,
    team: o.nav,
    body: html`<p class="eyebrow">${pick(T.leadTitle, lang)}</p>
<h1>${firm.name}</h1>
<p class="lead">${project.title} · ${firm.province} ${firm.city} · ${pick(T.stage, lang)}${colon(lang)}${pick(STAGE_LABELS[o.lead.stage], lang)}</p>
${o.notice ? notice(o.notice.kind, o.notice.body) : ''}
${parkSwitch(o, lang)}
${sections(o, lang)}
<div class="lead-grid">
<div class="col">
${ownershipCard(c, work)}
${pipelineCard(c, work)}
${
  o.ledgers
    ? ledgerCards(c, {
        leadId: o.lead.id,
        ...o.ledgers,
        nowMs: o.nowMs,
        state: o.state,
        parkId: o.askedPark,
      })
    : o.lead.owner
      ? ''
      : html`<p class="muted">${pick(W.noLedgerYet, lang)}</p>`
}
</div>
<div class="col">
${scoreCard(o, lang)}
${profile(o, lang)}
</div>
</div>`,
  });
}
