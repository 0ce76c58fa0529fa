import { type Bilingual, type KeyFirmEntry, PARKS, parkName, STAGE_LABELS } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { formatCny, formatMonth } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';

// The 重点培育 ledger for a month: every key firm the member may see — in production, or
// marked by hand on its lead page — with that month's figures or "not reported". A firm is
// marked or taken off on its lead page; this page says who still owes a report.

export const KEY_FIRMS_TEXT = {
  title: { zh: '重点培育台账', en: 'Key-firm ledger' },
  lead: {
    zh: '已投产企业和手动标记的重点培育企业，按月填报主营业务、营收和税收。在线索页标记或移出。',
    en: 'Firms in production and firms marked as key firms report revenue and tax monthly. Mark or unmark one on its lead page.',
  },
  month: { zh: '月份', en: 'Month' },
  park: { zh: '园区', en: 'Park' },
  allParks: { zh: '全部园区', en: 'Every park' },
  show: { zh: '查看', en: 'Show' },
  firm: { zh: '企业', en: 'Firm' },
  stage: { zh: '阶段', en: 'Stage' },
  why: { zh: '列入原因', en: 'Why listed' },
  operating: { zh: '已投产', en: 'In production' },
  marked: { zh: '手动标记', en: 'Marked' },
  liaison: { zh: '联络员', en: 'Liaison' },
  status: { zh: '填报情况', en: 'Report' },
  reported: { zh: '已填报', en: 'Reported' },
  notReported: { zh: '未填报', en: 'Not reported' },
  revenue: { zh: '营业收入', en: 'Revenue' },
  tax: { zh: '税收', en: 'Tax' },
  none: { zh: '该月没有重点培育企业。', en: 'No key firms for this month.' },
  count: { zh: '家企业，未填报', en: 'firms; not reported:' },
  badMonth: { zh: '请选择有效月份（年-月）', en: 'Enter a month (year-month)' },
} as const satisfies Record<string, Bilingual>;
const T = KEY_FIRMS_TEXT;

export interface KeyFirmsPageOptions {
  month: string;
  park: string;
  cityWide: boolean;
  items: readonly KeyFirmEntry[];
  errors: { field?: string; message: string }[];
  nav: TeamNav;
}

const parkLabel = (parkId: string, lang: Lang) => pick(parkName(parkId), lang);

function row(entry: KeyFirmEntry, cityWide: boolean, lang: Lang): Html {
  const href = `/team/leads/${encodeURIComponent(entry.leadId)}#figures`;
  const reported = entry.status === 'reported';
  return html`<tr>
  <th scope="row"><a href="${href}">${entry.firmName}</a></th>
  ${cityWide ? html`<td>${parkLabel(entry.parkId, lang)}</td>` : ''}
  <td>${pick(STAGE_LABELS[entry.stage], lang)}</td>
  <td>${pick(entry.onLedgerBecause === 'operating' ? T.operating : T.marked, lang)}</td>
  <td>${entry.liaison ?? '–'}</td>
  <td><span class="pace ${reported ? 'on' : 'behind'}">${pick(reported ? T.reported : T.notReported, lang)}</span></td>
  <td class="num">${entry.figures ? formatCny(entry.figures.revenueCny, lang) : '–'}</td>
  <td class="num">${entry.figures ? formatCny(entry.figures.taxCny, lang) : '–'}</td>
</tr>`;
}

export function keyFirmsPage(c: PortalContext, o: KeyFirmsPageOptions) {
  const lang = c.var.lang;
  const missing = o.items.filter((e) => e.status === 'not-reported').length;
  return page(c, {
    title: pick(T.title, lang),
    team: o.nav,
    body: html`<h1>${pick(T.title, lang)}</h1>
<p class="lead">${pick(T.lead, lang)}</p>
${errorSummary(o.errors, lang)}
<form method="get" action="/team/key-firms" class="filters card" role="search">
  <div class="row-grid">
    ${input({ name: 'month', type: 'month', label: pick(T.month, lang), value: o.month, markOptional: false, error: o.errors.find((e) => e.field === 'month')?.message, lang })}
    ${
      o.cityWide
        ? select({
            name: 'park',
            label: pick(T.park, lang),
            value: o.park,
            empty: pick(T.allParks, lang),
            options: PARKS.map((p) => ({ value: p.id, label: pick(p.name, lang) })),
            markOptional: false,
            lang,
          })
        : ''
    }
  </div>
  <div class="actions"><button type="submit">${pick(T.show, lang)}</button></div>
</form>
<section class="card" aria-labelledby="key-firms-title">
  <h2 id="key-firms-title">${formatMonth(o.month, lang)}${lang === 'zh' ? '：' : ': '}${o.items.length} ${pick(T.count, lang)} ${missing}</h2>
  ${
    o.items.length === 0
      ? html`<p class="muted">${pick(T.none, lang)}</p>`
      : html`<div class="table-wrap"><table class="data">
    <caption class="visually-hidden">${pick(T.title, lang)} · ${formatMonth(o.month, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.firm, lang)}</th>${o.cityWide ? html`<th scope="col">${pick(T.park, lang)}</th>` : ''}<th scope="col">${pick(T.stage, lang)}</th><th scope="col">${pick(T.why, lang)}</th><th scope="col">${pick(T.liaison, lang)}</th><th scope="col">${pick(T.status, lang)}</th><th scope="col" class="num">${pick(T.revenue, lang)}</th><th scope="col" class="num">${pick(T.tax, lang)}</th></tr></thead>
    <tbody>${o.items.map((entry) => row(entry, o.cityWide, lang))}</tbody>
  </table></div>`
  }
</section>`,
  });
}
