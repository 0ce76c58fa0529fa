import { type Bilingual, PARKS, type RankedLead, type Tier } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, type Option, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';
import { scoreBadge, tierBadge } from './badges.ts';
import { TEAM_TEXT as T } from './text.ts';

// A park's ranked leads with filters (tier, direction, minimum score) and pages.

export interface RankedFilters {
  parkId: string;
  tier?: Tier | undefined;
  direction?: string | undefined;
  /** As typed, so a bad value shows again beside its message. */
  minScore: string;
  cursor?: string | undefined;
  /** How many leads the earlier pages held (for the rank numbers). */
  from: number;
}

export interface RankedPageOptions {
  filters: RankedFilters;
  items: readonly RankedLead[];
  nextCursor: string | null;
  /** Tiers the member may ask for (city-wide staff see D too). */
  tiers: readonly Tier[];
  /** The member may pick the park (city-wide staff). */
  choosePark: boolean;
  directions: ReadonlyMap<string, Bilingual>;
  /** The park's own directions, for the filter. */
  parkDirections: readonly { code: string; label: Bilingual }[];
  errors: { field?: string; message: string }[];
  nav: TeamNav;
}

const query = (filters: RankedFilters, extra: Record<string, string | undefined> = {}) => {
  const params = new URLSearchParams();
  const all = {
    park: filters.parkId,
    tier: filters.tier,
    direction: filters.direction,
    minScore: filters.minScore || undefined,
    ...extra,
  };
  for (const [key, value] of Object.entries(all)) if (value) params.set(key, value);
  return `/team/leads?${params.toString()}`;
};

function item(lead: RankedLead, o: RankedPageOptions, lang: Lang): Html {
  const href = `/team/leads/${encodeURIComponent(lead.leadId)}?park=${encodeURIComponent(o.filters.parkId)}`;
  const label = (code: string) => pick(o.directions.get(code) ?? { zh: code, en: code }, lang);
  return html`<li class="lead-card">
  <div class="rank-score">${scoreBadge(lead.score, lang)}${tierBadge(lead.tier, lang)}</div>
  <div class="body">
    <h2><a href="${href}">${lead.firmName}</a></h2>
    <p class="sub">${lead.projectTitle}</p>
    ${lead.matchedDirections.length > 0 ? html`<ul class="chips" aria-label="${pick(T.directions, lang)}">${lead.matchedDirections.map((d) => html`<li>${label(d.code)}</li>`)}</ul>` : ''}
    ${lead.reasons[lang][0] ? html`<p class="reason">${lead.reasons[lang][0]}</p>` : ''}
  </div>
</li>`;
}

function filterForm(o: RankedPageOptions, lang: Lang): Html {
  const f = o.filters;
  const errorOf = (field: string) => o.errors.find((e) => e.field === field)?.message;
  const parks: Option[] = PARKS.map((park) => ({ value: park.id, label: pick(park.name, lang) }));
  return html`<form method="get" action="/team/leads" class="filters card" role="search" aria-label="${pick(T.filters, lang)}">
  ${o.choosePark ? select({ name: 'park', label: pick(T.park, lang), value: f.parkId, options: parks, required: true, lang }) : html`<input type="hidden" name="park" value="${f.parkId}">`}
  ${select({ name: 'tier', label: pick(T.tier, lang), value: f.tier ?? '', options: o.tiers.map((t) => ({ value: t, label: t })), empty: pick(T.anyTier, lang), markOptional: false, lang })}
  ${select({ name: 'direction', label: pick(T.direction, lang), value: f.direction ?? '', options: o.parkDirections.map((d) => ({ value: d.code, label: pick(d.label, lang) })), empty: pick(T.anyDirection, lang), markOptional: false, lang })}
  ${input({ name: 'minScore', label: pick(T.minScore, lang), value: f.minScore, inputmode: 'decimal', hint: pick(T.minScoreHint, lang), error: errorOf('minScore'), maxlength: 5, markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.apply, lang)}</button><a href="/team/leads?park=${encodeURIComponent(f.parkId)}">${pick(T.clear, lang)}</a></div>
</form>`;
}

export function rankedPage(c: PortalContext, o: RankedPageOptions) {
  const lang = c.var.lang;
  const parkName = PARKS.find((park) => park.id === o.filters.parkId)?.name;
  return page(c, {
    title: pick(T.rankedTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.rankedTitle, lang)}${parkName ? html` <span class="sub">${pick(parkName, lang)}</span>` : ''}</h1>
<p class="lead">${pick(T.rankedLead, lang)}</p>
${errorSummary(o.errors, lang)}
${filterForm(o, lang)}
${
  o.items.length === 0
    ? html`<p class="empty">${pick(T.noLeads, lang)}</p>`
    : html`<ol class="ranked" start="${o.filters.from + 1}">${o.items.map((lead) => item(lead, o, lang))}</ol>`
}
<nav class="pager" aria-label="${pick(T.pages, lang)}">
  ${o.filters.cursor ? html`<a href="${query(o.filters)}">${pick(T.firstPage, lang)}</a>` : ''}
  ${o.nextCursor ? html`<a href="${query(o.filters, { cursor: o.nextCursor, from: String(o.filters.from + o.items.length) })}" rel="next">${pick(T.nextPage, lang)}</a>` : ''}
</nav>`,
  });
}
