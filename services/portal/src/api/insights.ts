import {
  ConversionView,
  FunnelView,
  InvestmentView,
  type TargetInput,
  TargetList,
  TargetView,
  TimeInStageView,
} from '@parkmatch/contracts';
import type { CallContext, Upstream } from './http.ts';

// The insights service as the portal uses it: the pipeline metrics and targets of the
// managers' dashboard, per park or for the city, over a period.

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIODS)[number];

export interface MetricQuery {
  /** Undefined: the caller's own park, or the city for city-wide staff. */
  parkId?: string | undefined;
  period: PeriodKind;
  /** A day inside the period, `YYYY-MM-DD` (default today). */
  date?: string | undefined;
}

/** The metrics the dashboard draws, by their path under /v1/metrics/. */
export const METRICS = ['funnel', 'conversion', 'time-in-stage', 'investment'] as const;
export type MetricName = (typeof METRICS)[number];

const query = (q: MetricQuery) => ({ parkId: q.parkId, period: q.period, date: q.date });

export function insightsClient(insights: Upstream) {
  return {
    funnel: (q: MetricQuery, ctx: CallContext) =>
      insights.call(FunnelView, 'GET', '/v1/metrics/funnel', ctx, { query: query(q) }),
    conversion: (q: MetricQuery, ctx: CallContext) =>
      insights.call(ConversionView, 'GET', '/v1/metrics/conversion', ctx, { query: query(q) }),
    timeInStage: (q: MetricQuery, ctx: CallContext) =>
      insights.call(TimeInStageView, 'GET', '/v1/metrics/time-in-stage', ctx, { query: query(q) }),
    investment: (q: MetricQuery, ctx: CallContext) =>
      insights.call(InvestmentView, 'GET', '/v1/metrics/investment', ctx, { query: query(q) }),
    /** `scope`: a park id or `city`. */
    targets: (scope: string, ctx: CallContext) =>
      insights.call(TargetList, 'GET', '/v1/targets', ctx, { query: { scope } }),
    /** Sets a park's or the city's target for a year (201 the first time, 200 a change). */
    setTarget: (input: TargetInput, ctx: CallContext) =>
      insights.call(TargetView, 'PUT', '/v1/targets', ctx, { body: input }),
    /** One table of a metric as CSV (UTF-8 with BOM), as the service streams it. */
    csv: (metric: MetricName, q: MetricQuery, table: string | undefined, ctx: CallContext) =>
      insights.stream('GET', `/v1/metrics/${metric}`, ctx, { query: { ...query(q), format: 'csv', table } }),
  };
}

export type InsightsClient = ReturnType<typeof insightsClient>;
