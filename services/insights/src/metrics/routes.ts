import { createRoute, z } from '@hono/zod-openapi';
import {
  ActivityView,
  AppealsView,
  ConversionView,
  FunnelView,
  InvestmentView,
  LostView,
  ParkId,
  QualityView,
  TimeInStageView,
} from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  HttpProblem,
  problem,
  requireAuth,
  type ServiceApp,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { PERIOD_KINDS, resolvePeriod } from '../calendar/period.ts';
import type { LeadTable } from '../read-model/lead-table.ts';
import { DownloadQuery, formatOf, tableDownload, tableResponse } from '../tables/download.ts';
import type { Table } from '../tables/table.ts';
import { activity } from './activity.ts';
import { appeals } from './appeals.ts';
import { conversion } from './conversion.ts';
import { funnel } from './funnel.ts';
import { investment } from './investment.ts';
import { lost } from './lost.ts';
import { quality } from './quality.ts';
import { type MetricQuery, metricQuery } from './query.ts';
import { metricScope } from './scope.ts';
import {
  activityTables,
  appealsTables,
  conversionTables,
  funnelTables,
  investmentTables,
  lostTables,
  qualityTables,
  timeInStageTables,
} from './tables.ts';
import { timeInStage } from './time-in-stage.ts';
import { ViewCache } from './view-cache.ts';

const METRICS = tag(
  'metrics',
  'Pipeline metrics for managers, per park or for the city, over a week, month, quarter, year or custom ' +
    'range (Asia/Shanghai), read from a model folded from the events of leads and matching.',
);

const ABOUT_PERIOD =
  '\n\nThe period: `from` and `to` (a custom range, both days included), or `period` (default `month`) around ' +
  '`date` (default today); days are Asia/Shanghai. Figures "at the end" are taken at the end of the period, or ' +
  'now if that is earlier. A park’s team sees its own park; city managers and admins any park, or the city ' +
  'when `parkId` is left out. Every table of the view comes as CSV (`format=csv` or `Accept: text/csv`; one ' +
  'table, `table` picks which) or as an xlsx workbook (`format=xlsx`; a sheet per table), headers in Chinese ' +
  'with the stable English code of each field.';

const date = (description: string) => z.iso.date().optional().openapi({ description, example: '2026-03-01' });

const BaseQuery = z
  .object({
    parkId: ParkId.optional().openapi({
      description: 'The park; left out: the city (city managers, admins) or the caller’s own park',
    }),
    period: z.enum(PERIOD_KINDS).optional().openapi({
      description: 'week (Monday–Sunday), month, quarter or year around `date`; `custom` with `from`/`to`',
    }),
    date: date('A day inside the period (default today)'),
    from: date('First day of a custom range'),
    to: date('Last day of a custom range, not before `from`'),
  })
  .extend(DownloadQuery.shape);
type BaseQuery = z.infer<typeof BaseQuery>;

export interface MetricsDeps {
  tokens: TokenService;
  /** The read model now being served (it changes when a rebuild is swapped in). */
  leads: () => LeadTable;
  /** Changes whenever the leads do (generation and version of the model): the cache key. */
  modelVersion: () => string;
  now: () => Date;
}

const responses = (schema: z.ZodType, what: string) => ({
  200: tableResponse(schema, what),
  400: problem(
    'Bad query: a period that ends before it starts, an unknown park, a bad date, an unknown table (field in `errors`)',
  ),
  401: problem('No or bad token'),
  403: problem('Not your park, or a park’s team asking for the city'),
});

export interface MetricSpec<V, X> {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  view: z.ZodType<V>;
  extra?: z.ZodObject;
  compute: (leads: LeadTable, q: MetricQuery, extra: X) => V;
  tables: (view: V) => Record<string, Table>;
}

export function mount<V, X>(
  app: ServiceApp,
  deps: MetricsDeps,
  cache: ViewCache,
  spec: MetricSpec<V, X>,
): void {
  const query = spec.extra ? BaseQuery.extend(spec.extra.shape) : BaseQuery;
  const route = createRoute({
    method: 'get',
    path: spec.path,
    operationId: spec.operationId,
    tags: [METRICS],
    summary: spec.summary,
    description: spec.description + ABOUT_PERIOD,
    security: bearer,
    request: { query },
    responses: responses(spec.view, spec.summary),
  });
  app.openapi(route, async (c) => {
    const input = c.req.valid('query') as BaseQuery & X;
    const parkId = metricScope(c.var.principal, input.parkId);
    const now = deps.now().getTime();
    const resolved = resolvePeriod(input, now);
    if ('errors' in resolved)
      throw new HttpProblem(
        400,
        { zh: '统计期间有误，见 errors', en: 'the period is invalid; see errors' },
        { errors: resolved.errors },
      );
    const q = metricQuery(parkId, resolved.period, now);
    // A view changes only with the model or the day it is taken on: the same question asked again is answered from the cache.
    const { format: _format, table: _table, ...asked } = input as Record<string, unknown>;
    const key = `${deps.modelVersion()}|${spec.operationId}|${parkId}|${q.period.from}|${q.period.to}|${q.asOfDay}|${JSON.stringify(asked)}`;
    const view = cache.get(key, () => spec.compute(deps.leads(), q, input)) as V;
    const format = formatOf(input.format, c.req.header('accept'));
    if (format === 'json') return c.json(view as object, 200);
    return (await tableDownload({
      tables: spec.tables(view),
      format,
      table: input.table,
      file: `${spec.operationId}_${parkId ?? 'city'}_${resolved.period.from}_${resolved.period.to}`,
      now: new Date(now),
    })) as never;
  });
}

const StuckQuery = z.object({
  stuckAfterDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(30)
    .openapi({ description: 'A lead in a stage longer than this is stuck (default 30)' }),
  unit: z
    .enum(['calendar', 'working'])
    .default('calendar')
    .openapi({ description: 'The unit of `stuckAfterDays`: calendar days or working days' }),
});
const SlaQuery = z.object({
  slaWorkingDays: z.coerce.number().int().min(0).max(60).default(1).openapi({
    description: 'Working days from submission within which an A/B lead should be claimed (default 1)',
  }),
});

export function metricsRoutes(deps: MetricsDeps) {
  const app = createRouter();
  const cache = new ViewCache(256);
  app.use('/v1/metrics/*', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));

  mount(app, deps, cache, {
    path: '/v1/metrics/funnel',
    operationId: 'getFunnel',
    summary: 'Funnel: leads entering each stage, and in each stage at the end of the period',
    description:
      '`entered`: leads that entered the stage during the period, each lead once. 线索 is entered when the firm ' +
      'submits its profile; for a park, a lead is its own when the park rates it A–C or has owned it. Other ' +
      'stages are entered by a move the owning park made (a park’s funnel counts its own moves). `atEnd`: ' +
      'leads in the stage at the end of the period: for a park, those it owns then and the unclaimed ones it ' +
      'rates A–C (at 线索). The side exits 搁置, 流失 and 已撤回 are listed after the pipeline. Table: `stages`.',
    view: FunnelView,
    compute: funnel,
    tables: funnelTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/conversion',
    operationId: 'getConversion',
    summary:
      'Conversion between consecutive stages, and 线索→签约 / 线索→投产, with the counts behind each rate',
    description:
      'Cohort conversion: `cohort` = leads that entered `from` during the period (as in the funnel); `reached` = ' +
      'those of them that later reached `to` or a stage beyond it (skipping is allowed), up to now; for a park, ' +
      'moved there by that park. `rate` = `reached` / `cohort` (null when the cohort is empty). Tables: `steps`, ' +
      '`overall`.',
    view: ConversionView,
    compute: conversion,
    tables: conversionTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/time-in-stage',
    operationId: 'getTimeInStage',
    summary: 'Time in each stage (median and p90, calendar and working days) and stuck leads',
    description:
      'A stay in a stage runs from entering it to leaving it (moving on, back, on hold, lost or withdrawn). ' +
      '`left`, `calendarDays` and `workingDays` are over the stays that ended during the period, for a park those ' +
      'it owned when the lead left. Calendar days: Shanghai date left minus date entered. Working days: the ' +
      'working days after the day entered up to the day left, on China’s official calendar (holidays and the ' +
      'weekend days worked in lieu, 调休). Median: the middle value (mean of the two middle ones); p90: nearest ' +
      'rank. `current`: leads in the stage at the end of the period; `stuck`: those in a stage before 投产 for ' +
      'more than `stuckAfterDays` (in `unit`); listed longest first. Tables: `stages`, `stuck`.',
    view: TimeInStageView,
    extra: StuckQuery,
    compute: (leads, q, x: z.infer<typeof StuckQuery>) =>
      timeInStage(leads, q, { afterDays: x.stuckAfterDays, unit: x.unit }),
    tables: timeInStageTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/investment',
    operationId: 'getInvestment',
    summary: 'Signed investment (协议投资额) and expected output, by period, month and stage',
    description:
      '`signed`: leads that entered 签约 during the period and the 协议投资额 recorded then. A lead signed more than ' +
      'once in the period (signed, moved back, signed again) counts once: its latest signing within the period, ' +
      'with the figure recorded then. `operating`: leads that entered 投产 and the expected annual output recorded ' +
      'then (likewise once, the latest). `byMonth`: the same per month, each lead in the month of the move the ' +
      'total counts, so the months add up to `signed` and `operating`. Each period is counted on its own, like ' +
      'the funnel’s `entered`: a lead signed in March and again in May counts in the first quarter (March) and ' +
      'in the second (May) when each is asked, and once (May) in the year. `byStage`: leads at 签约, 注册落地, 开工建设 and 投产 ' +
      'at the end of the period, with their signed investment and the expected annual output recorded at ' +
      '开工建设 or 投产. Amounts in CNY. Tables: `byMonth`, `byStage`.',
    view: InvestmentView,
    compute: investment,
    tables: investmentTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/lost',
    operationId: 'getLost',
    summary: 'Leads lost (流失) by reason and by the stage they were lost from',
    description:
      '`total`: moves to 流失 during the period (a lead reopened and lost again counts twice), by the reason ' +
      'recorded and by the stage left. Tables: `byReason`, `byStage`.',
    view: LostView,
    compute: lost,
    tables: lostTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/appeals',
    operationId: 'getAppeals',
    summary: 'Appeals (诉求): opened, resolved, rejected, overdue; time to resolve; by category',
    description:
      '`opened`, `resolved`, `rejected`: appeals opened or closed during the period. `closedLate`: closed during ' +
      'the period after their due date. `openAtEnd`: open at the end of the period; `overdueAtEnd`: of those, past ' +
      'their due date. Time to resolve: opened to resolved, of the appeals resolved during the period, in calendar ' +
      'and working days. A park sees the appeals of the leads it owns. Table: `byCategory` (with a total line).',
    view: AppealsView,
    compute: appeals,
    tables: appealsTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/quality',
    operationId: 'getQuality',
    summary: 'Lead quality: by tier and direction at intake, claim SLA, tier at intake against signing',
    description:
      'Over the leads submitted during the period. Tier at intake: for a park, its first score of the lead; for the ' +
      'city, the best first score over the parks. `claimed`: claimed (for a park: by it); `signed`: reached 签约 by ' +
      'now (for a park: with it); `signedRate` = `signed` / `leads`. `sla`: of the leads rated A or B at intake, ' +
      'how many were claimed within `slaWorkingDays` working days of submission (claimed the same day = 0). ' +
      'Tables: `byTier`, `byDirection`.',
    view: QualityView,
    extra: SlaQuery,
    compute: (leads, q, x: z.infer<typeof SlaQuery>) => quality(leads, q, x.slaWorkingDays),
    tables: qualityTables,
  });

  mount(app, deps, cache, {
    path: '/v1/metrics/activity',
    operationId: 'getActivity',
    summary: '一企一策 activity: visits and talks per period and park, liaisons named, liaison coverage',
    description:
      '`visits`: visits and talks logged in the 一企一策 ledger whose date is in the period (for a park: logged by ' +
      'it); `leadsVisited`: the leads visited, each once; `liaisonsAssigned`: liaisons (联络员) named during the ' +
      'period. The same by month and by park. `coverage`: of the leads held at the end of the period in a stage ' +
      'from 初步接洽 to 投产 (`worked`), those with a liaison named by the owning park and those visited in the ' +
      'period. `byLiaison`: per liaison, the leads it holds at the end and the visits in the period to leads it ' +
      'was the liaison of. Tables: `byMonth`, `byPark`, `byLiaison`, `coverage`.',
    view: ActivityView,
    compute: activity,
    tables: activityTables,
  });

  return app;
}
