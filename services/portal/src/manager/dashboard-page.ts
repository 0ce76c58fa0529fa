import {
  type ConversionView,
  type FunnelView,
  type InvestmentView,
  PARKS,
  STAGE_LABELS,
  type Stage,
  TARGET_MEASURES,
  type TargetMeasure,
  type TargetView,
  type TimeInStageView,
} from '@parkmatch/contracts';
import type { MetricName, PeriodKind } from '../api/insights.ts';
import type { PortalContext } from '../env.ts';
import {
  colon,
  formatCnyShort,
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  formatPercent,
} from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page, type TeamNav } from '../layout/page.ts';
import { type ChartOption, renderChart } from './charts.ts';
import { MEASURE_LABELS, MANAGER_TEXT as T } from './text.ts';

// The managers' dashboard: what the pipeline brought in a period, at a glance — key figures,
// then the funnel, conversion, time in stage, signed investment and the targets with their
// progress and the pace needed. Each chart is drawn on the server (ECharts → SVG) and has its
// table beneath, which screen readers read and which a CSV link gives as a file. Every row the
// API gives is shown (已撤回 in the funnel, 投产 in time in stage): the page leaves none out.

/** The column of the figure projected for the end of the target's year (2035 for a long-range one). */
const projectedAt = (year: number, lang: Lang) =>
  lang === 'zh' ? `预计目标年末（${year}年）` : `Projected, end of ${year}`;

export interface DashboardFilters {
  /** A park id, or '' for the city (city-wide staff) / the member's own park. */
  park: string;
  period: PeriodKind;
  date: string;
}

export interface DashboardData {
  funnel: FunnelView;
  conversion: ConversionView;
  timeInStage: TimeInStageView;
  investment: InvestmentView;
  targets: readonly TargetView[];
}

export interface DashboardPageOptions {
  filters: DashboardFilters;
  cityWide: boolean;
  data?: DashboardData | undefined;
  errors: { field?: string; message: string }[];
  nowMs: number;
  nav: TeamNav;
}

const WIDE = { width: 560 };
const wan = (cny: number) => Math.round(cny / 100) / 100;
const percent = (share: number | null) => (share === null ? '-' : Math.round(share * 1000) / 10);
const stageName = (stage: Stage, label: { zh: string; en: string }, lang: Lang) =>
  pick(label ?? STAGE_LABELS[stage], lang);

const csvLink = (metric: MetricName, title: string, f: DashboardFilters, lang: Lang) => {
  const params = new URLSearchParams({ period: f.period });
  if (f.date) params.set('date', f.date);
  if (f.park) params.set('park', f.park);
  return {
    href: `/team/dashboard/csv/${metric}?${params.toString()}`,
    label: `${pick(T.csv, lang)}${colon(lang)}${title}`,
  };
};

function card(
  id: string,
  title: string,
  note: string,
  chart: Html,
  table: Html,
  csv: { href: string; label: string },
): Html {
  return html`<section class="card chart-card" id="${id}" aria-labelledby="${id}-title">
  <h2 id="${id}-title">${title}</h2>
  <p class="hint">${note}</p>
  <figure class="chart-figure">${chart}</figure>
  <div class="table-wrap">${table}</div>
  <p class="small"><a href="${csv.href}" download>${csv.label}</a></p>
</section>`;
}

// ── the charts ──────────────────────────────────────────────────────────────

function funnel(view: FunnelView, f: DashboardFilters, lang: Lang): Html {
  const rows = view.stages;
  const labels = rows.map((r) => stageName(r.stage, r.label, lang));
  const entered = pick(T.entered, lang);
  const atEnd = pick(T.atEnd, lang);
  const option: ChartOption = {
    grid: { left: 100, right: 40, top: 36, bottom: 28 },
    legend: { top: 0, data: [entered, atEnd] },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [
      {
        name: entered,
        type: 'bar',
        data: rows.map((r) => r.entered),
        label: { show: true, position: 'right' },
      },
      { name: atEnd, type: 'bar', data: rows.map((r) => r.atEnd), label: { show: true, position: 'right' } },
    ],
  };
  const chart = renderChart(option, { ...WIDE, height: 70 + rows.length * 44 }, pick(T.funnel, lang));
  const table = html`<table class="data">
  <caption>${pick(T.funnel, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.stage, lang)}</th><th scope="col" class="num">${entered}</th><th scope="col" class="num">${atEnd}</th></tr></thead>
  <tbody>${rows.map((r, i) => html`<tr><th scope="row">${labels[i]}</th><td class="num">${formatNumber(r.entered, lang)}</td><td class="num">${formatNumber(r.atEnd, lang)}</td></tr>`)}</tbody>
</table>`;
  return card(
    'funnel',
    pick(T.funnel, lang),
    pick(T.funnelNote, lang),
    chart,
    table,
    csvLink('funnel', pick(T.funnel, lang), f, lang),
  );
}

function conversion(view: ConversionView, f: DashboardFilters, lang: Lang): Html {
  const arrow = (from: Stage, to: Stage) =>
    `${pick(STAGE_LABELS[from], lang)}→${pick(STAGE_LABELS[to], lang)}`;
  const steps = view.steps;
  const labels = steps.map((s) => arrow(s.from, s.to));
  const option: ChartOption = {
    grid: { left: 150, right: 56, top: 16, bottom: 28 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [
      {
        name: pick(T.rate, lang),
        type: 'bar',
        data: steps.map((s) => percent(s.rate)),
        label: { show: true, position: 'right', formatter: '{c}%' },
        itemStyle: { color: '#176d3b' },
      },
    ],
  };
  const chart = renderChart(option, { ...WIDE, height: 50 + steps.length * 40 }, pick(T.conversion, lang));
  const row = (s: ConversionView['steps'][number], label: string) =>
    html`<tr><th scope="row">${label}</th><td class="num">${formatNumber(s.cohort, lang)}</td><td class="num">${formatNumber(s.reached, lang)}</td><td class="num">${formatPercent(s.rate, lang, 1)}</td></tr>`;
  const table = html`<table class="data">
  <caption>${pick(T.conversion, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.step, lang)}</th><th scope="col" class="num">${pick(T.cohort, lang)}</th><th scope="col" class="num">${pick(T.reached, lang)}</th><th scope="col" class="num">${pick(T.rate, lang)}</th></tr></thead>
  <tbody>${steps.map((s, i) => row(s, labels[i] ?? ''))}</tbody>
  <tbody class="overall">${view.overall.map((s) => row(s, `${pick(T.overall, lang)}${colon(lang)}${arrow(s.from, s.to)}`))}</tbody>
</table>`;
  return card(
    'conversion',
    pick(T.conversion, lang),
    pick(T.conversionNote, lang),
    chart,
    table,
    csvLink('conversion', pick(T.conversion, lang), f, lang),
  );
}

function timeInStage(view: TimeInStageView, f: DashboardFilters, lang: Lang): Html {
  const rows = view.stages;
  const labels = rows.map((r) => stageName(r.stage, r.label, lang));
  const median = pick(T.median, lang);
  const p90 = pick(T.p90, lang);
  const option: ChartOption = {
    grid: { left: 100, right: 40, top: 36, bottom: 28 },
    legend: { top: 0, data: [median, p90] },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [
      {
        name: median,
        type: 'bar',
        data: rows.map((r) => r.calendarDays.median ?? '-'),
        label: { show: true, position: 'right' },
      },
      {
        name: p90,
        type: 'bar',
        data: rows.map((r) => r.calendarDays.p90 ?? '-'),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#d18b00' },
      },
    ],
  };
  const chart = renderChart(option, { ...WIDE, height: 70 + rows.length * 44 }, pick(T.timeInStage, lang));
  const days = (value: number | null) => (value === null ? '–' : formatNumber(value, lang, 1));
  const table = html`<table class="data">
  <caption>${pick(T.timeInStage, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.stage, lang)}</th><th scope="col" class="num">${pick(T.left, lang)}</th><th scope="col" class="num">${median}</th><th scope="col" class="num">${p90}</th><th scope="col" class="num">${pick(T.workingMedian, lang)}</th><th scope="col" class="num">${pick(T.current, lang)}</th><th scope="col" class="num">${pick(T.stuck, lang)}</th></tr></thead>
  <tbody>${rows.map((r, i) => html`<tr><th scope="row">${labels[i]}</th><td class="num">${formatNumber(r.left, lang)}</td><td class="num">${days(r.calendarDays.median)}</td><td class="num">${days(r.calendarDays.p90)}</td><td class="num">${days(r.workingDays.median)}</td><td class="num">${formatNumber(r.current, lang)}</td><td class="num">${formatNumber(r.stuck, lang)}</td></tr>`)}</tbody>
</table>
<p class="hint">${pick(T.stuckNote, lang)} ${formatNumber(view.stuckAfterDays, lang)} ${lang === 'zh' ? '天' : 'days'}</p>`;
  return card(
    'time-in-stage',
    pick(T.timeInStage, lang),
    pick(T.timeNote, lang),
    chart,
    table,
    csvLink('time-in-stage', pick(T.timeInStage, lang), f, lang),
  );
}

function investment(view: InvestmentView, f: DashboardFilters, lang: Lang): Html {
  const months = view.byMonth;
  const agreed = `${pick(T.agreed, lang)}${lang === 'zh' ? '（万元）' : ' (10k CNY)'}`;
  const signed = pick(T.signedCount, lang);
  const option: ChartOption = {
    grid: { left: 70, right: 50, top: 56, bottom: 36 },
    legend: { top: 0, data: [agreed, signed] },
    xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month, lang)) },
    yAxis: [
      { type: 'value', name: lang === 'zh' ? '万元' : '10k CNY' },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: agreed,
        type: 'bar',
        data: months.map((m) => wan(m.agreedInvestmentCny)),
        label: { show: months.length <= 6, position: 'top' },
        barMaxWidth: 48,
      },
      {
        name: signed,
        type: 'line',
        yAxisIndex: 1,
        data: months.map((m) => m.signedLeads),
        itemStyle: { color: '#176d3b' },
      },
    ],
  };
  const chart = renderChart(option, { ...WIDE, height: 300 }, pick(T.investment, lang));
  const table = html`<table class="data">
  <caption>${pick(T.investment, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.periodShown, lang)}</th><th scope="col" class="num">${signed}</th><th scope="col" class="num">${pick(T.agreed, lang)}</th><th scope="col" class="num">${pick(T.operatingCount, lang)}</th><th scope="col" class="num">${pick(T.expectedOutput, lang)}</th></tr></thead>
  <tbody>${months.map((m) => html`<tr><th scope="row">${formatMonth(m.month, lang)}</th><td class="num">${formatNumber(m.signedLeads, lang)}</td><td class="num">${formatCnyShort(m.agreedInvestmentCny, lang)}</td><td class="num">${formatNumber(m.operatingLeads, lang)}</td><td class="num">${formatCnyShort(m.expectedAnnualOutputCny, lang)}</td></tr>`)}</tbody>
</table>
<table class="data">
  <caption>${pick(T.byStageNow, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.stage, lang)}</th><th scope="col" class="num">${pick(T.leads, lang)}</th><th scope="col" class="num">${pick(T.agreed, lang)}</th><th scope="col" class="num">${pick(T.expectedOutput, lang)}</th></tr></thead>
  <tbody>${view.byStage.map((r) => html`<tr><th scope="row">${stageName(r.stage, r.label, lang)}</th><td class="num">${formatNumber(r.leads, lang)}</td><td class="num">${formatCnyShort(r.agreedInvestmentCny, lang)}</td><td class="num">${formatCnyShort(r.expectedAnnualOutputCny, lang)}</td></tr>`)}</tbody>
</table>`;
  return card(
    'investment',
    pick(T.investment, lang),
    pick(T.investmentNote, lang),
    chart,
    table,
    csvLink('investment', pick(T.investment, lang), f, lang),
  );
}

/** A measure's amount as people read it: money in 万元/亿元, counts as counts. */
const amount = (measure: TargetMeasure, value: number, lang: Lang) =>
  measure.endsWith('Cny') ? formatCnyShort(value, lang) : formatNumber(value, lang, 1);

/**
 * How much of the gap from the baseline to the target has been closed: (actual − baseline) ÷
 * (target − baseline), the share to set against the time elapsed (the API's `share` counts the
 * baseline too). The same as `share` without a baseline; null when the target is not above it.
 */
export function gapClosed(p: { target: number; baseline: number; actual: number }): number | null {
  const gap = p.target - p.baseline;
  return gap > 0 ? (p.actual - p.baseline) / gap : null;
}

/** How much of the target's window has passed: from its start to the end of its year. */
export function timeElapsed(target: TargetView): number {
  const start = Date.parse(`${target.window.from}T00:00:00+08:00`);
  const end = Date.parse(`${target.year + 1}-01-01T00:00:00+08:00`);
  const at = Date.parse(target.window.asOf);
  if (!(end > start)) return 1;
  return Math.min(1, Math.max(0, (at - start) / (end - start)));
}

function target(view: TargetView, lang: Lang): Html {
  const rows = view.progress.filter((p) => TARGET_MEASURES.includes(p.measure));
  const labels = rows.map((p) => pick(MEASURE_LABELS[p.measure], lang));
  const gap = pick(T.gapClosed, lang);
  const elapsed = pick(T.timeElapsed, lang);
  const elapsedShare = timeElapsed(view);
  const gaps = rows.map(gapClosed);
  const option: ChartOption = {
    grid: { left: 150, right: 56, top: 36, bottom: 28 },
    legend: { top: 0, data: [gap, elapsed] },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [
      {
        name: gap,
        type: 'bar',
        data: gaps.map((g) => (g === null ? '-' : Math.min(100, Math.max(0, Math.round(g * 1000) / 10)))),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      {
        name: elapsed,
        type: 'bar',
        data: rows.map(() => Math.round(elapsedShare * 1000) / 10),
        itemStyle: { color: '#c5ccd6' },
      },
    ],
  };
  const title = `${pick(view.scope.name, lang)} · ${view.year}`;
  const chart = renderChart(
    option,
    { width: 960, height: 70 + rows.length * 44 },
    `${pick(T.targets, lang)}${colon(lang)}${title}`,
  );
  return html`<div class="target">
  <h3>${title}</h3>
  <figure class="chart-figure">${chart}</figure>
  <div class="table-wrap"><table class="data">
    <caption>${pick(T.targets, lang)}${colon(lang)}${title}</caption>
    <thead><tr><th scope="col">${pick(T.measure, lang)}</th><th scope="col" class="num">${pick(T.baseline, lang)}</th><th scope="col" class="num">${pick(T.actual, lang)}</th><th scope="col" class="num">${pick(T.target, lang)}</th><th scope="col" class="num">${gap}</th><th scope="col" class="num">${elapsed}</th><th scope="col" class="num">${pick(T.shareWithBaseline, lang)}</th><th scope="col" class="num">${pick(T.pace, lang)}</th><th scope="col" class="num">${pick(T.needed, lang)}</th><th scope="col" class="num">${projectedAt(view.year, lang)}</th><th scope="col">${pick(T.onPace, lang)}</th></tr></thead>
    <tbody>${rows.map(
      (p, i) =>
        html`<tr><th scope="row">${labels[i]}</th><td class="num">${amount(p.measure, p.baseline, lang)}</td><td class="num">${amount(p.measure, p.actual, lang)}</td><td class="num">${amount(p.measure, p.target, lang)}</td><td class="num">${formatPercent(gaps[i] ?? null, lang, 1)}</td><td class="num">${formatPercent(elapsedShare, lang, 1)}</td><td class="num">${formatPercent(p.share, lang, 1)}</td><td class="num">${amount(p.measure, p.pacePerMonth, lang)}</td><td class="num">${amount(p.measure, p.neededPerMonth, lang)}</td><td class="num">${amount(p.measure, p.projected, lang)}</td><td><span class="pace ${p.onPace ? 'on' : 'behind'}">${pick(p.onPace ? T.onPaceYes : T.onPaceNo, lang)}</span></td></tr>`,
    )}</tbody>
  </table></div>
  <p class="hint">${pick(T.timeElapsed, lang)}${colon(lang)}${formatPercent(elapsedShare, lang)} · ${formatDate(view.window.from, lang)} – ${formatDate(`${view.year}-12-31`, lang)}</p>
</div>`;
}

function targets(views: readonly TargetView[], lang: Lang): Html {
  return html`<section class="card chart-card wide" id="targets" aria-labelledby="targets-title">
  <h2 id="targets-title">${pick(T.targets, lang)}</h2>
  <p class="hint">${pick(T.targetsNote, lang)}</p>
  ${views.length === 0 ? html`<p class="muted">${pick(T.noTargets, lang)}</p>` : [...views].sort((a, b) => a.year - b.year).map((view) => target(view, lang))}
</section>`;
}

function kpis(data: DashboardData, lang: Lang): Html {
  const lead = data.funnel.stages.find((s) => s.stage === 'lead');
  const toSigned = data.conversion.overall.find((s) => s.to === 'signed');
  const tile = (label: string, value: string) =>
    html`<div class="kpi"><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="kpis" aria-label="${pick(T.kpis, lang)}">
  ${tile(pick(T.newLeads, lang), formatNumber(lead?.entered ?? 0, lang))}
  ${tile(pick(T.signedLeads, lang), formatNumber(data.investment.signed.leads, lang))}
  ${tile(pick(T.signedInvestment, lang), formatCnyShort(data.investment.signed.agreedInvestmentCny, lang))}
  ${tile(pick(T.leadToSigned, lang), formatPercent(toSigned?.rate ?? null, lang, 1))}
</dl>`;
}

function filterForm(o: DashboardPageOptions, lang: Lang): Html {
  const f = o.filters;
  const errorOf = (field: string) => o.errors.find((e) => e.field === field)?.message;
  const periods: { value: PeriodKind; label: string }[] = [
    { value: 'month', label: pick(T.month, lang) },
    { value: 'quarter', label: pick(T.quarter, lang) },
    { value: 'year', label: pick(T.year, lang) },
  ];
  return html`<form method="get" action="/team/dashboard" class="filters card" aria-label="${pick(T.period, lang)}">
  ${o.cityWide ? select({ name: 'park', label: pick(T.scope, lang), value: f.park, options: PARKS.map((p) => ({ value: p.id, label: pick(p.name, lang) })), empty: pick(T.city, lang), markOptional: false, lang }) : ''}
  ${select({ name: 'period', label: pick(T.period, lang), value: f.period, options: periods, required: true, error: errorOf('period'), lang })}
  ${input({ name: 'date', type: 'date', label: pick(T.date, lang), value: f.date, error: errorOf('date'), markOptional: false, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.show, lang)}</button></div>
</form>`;
}

export function dashboardPage(c: PortalContext, o: DashboardPageOptions) {
  const lang = c.var.lang;
  const d = o.data;
  const scope = d ? pick(d.funnel.scope.name, lang) : '';
  return page(c, {
    title: pick(T.dashboardTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.dashboardTitle, lang)}${scope ? html` <span class="sub">${scope}</span>` : ''}</h1>
<p class="lead">${pick(T.dashboardLead, lang)}</p>
${errorSummary(o.errors, lang)}
${filterForm(o, lang)}
${
  d
    ? html`<p class="muted">${pick(T.periodShown, lang)}${colon(lang)}${formatDate(d.funnel.period.from, lang)} – ${formatDate(d.funnel.period.to, lang)} · ${pick(T.asOf, lang)} ${formatDateTime(d.funnel.period.asOf, lang)}</p>
${kpis(d, lang)}
<div class="charts">
${funnel(d.funnel, o.filters, lang)}
${conversion(d.conversion, o.filters, lang)}
${timeInStage(d.timeInStage, o.filters, lang)}
${investment(d.investment, o.filters, lang)}
${targets(d.targets, lang)}
</div>`
    : ''
}`,
  });
}
