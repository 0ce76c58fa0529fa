import {
  type Bilingual,
  parkName,
  TARGET_MEASURES,
  type TargetMeasure,
  type TargetView,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatCnyShort, formatDateTime, formatNumber, formatPercent } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, notice, select, textArea } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import type { Form } from '../session/form.ts';
import { wanValue } from '../team/work-form.ts';
import { isMoney } from './target-form.ts';
import { MEASURE_LABELS } from './text.ts';

// The targets managers set on the insights service (per park, or the city's): each year's
// figures with the baseline and the progress so far, every change in its history (who, when,
// what, why), and the form that sets or changes a year's target.

export const TARGETS_TEXT = {
  title: { zh: '目标设定', en: 'Targets' },
  lead: {
    zh: '设定园区（或全市）到某年年底要达到的企业数、营收、注册证和签约投资额。每次修改都留有记录。',
    en: 'Set what the park (or the city) is to reach by the end of a year: firms, revenue, certificates, signed investment. Every change is kept.',
  },
  scope: { zh: '范围', en: 'Scope' },
  city: { zh: '全市', en: 'The city' },
  show: { zh: '查看', en: 'Show' },
  none: { zh: '尚未设定目标。', en: 'No targets yet.' },
  edit: { zh: '修改此目标', en: 'Change this target' },
  measure: { zh: '指标', en: 'Measure' },
  baseline: { zh: '基准', en: 'Baseline' },
  target: { zh: '目标', en: 'Target' },
  actual: { zh: '当前', en: 'Now' },
  progress: { zh: '完成度', en: 'Progress' },
  history: { zh: '修改记录', en: 'History' },
  when: { zh: '时间', en: 'When' },
  by: { zh: '修改人', en: 'By' },
  values: { zh: '目标值', en: 'Targets' },
  note: { zh: '说明', en: 'Note' },
  setTitle: { zh: '设定或修改目标', en: 'Set or change a target' },
  year: { zh: '目标年份', en: 'Year' },
  yearHint: {
    zh: '到该年 12 月 31 日要达到的数值，例如 2025。',
    en: 'The figures are to be reached by 31 December of this year, e.g. 2025.',
  },
  targetsLegend: { zh: '目标值（至少填一项）', en: 'The targets (at least one)' },
  baselineLegend: {
    zh: '基准（选填）：接入平台前某年年底的情况',
    en: 'Baseline (optional): where things stood at the end of a year before the platform',
  },
  baselineYear: { zh: '基准年份', en: 'Baseline year' },
  baselineHint: {
    zh: '例如 2022 年底 206 家企业、营收 137.6 亿元。不填则从目标年份 1 月 1 日起计算进度。',
    en: 'E.g. 206 firms and 13.76 billion CNY revenue at the end of 2022. Without one, progress counts from 1 January of the year.',
  },
  wan: { zh: '万元', en: '10k CNY' },
  wanHint: { zh: '以万元填写', en: 'In 10,000 CNY (万元)' },
  save: { zh: '保存目标', en: 'Save the target' },
  saved: { zh: '目标已保存。', en: 'The target is saved.' },
  readOnly: { zh: '目标由管理者设定，您可以查看。', en: 'Managers set the targets; you may look.' },
} as const satisfies Record<string, Bilingual>;
const T = TARGETS_TEXT;

export interface TargetFormState {
  values: Form;
  errors: Record<string, string>;
  general: string[];
}

export interface TargetsPageOptions {
  scope: string;
  /** Scopes the member may choose from (city-wide staff), or none. */
  scopes: readonly string[];
  manages: boolean;
  targets: readonly TargetView[];
  /** The year the form is for (a target's "change" link, or a default). */
  year: number;
  form?: TargetFormState | undefined;
  saved: boolean;
  errors: string[];
  nav: TeamNav;
}

export const scopeName = (scope: string, lang: Lang): string =>
  scope === 'city' ? pick(T.city, lang) : pick(parkName(scope), lang);

const amount = (measure: string, value: number, lang: Lang) =>
  measure.endsWith('Cny') ? formatCnyShort(value, lang) : formatNumber(value, lang, 1);

const measureLabel = (measure: string, lang: Lang) =>
  pick(MEASURE_LABELS[measure as TargetMeasure] ?? { zh: measure, en: measure }, lang);

const summary = (values: Record<string, number> | undefined, lang: Lang): string =>
  Object.entries(values ?? {})
    .filter(([key]) => key !== 'year')
    .map(([key, value]) => `${measureLabel(key, lang)} ${amount(key, value, lang)}`)
    .join(lang === 'zh' ? '；' : '; ');

function targetCard(o: TargetsPageOptions, view: TargetView, lang: Lang): Html {
  const id = `target-${view.year}`;
  return html`<section class="card" id="${id}" aria-labelledby="${id}-title">
  <h2 id="${id}-title">${pick(view.scope.name, lang)} · ${view.year}</h2>
  ${o.manages ? html`<p><a href="/team/targets?scope=${encodeURIComponent(o.scope)}&year=${view.year}#set-target">${pick(T.edit, lang)}</a></p>` : ''}
  <div class="table-wrap"><table class="data">
    <caption class="visually-hidden">${pick(view.scope.name, lang)} · ${view.year}</caption>
    <thead><tr><th scope="col">${pick(T.measure, lang)}</th><th scope="col" class="num">${pick(T.baseline, lang)}</th><th scope="col" class="num">${pick(T.actual, lang)}</th><th scope="col" class="num">${pick(T.target, lang)}</th><th scope="col" class="num">${pick(T.progress, lang)}</th></tr></thead>
    <tbody>${view.progress.map(
      (p) =>
        html`<tr><th scope="row">${measureLabel(p.measure, lang)}</th><td class="num">${amount(p.measure, p.baseline, lang)}</td><td class="num">${amount(p.measure, p.actual, lang)}</td><td class="num">${amount(p.measure, p.target, lang)}</td><td class="num">${formatPercent(p.share, lang, 1)}</td></tr>`,
    )}</tbody>
  </table></div>
  <details class="history"${view.history.length > 1 ? html` open` : ''}>
    <summary>${pick(T.history, lang)} (${view.history.length})</summary>
    <div class="table-wrap"><table class="data">
      <caption class="visually-hidden">${pick(T.history, lang)} · ${view.year}</caption>
      <thead><tr><th scope="col">${pick(T.when, lang)}</th><th scope="col">${pick(T.by, lang)}</th><th scope="col">${pick(T.values, lang)}</th><th scope="col">${pick(T.baseline, lang)}</th><th scope="col">${pick(T.note, lang)}</th></tr></thead>
      <tbody>${[...view.history]
        .reverse()
        .map(
          (change) =>
            html`<tr><td class="nowrap">${formatDateTime(change.at, lang)}</td><td>${change.by}</td><td>${summary(change.targets, lang)}</td><td>${change.baseline ? [change.baseline.year, summary(change.baseline, lang)].filter((part) => part !== undefined && part !== '').join(' · ') : '–'}</td><td>${change.note ?? ''}</td></tr>`,
        )}</tbody>
    </table></div>
  </details>
</section>`;
}

function targetForm(c: PortalContext, o: TargetsPageOptions, lang: Lang): Html {
  const current = o.targets.find((t) => t.year === o.year);
  const f = o.form;
  const value = (name: string, fallback: string) => (f ? f.values.get(name) : fallback);
  const error = (name: string) => f?.errors[name];
  const measureInput = (
    prefix: 'targets' | 'baseline',
    measure: TargetMeasure,
    known: number | undefined,
  ) => {
    const name = `${prefix}.${measure}`;
    const money = isMoney(measure);
    return input({
      name,
      label: `${measureLabel(measure, lang)}${prefix === 'baseline' ? (lang === 'zh' ? `（${pick(T.baseline, lang)}）` : ` (${pick(T.baseline, lang)})`) : ''}`,
      value: value(name, known === undefined ? '' : money ? wanValue(known) : String(known)),
      inputmode: money ? 'decimal' : 'numeric',
      suffix: money ? pick(T.wan, lang) : undefined,
      hint: money ? pick(T.wanHint, lang) : undefined,
      maxlength: 20,
      error: error(name),
      lang,
    });
  };
  return html`<section class="card" id="set-target" aria-labelledby="set-target-title">
  <h2 id="set-target-title">${pick(T.setTitle, lang)}${colon(lang)}${scopeName(o.scope, lang)}</h2>
  ${f ? errorSummary([...f.general.map((message) => ({ message })), ...Object.entries(f.errors).map(([field, message]) => ({ field, message }))], lang) : ''}
  <form method="post" action="/team/targets?scope=${encodeURIComponent(o.scope)}" novalidate>
    ${csrfField(c)}
    ${input({ name: 'year', label: pick(T.year, lang), hint: pick(T.yearHint, lang), value: value('year', String(o.year)), inputmode: 'numeric', maxlength: 4, required: true, error: error('year'), lang })}
    <fieldset class="field">
      <legend>${pick(T.targetsLegend, lang)}</legend>
      <div class="row-grid">${TARGET_MEASURES.map((m) => measureInput('targets', m, current?.targets[m]))}</div>
    </fieldset>
    <fieldset class="field">
      <legend>${pick(T.baselineLegend, lang)}</legend>
      <p class="hint">${pick(T.baselineHint, lang)}</p>
      ${input({ name: 'baseline.year', label: pick(T.baselineYear, lang), value: value('baseline.year', current?.baseline?.year !== undefined ? String(current.baseline.year) : ''), inputmode: 'numeric', maxlength: 4, error: error('baseline.year'), lang })}
      <div class="row-grid">${TARGET_MEASURES.map((m) => measureInput('baseline', m, current?.baseline?.[m]))}</div>
    </fieldset>
    ${textArea({ name: 'note', label: pick(T.note, lang), value: value('note', ''), rows: 2, maxlength: 500, error: error('note'), lang })}
    <div class="actions"><button type="submit" class="primary">${pick(T.save, lang)}</button></div>
  </form>
</section>`;
}

export function targetsPage(c: PortalContext, o: TargetsPageOptions) {
  const lang = c.var.lang;
  const views = [...o.targets].sort((a, b) => a.year - b.year);
  return page(c, {
    title: pick(T.title, lang),
    team: o.nav,
    body: html`<h1>${pick(T.title, lang)}<span class="muted">${colon(lang)}${scopeName(o.scope, lang)}</span></h1>
<p class="lead">${pick(T.lead, lang)}</p>
${o.saved ? notice('info', pick(T.saved, lang)) : ''}
${errorSummary(
  o.errors.map((message) => ({ message })),
  lang,
)}
${
  o.scopes.length > 1
    ? html`<form method="get" action="/team/targets" class="filters card">
  <div class="row-grid">${select({ name: 'scope', label: pick(T.scope, lang), value: o.scope, options: o.scopes.map((s) => ({ value: s, label: scopeName(s, lang) })), markOptional: false, lang })}</div>
  <div class="actions"><button type="submit">${pick(T.show, lang)}</button></div>
</form>`
    : ''
}
${o.manages ? '' : html`<p class="muted">${pick(T.readOnly, lang)}</p>`}
${views.length === 0 ? html`<p class="muted">${pick(T.none, lang)}</p>` : views.map((view) => targetCard(o, view, lang))}
${o.manages ? targetForm(c, o, lang) : ''}`,
  });
}
