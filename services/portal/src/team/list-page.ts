import {
  type LeadListItem,
  parkName,
  type SlaClockView,
  STAGE_LABELS,
  type Stage,
  type Tier,
} from '@parkmatch/contracts';
import { EXPORTS, type ExportFile } from '../api/leads.ts';
import type { PortalContext } from '../env.ts';
import { formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';
import { scoreBadge, tierBadge } from './badges.ts';
import { BOARD_STAGES, ownerOptions } from './board-page.ts';
import { daysText } from './pipeline-card.ts';
import { clockBadge } from './sla.ts';
import { TEAM_TEXT } from './text.ts';
import { WORK_TEXT as T } from './work-text.ts';

// The lead list: every lead the member may see (its park's A–C leads and those it owns),
// latest activity first, with filters (stage, owner, liaison, tier, search) and pages, and
// the exports as download buttons.

export interface ListFilters {
  stage?: Stage | undefined;
  owner: string;
  liaison: string;
  tier?: Tier | undefined;
  q: string;
  cursor?: string | undefined;
}

export interface ListPageOptions {
  filters: ListFilters;
  items: readonly LeadListItem[];
  nextCursor: string | null;
  clocks: ReadonlyMap<string, SlaClockView[]>;
  cityWide: boolean;
  ownPark?: string | undefined;
  tiers: readonly Tier[];
  nowMs: number;
  errors: { field?: string; message: string }[];
  nav: TeamNav;
}

const parkLabel = (parkId: string, lang: Lang) => pick(parkName(parkId), lang);

export const listHref = (filters: ListFilters, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    stage: filters.stage,
    owner: filters.owner,
    liaison: filters.liaison,
    tier: filters.tier,
    q: filters.q,
    ...extra,
  };
  for (const [key, value] of Object.entries(all)) if (value) params.set(key, value);
  const query = params.toString();
  return `/team/pipeline${query ? `?${query}` : ''}`;
};

const EXPORT_LABELS: Record<ExportFile, keyof typeof T> = {
  'leads.xlsx': 'exportLeadsXlsx',
  'leads.csv': 'exportLeadsCsv',
  'ledgers.xlsx': 'exportLedgersXlsx',
};

/** The download buttons: each a plain link the portal answers with the file, streamed. */
export function exportButtons(lang: Lang): Html {
  return html`<section class="exports" aria-labelledby="exports-title">
  <h2 id="exports-title" class="small-title">${pick(T.exports, lang)}</h2>
  <p class="actions">${EXPORTS.map((file) => html`<a class="button secondary small" href="/team/exports/${file}" download>${pick(T[EXPORT_LABELS[file]], lang)}</a>`)}</p>
  <p class="hint">${pick(T.exportHint, lang)}</p>
</section>`;
}

function row(item: LeadListItem, o: ListPageOptions, lang: Lang): Html {
  const clocks = o.clocks.get(item.id) ?? [];
  const ours = item.owner && !o.cityWide && item.owner.parkId === o.ownPark;
  return html`<tr>
  <th scope="row"><a href="/team/leads/${encodeURIComponent(item.id)}">${item.firmName}</a><br><span class="sub small">${item.projectTitle}</span></th>
  <td>${pick(STAGE_LABELS[item.stage], lang)}${item.heldFrom ? html`<br><span class="muted small">${pick(STAGE_LABELS[item.heldFrom], lang)}</span>` : ''}</td>
  <td class="num">${daysText(item.daysInStage, lang)}</td>
  <td>${item.rating ? html`${tierBadge(item.rating.tier, lang)} ${scoreBadge(item.rating.score, lang)}` : ''}</td>
  <td>${item.owner ? (ours ? pick(T.ownerOurs, lang) : parkLabel(item.owner.parkId, lang)) : html`<span class="muted">${pick(T.ownerNone, lang)}</span>`}</td>
  <td>${item.liaison?.username ?? ''}</td>
  <td>${clocks.slice(0, 2).map((clock) => clockBadge(clock, o.nowMs, lang))}</td>
  <td><time datetime="${item.updatedAt}">${formatDateTime(item.updatedAt, lang)}</time></td>
</tr>`;
}

export function listPage(c: PortalContext, o: ListPageOptions) {
  const lang = c.var.lang;
  const f = o.filters;
  const errorOf = (field: string) => o.errors.find((e) => e.field === field)?.message;
  return page(c, {
    title: pick(T.listTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.listTitle, lang)}</h1>
<p class="lead">${pick(T.listLead, lang)}</p>
${exportButtons(lang)}
${errorSummary(o.errors, lang)}
<form method="get" action="/team/pipeline" class="filters card" role="search" aria-label="${pick(TEAM_TEXT.filters, lang)}">
  ${input({ name: 'q', type: 'search', label: pick(T.search, lang), hint: pick(T.searchHint, lang), value: f.q, error: errorOf('q'), maxlength: 100, markOptional: false, lang })}
  ${select({ name: 'stage', label: pick(T.stage, lang), value: f.stage ?? '', options: [...BOARD_STAGES, 'withdrawn' as const].map((stage) => ({ value: stage, label: pick(STAGE_LABELS[stage], lang) })), empty: pick(T.anyStage, lang), markOptional: false, lang })}
  ${select({ name: 'owner', label: pick(T.owner, lang), value: f.owner, options: ownerOptions(o.cityWide, o.ownPark, lang), empty: pick(T.anyOwner, lang), markOptional: false, lang })}
  ${select({ name: 'tier', label: pick(TEAM_TEXT.tier, lang), value: f.tier ?? '', options: o.tiers.map((t) => ({ value: t, label: t })), empty: pick(TEAM_TEXT.anyTier, lang), markOptional: false, lang })}
  ${input({ name: 'liaison', label: pick(T.liaisonFilter, lang), value: f.liaison, error: errorOf('liaison'), maxlength: 100, markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(TEAM_TEXT.apply, lang)}</button><a href="/team/pipeline">${pick(TEAM_TEXT.clear, lang)}</a></div>
</form>
${
  o.items.length === 0
    ? html`<p class="empty">${pick(TEAM_TEXT.noLeads, lang)}</p>`
    : html`<div class="table-wrap"><table class="data leads">
  <caption class="visually-hidden">${pick(T.listTitle, lang)}</caption>
  <thead><tr>
    <th scope="col">${pick(T.firm, lang)}</th><th scope="col">${pick(T.stage, lang)}</th><th scope="col" class="num">${pick(T.inStage, lang)}</th>
    <th scope="col">${pick(T.rating, lang)}</th><th scope="col">${pick(T.owner, lang)}</th><th scope="col">${pick(T.liaison, lang)}</th>
    <th scope="col">${pick(T.sla, lang)}</th><th scope="col">${pick(T.updated, lang)}</th>
  </tr></thead>
  <tbody>${o.items.map((item) => row(item, o, lang))}</tbody>
</table></div>`
}
<nav class="pager" aria-label="${pick(TEAM_TEXT.pages, lang)}">
  ${f.cursor ? html`<a href="${listHref(f)}">${pick(TEAM_TEXT.firstPage, lang)}</a>` : ''}
  ${o.nextCursor ? html`<a href="${listHref(f, { cursor: o.nextCursor })}" rel="next">${pick(TEAM_TEXT.nextPage, lang)}</a>` : ''}
</nav>`,
  });
}
