import {
  type Bilingual,
  DIRECTION_KINDS,
  type DirectionKind,
  GROWTH_STAGES,
  PARKS,
  type Tier,
} from '@parkmatch/contracts';
import type { CatalogDirection, Mover, ParkCatalog, Rerank, WhatIf } from '../api/matching.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime, formatNumber, formatScore } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { GROWTH_STAGE_LABELS } from '../i18n/profile-labels.ts';
import { errorSummary, fieldId, notice, select, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { tierBadge } from '../team/badges.ts';
import { MANAGER_TEXT as T } from './text.ts';

// The park catalog editor: the directions in force as a form (code, kind, weight, preferred
// growth stages; remove; add new ones), a what-if preview of who moves up or down, and only
// from the preview a button to publish that draft; after publishing, the re-rank's progress.

/** A direction row of the form, as typed. */
export interface DirectionRow {
  code: string;
  kind: string;
  weight: string;
  stages: string[];
  remove: boolean;
}

/** Blank rows offered for new directions. */
export const NEW_ROWS = 2;

export const KIND_LABELS: Record<DirectionKind, Bilingual> = {
  'sub-sector': { zh: '细分领域', en: 'Sub-sector' },
  extension: { zh: '延伸领域', en: 'Extension' },
  platform: { zh: '平台', en: 'Platform' },
  service: { zh: '服务机构', en: 'Service organisation' },
};

export const rowsOf = (directions: readonly CatalogDirection[]): DirectionRow[] =>
  directions.map((d) => ({
    code: d.code,
    kind: d.kind,
    weight: String(d.weight),
    stages: [...(d.stages ?? [])],
    remove: false,
  }));

export interface CatalogPageOptions {
  parkId: string;
  choosePark: boolean;
  catalog?: ParkCatalog | undefined;
  rows: readonly DirectionRow[];
  /** Field name → what to fix. */
  errors: Record<string, string>;
  general: string[];
  /** Every direction code the parks use, offered while typing a code. */
  codes: ReadonlyMap<string, Bilingual>;
  whatIf?: WhatIf | undefined;
  /** Firm names by lead id, for the leads the what-if names only by id (those that left the top). */
  firmNames?: ReadonlyMap<string, string> | undefined;
  /** The previewed draft's directions, for the publish form. */
  draft?: string | undefined;
  note?: string | undefined;
  rerank?: Rerank | undefined;
  published?: number | undefined;
  nav: TeamNav;
}

const running = (rerank: Rerank | undefined) => rerank?.status === 'queued' || rerank?.status === 'running';

/** One control of a direction row: its label read by screen readers (the column head shows it), its error beside it. */
function cell(
  id: string,
  label: string,
  error: string | undefined,
  control: (described: Html) => Html,
): Html {
  const described = error ? html` aria-describedby="${id}-error" aria-invalid="true"` : html``;
  return html`<td${error ? html` class="invalid"` : ''}><label class="visually-hidden" for="${id}">${label}</label>${control(described)}${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</td>`;
}

function rowFields(o: CatalogPageOptions, row: DirectionRow, i: number, lang: Lang): Html {
  const name = (field: string) => `d.${i}.${field}`;
  const id = (field: string) => fieldId(name(field));
  const known = o.codes.get(row.code);
  const title = row.code ? (known ? pick(known, lang) : row.code) : pick(T.newDirection, lang);
  const of = (what: Bilingual) => `${title}${colon(lang)}${pick(what, lang)}`;
  return html`<tr id="row-${i}"${row.code ? '' : html` class="new"`}>
  <th scope="row">${title}</th>
  ${cell(id('code'), of(T.code), o.errors[name('code')], (d) => html`<input type="text" id="${id('code')}" name="${name('code')}" value="${row.code}" maxlength="80" autocomplete="off" list="direction-codes"${d}>`)}
  ${cell(id('kind'), of(T.kind), o.errors[name('kind')], (d) => html`<select id="${id('kind')}" name="${name('kind')}"${d}>${DIRECTION_KINDS.map((kind) => html`<option value="${kind}"${kind === row.kind ? html` selected` : ''}>${pick(KIND_LABELS[kind], lang)}</option>`)}</select>`)}
  ${cell(id('weight'), of(T.weight), o.errors[name('weight')], (d) => html`<input type="text" class="short" id="${id('weight')}" name="${name('weight')}" value="${row.weight}" inputmode="decimal" maxlength="5"${d}>`)}
  <td><fieldset class="inline-choices"><legend class="visually-hidden">${of(T.stages)}</legend>${GROWTH_STAGES.map(
    (stage, j) => {
      const optionId = `${id('stages')}-${j}`;
      return html`<span class="option"><input type="checkbox" id="${optionId}" name="${name('stages')}" value="${stage}"${row.stages.includes(stage) ? html` checked` : ''}><label for="${optionId}">${pick(GROWTH_STAGE_LABELS[stage], lang)}</label></span>`;
    },
  )}</fieldset></td>
  <td>${row.code ? html`<input type="checkbox" id="${id('remove')}" name="${name('remove')}" value="true"${row.remove ? html` checked` : ''}><label for="${id('remove')}" class="visually-hidden">${of(T.remove)}</label>` : ''}</td>
</tr>`;
}

function editor(c: PortalContext, o: CatalogPageOptions, lang: Lang): Html {
  return html`<form method="post" action="/team/catalog/preview?park=${encodeURIComponent(o.parkId)}" class="catalog-form card" id="editor">
  ${csrfField(c)}
  <input type="hidden" name="rows" value="${String(o.rows.length)}">
  <datalist id="direction-codes">${[...o.codes].map(([code, label]) => html`<option value="${code}">${pick(label, lang)}</option>`)}</datalist>
  <p class="hint">${pick(T.codeHint, lang)} · ${pick(T.weight, lang)}${colon(lang)}${pick(T.weightHint, lang)} · ${pick(T.stages, lang)}${colon(lang)}${pick(T.stagesHint, lang)}</p>
  <div class="table-wrap"><table class="data catalog">
    <caption class="visually-hidden">${pick(T.directions, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.direction, lang)}</th><th scope="col">${pick(T.code, lang)}</th><th scope="col">${pick(T.kind, lang)}</th><th scope="col">${pick(T.weight, lang)}</th><th scope="col">${pick(T.stages, lang)}</th><th scope="col">${pick(T.removeShort, lang)}</th></tr></thead>
    <tbody>${o.rows.map((row, i) => rowFields(o, row, i, lang))}</tbody>
  </table></div>
  <div class="actions"><button type="submit" class="primary">${pick(T.preview, lang)}</button></div>
</form>`;
}

function mover(m: Mover, lang: Lang): Html {
  return html`<tr>
  <th scope="row"><a href="/team/leads/${encodeURIComponent(m.leadId)}">${m.firmName}</a></th>
  <td>${m.previousTier ? tierBadge(m.previousTier as Tier, lang) : '–'} ${m.previousScore === null ? '' : formatScore(m.previousScore, lang)}</td>
  <td>${tierBadge(m.tier, lang)} ${formatScore(m.score, lang)}</td>
  <td class="num">${m.previousRank === null ? '–' : formatNumber(m.previousRank, lang)} → ${formatNumber(m.rank, lang)}</td>
</tr>`;
}

function movers(title: string, list: readonly Mover[], count: number, lang: Lang): Html {
  return html`<div class="table-wrap"><table class="data">
  <caption>${title} (${formatNumber(count, lang)})</caption>
  <thead><tr><th scope="col">${pick(T.firm, lang)}</th><th scope="col">${pick(T.before, lang)}</th><th scope="col">${pick(T.after, lang)}</th><th scope="col" class="num">${pick(T.rank, lang)}</th></tr></thead>
  <tbody>${list.length === 0 ? html`<tr><td colspan="4" class="muted">${pick(T.none, lang)}</td></tr>` : list.map((m) => mover(m, lang))}</tbody>
</table></div>`;
}

function preview(c: PortalContext, o: CatalogPageOptions, w: WhatIf, lang: Lang): Html {
  const names = new Map(o.firmNames ?? []);
  for (const m of [...w.top, ...w.tierUp, ...w.tierDown]) names.set(m.leadId, m.firmName);
  const listed = (ids: readonly string[]) =>
    ids.length === 0
      ? pick(T.none, lang)
      : html`<ul class="inline-list">${ids.map(
          (id) =>
            html`<li><a href="/team/leads/${encodeURIComponent(id)}">${names.get(id) ?? pick(T.unnamedLead, lang)}</a></li>`,
        )}</ul>`;
  return html`<section class="card preview" id="preview" aria-labelledby="preview-title">
  <h2 id="preview-title" tabindex="-1" data-focus>${pick(T.previewTitle, lang)}</h2>
  <p class="hint">${pick(T.previewLead, lang)}</p>
  <dl class="kpis">
    <div class="kpi"><dt>${pick(T.total, lang)}</dt><dd>${formatNumber(w.total, lang)}</dd></div>
    <div class="kpi up"><dt>${pick(T.tierUp, lang)}</dt><dd>${formatNumber(w.tierUpCount, lang)}</dd></div>
    <div class="kpi down"><dt>${pick(T.tierDown, lang)}</dt><dd>${formatNumber(w.tierDownCount, lang)}</dd></div>
  </dl>
  ${movers(pick(T.tierUp, lang), w.tierUp, w.tierUpCount, lang)}
  ${movers(pick(T.tierDown, lang), w.tierDown, w.tierDownCount, lang)}
  ${movers(pick(T.newTop, lang), w.top, w.top.length, lang)}
  <dl class="facts compact">
    <div><dt>${pick(T.enteredTop, lang)}</dt><dd>${listed(w.enteredTop)}</dd></div>
    <div><dt>${pick(T.leftTop, lang)}</dt><dd>${listed(w.leftTop)}</dd></div>
  </dl>
  <form method="post" action="/team/catalog/publish?park=${encodeURIComponent(o.parkId)}" class="publish-form">
    ${csrfField(c)}
    <input type="hidden" name="draft" value="${o.draft ?? ''}">
    <input type="hidden" name="baseVersion" value="${String(w.baseVersion)}">
    ${textArea({ name: 'note', label: pick(T.note, lang), hint: pick(T.noteHint, lang), value: o.note ?? '', rows: 2, maxlength: 500, lang })}
    <div class="actions"><button type="submit" class="primary">${pick(T.publish, lang)}</button></div>
  </form>
</section>`;
}

function rerankCard(r: Rerank, lang: Lang): Html {
  const share = r.total > 0 ? r.done / r.total : r.status === 'done' ? 1 : 0;
  const statusText: Record<Rerank['status'], Bilingual> = {
    queued: { zh: '排队中', en: 'Queued' },
    running: { zh: '进行中', en: 'Running' },
    done: { zh: '已完成', en: 'Done' },
    superseded: { zh: '已被新版本取代', en: 'Superseded by a newer version' },
    failed: { zh: '失败', en: 'Failed' },
  };
  return html`<section class="card" id="rerank" aria-labelledby="rerank-title">
  <h2 id="rerank-title">${pick(T.rerank, lang)} <span class="sub">v${r.version}</span></h2>
  <p><label for="rerank-progress">${pick(T.rerankStatus, lang)}${colon(lang)}<strong>${pick(statusText[r.status], lang)}</strong> · ${formatNumber(r.done, lang)} / ${formatNumber(r.total, lang)}</label></p>
  <progress id="rerank-progress" max="${String(Math.max(r.total, 1))}" value="${String(r.total > 0 ? r.done : share)}">${Math.round(share * 100)}%</progress>
  <p class="muted small">${pick(T.changedTiers, lang)}${colon(lang)}${formatNumber(r.changedTiers, lang)} · ${formatDateTime(r.finishedAt ?? r.startedAt ?? r.queuedAt, lang)}</p>
  ${r.error ? notice('warning', r.error) : ''}
  ${running(r) ? html`<p class="hint">${pick(T.autoRefresh, lang)} <a href="/team/catalog?park=${encodeURIComponent(r.parkId)}#rerank">${pick(T.refresh, lang)}</a></p>` : ''}
</section>`;
}

export function catalogPage(c: PortalContext, o: CatalogPageOptions) {
  const lang = c.var.lang;
  const parkName = PARKS.find((p) => p.id === o.parkId)?.name;
  const summary = [
    ...o.general.map((message) => ({ message })),
    ...Object.entries(o.errors).map(([field, message]) => ({ field, message })),
  ];
  return page(c, {
    title: pick(T.catalogTitle, lang),
    team: o.nav,
    refreshSeconds: running(o.rerank) ? 3 : undefined,
    body: html`<h1>${pick(T.catalogTitle, lang)}${parkName ? html` <span class="sub">${pick(parkName, lang)}</span>` : ''}</h1>
<p class="lead">${pick(T.catalogLead, lang)}</p>
${o.published ? notice('info', `${pick(T.published, lang)} (v${o.published})`) : ''}
${o.choosePark ? html`<form method="get" action="/team/catalog" class="filters card">${select({ name: 'park', label: pick(T.scope, lang), value: o.parkId, options: PARKS.map((p) => ({ value: p.id, label: pick(p.name, lang) })), required: true, lang })}<div class="actions"><button type="submit" class="secondary">${pick(T.show, lang)}</button></div></form>` : ''}
${o.rerank ? rerankCard(o.rerank, lang) : ''}
${errorSummary(summary, lang)}
${o.whatIf ? preview(c, o, o.whatIf, lang) : ''}
${o.catalog ? html`<p class="muted">${pick(T.version, lang)}${colon(lang)}v${o.catalog.version}</p>` : ''}
<h2>${pick(T.directions, lang)}</h2>
${editor(c, o, lang)}`,
  });
}
