import { PARK_IDS } from '@parkmatch/contracts';
import { type Period, resolvePeriod } from '../src/calendar/period.ts';
import { financing } from '../src/financing/metric.ts';
import { activity } from '../src/metrics/activity.ts';
import { appeals } from '../src/metrics/appeals.ts';
import { conversion } from '../src/metrics/conversion.ts';
import { funnel } from '../src/metrics/funnel.ts';
import { investment } from '../src/metrics/investment.ts';
import { lost } from '../src/metrics/lost.ts';
import { quality } from '../src/metrics/quality.ts';
import { metricQuery } from '../src/metrics/query.ts';
import { timeInStage } from '../src/metrics/time-in-stage.ts';
import type { LeadFacts } from '../src/read-model/facts.ts';
import { LeadTable } from '../src/read-model/lead-table.ts';

/** Every metric for the city and each park over a period: "the numbers", to compare whole. */
export function allViews(leads: Iterable<LeadFacts>, period: { from: string; to: string }, nowMs: number) {
  const facts = LeadTable.of(leads);
  const { period: p } = resolvePeriod(period, nowMs) as { period: Period };
  return [undefined, ...PARK_IDS].map((parkId) => {
    const q = metricQuery(parkId, p, nowMs);
    return {
      parkId,
      funnel: funnel(facts, q),
      conversion: conversion(facts, q),
      timeInStage: timeInStage(facts, q, { afterDays: 30, unit: 'calendar' }),
      investment: investment(facts, q),
      lost: lost(facts, q),
      appeals: appeals(facts, q),
      quality: quality(facts, q, 1),
      activity: activity(facts, q),
      financing: financing(facts, q),
    };
  });
}
