import {
  type LeadListItem,
  PARKS,
  PIPELINE_STAGES,
  parkName,
  type SlaClockView,
  STAGE_LABELS,
  type Stage,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, type Option, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';
import { tierBadge } from './badges.ts';
import { daysText } from './pipeline-card.ts';
import { clockBadge } from './sla.ts';
import { TEAM_TEXT } from './text.ts';
import { WORK_TEXT as T } from './work-text.ts';

// The pipeline board: one column per stage of the closed loop (and the side exits 搁置 and
// 流失), the leads the member may see in each with their days in the stage, owner, liaison
// and SLA badges; a search box and an owner filter. Plain HTML: it works without script and
// prints; on a phone the columns stack.

/** The board's columns, in the loop's order. */
export const BOARD_STAGES: readonly Stage[] = [...PIPELINE_STAGES, 'on-hold', 'lost'];

export interface BoardFilters {
  q: string;
  /** A park id, `none` (unclaimed), or '' (any). */
  owner: string;
}

export interface BoardColumn {
  stage: Stage;
  items: readonly LeadListItem[];
  more: boolean;
}

export interface BoardPageOptions {
  filters: BoardFilters;
  columns: readonly BoardColumn[];
  clocks: ReadonlyMap<string, SlaClockView[]>;
  /** City-wide staff pick any park as owner. */
  cityWide: boolean;
  ownPark?: string | undefined;
  nowMs: number;
  errors: { field?: string; message: string }[];
  nav: TeamNav;
}

const parkLabel = (parkId: string, lang: Lang) => pick(parkName(parkId), lang);

/** The owner filter's choices: any, unclaimed, and the member's park (every park for city-wide staff). */
export function ownerOptions(cityWide: boolean, ownPark: string | undefined, lang: Lang): Option[] {
  const parks = cityWide ? PARKS.map((p) => p.id) : ownPark ? [ownPark] : [];
  return [
    { value: 'none', label: pick(T.ownerNone, lang) },
    ...parks.map((parkId) => ({
      value: parkId,
      label: cityWide ? parkLabel(parkId, lang) : pick(T.ownerOurs, lang),
    })),
  ];
}

function card(item: LeadListItem, o: BoardPageOptions, lang: Lang): Html {
  const clocks = o.clocks.get(item.id) ?? [];
  const other = item.owner && !o.cityWide && item.owner.parkId !== o.ownPark;
  return html`<li class="board-card${other ? ' other' : ''}">
  <a href="/team/leads/${encodeURIComponent(item.id)}" class="firm">${item.firmName}</a>
  <p class="sub">${item.projectTitle}</p>
  <p class="meta">${item.rating ? tierBadge(item.rating.tier, lang) : ''} <span class="days">${pick(T.inStage, lang)} ${daysText(item.daysInStage, lang)}</span></p>
  ${item.owner ? html`<p class="meta">${pick(T.owner, lang)}${colon(lang)}${other || o.cityWide ? parkLabel(item.owner.parkId, lang) : pick(T.ownerOurs, lang)}${item.liaison ? html` · ${pick(T.liaison, lang)}${colon(lang)}${item.liaison.username}` : ''}</p>` : ''}
  ${clocks.length > 0 ? html`<p class="sla-list">${clocks.slice(0, 2).map((clock) => clockBadge(clock, o.nowMs, lang))}</p>` : ''}
</li>`;
}

function column(col: BoardColumn, o: BoardPageOptions, lang: Lang): Html {
  const label = pick(STAGE_LABELS[col.stage], lang);
  const id = `col-${col.stage}`;
  const params = new URLSearchParams({ stage: col.stage });
  if (o.filters.q) params.set('q', o.filters.q);
  if (o.filters.owner) params.set('owner', o.filters.owner);
  return html`<section class="board-column${PIPELINE_STAGES.includes(col.stage as never) ? '' : ' side'}" aria-labelledby="${id}">
  <h2 id="${id}">${label} <span class="count-chip">${col.items.length}${col.more ? '+' : ''}</span></h2>
  ${
    col.items.length === 0
      ? html`<p class="muted small">${pick(T.noneInStage, lang)}</p>`
      : html`<ol class="board-cards">${col.items.map((item) => card(item, o, lang))}</ol>`
  }
  ${col.more ? html`<p class="small"><a href="/team/pipeline?${params.toString()}">${pick(T.moreInStage, lang)}${lang === 'zh' ? '：' : ': '}${label}</a></p>` : ''}
</section>`;
}

export function boardPage(c: PortalContext, o: BoardPageOptions) {
  const lang = c.var.lang;
  const errorOf = (field: string) => o.errors.find((e) => e.field === field)?.message;
  return page(c, {
    title: pick(T.boardTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.boardTitle, lang)}</h1>
<p class="lead">${pick(T.boardLead, lang)}</p>
${errorSummary(o.errors, lang)}
<form method="get" action="/team/board" class="filters card" role="search" aria-label="${pick(T.search, lang)}">
  ${input({ name: 'q', type: 'search', label: pick(T.search, lang), hint: pick(T.searchHint, lang), value: o.filters.q, error: errorOf('q'), maxlength: 100, markOptional: false, lang })}
  ${select({ name: 'owner', label: pick(T.owner, lang), value: o.filters.owner, options: ownerOptions(o.cityWide, o.ownPark, lang), empty: pick(T.anyOwner, lang), markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.search, lang)}</button><a href="/team/board">${pick(TEAM_TEXT.clear, lang)}</a></div>
</form>
<div class="board">
${o.columns.map((col) => column(col, o, lang))}
</div>`,
  });
}
