import { z } from 'zod';
import { LOST_REASONS, PIPELINE_STAGES, Stage } from '../pipeline.ts';
import { Tier } from '../scores.ts';

// What managers read from the insights service: pipeline metrics per park or for the city over
// a period, and targets with their progress. Every figure's definition is in its description.

const Count = z.number().int().nonnegative();
const Cny = z.number().nonnegative();
const Rate = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: 'The share, 0 to 1; null when there is nothing to divide by' });
const Label = z.object({ zh: z.string(), en: z.string() });

export const MetricScope = z
  .object({
    parkId: z.string().nullable().meta({ description: 'The park; null for the city (every park)' }),
    name: Label,
  })
  .meta({ id: 'MetricScope' });

export const MetricPeriod = z
  .object({
    kind: z.enum(['week', 'month', 'quarter', 'year', 'custom']),
    from: z.iso.date().meta({ description: 'First day, included (Asia/Shanghai)' }),
    to: z.iso.date().meta({ description: 'Last day, included (Asia/Shanghai)' }),
    asOf: z.iso.datetime().meta({
      description: 'The instant "at the end" figures are taken at: the end of the period, or now if earlier',
    }),
  })
  .meta({ id: 'MetricPeriod' });

const Head = { scope: MetricScope, period: MetricPeriod };

export const Distribution = z
  .object({
    median: z.number().nullable().meta({ description: 'Median (mean of the two middle values when even)' }),
    p90: z.number().nullable().meta({ description: '90th percentile, nearest rank' }),
  })
  .meta({ id: 'Distribution' });

// ── funnel ───────────────────────────────────────────────────────────────────

export const FunnelView = z
  .object({
    ...Head,
    stages: z.array(
      z.object({
        stage: Stage,
        label: Label,
        entered: Count.meta({
          description:
            'Leads that entered the stage during the period (each lead once). 线索: profiles submitted; for a park, ' +
            'those it rates A–C or has owned. Other stages: moves into the stage made by the park owning the lead.',
        }),
        atEnd: Count.meta({
          description:
            'Leads in the stage at `asOf`. For a park: leads it owns then, plus unclaimed leads it rates A–C (at 线索).',
        }),
      }),
    ),
  })
  .meta({ id: 'FunnelView' });
export type FunnelView = z.infer<typeof FunnelView>;

// ── conversion ───────────────────────────────────────────────────────────────

export const ConversionStep = z
  .object({
    from: z.enum(PIPELINE_STAGES),
    to: z.enum(PIPELINE_STAGES),
    cohort: Count.meta({ description: 'Leads that entered `from` during the period (as in the funnel)' }),
    reached: Count.meta({
      description:
        'Of the cohort, leads that later reached `to` or a stage beyond it (by now; for a park, moved there by it)',
    }),
    rate: Rate,
  })
  .meta({ id: 'ConversionStep' });
export type ConversionStep = z.infer<typeof ConversionStep>;

export const ConversionView = z
  .object({
    ...Head,
    steps: z
      .array(ConversionStep)
      .meta({ description: 'Each pair of consecutive stages, 线索→初步接洽 … 开工建设→投产' }),
    overall: z.array(ConversionStep).meta({ description: '线索→签约 and 线索→投产' }),
  })
  .meta({ id: 'ConversionView' });
export type ConversionView = z.infer<typeof ConversionView>;

// ── time in stage ────────────────────────────────────────────────────────────

export const StageTimeRow = z
  .object({
    stage: Stage,
    label: Label,
    left: Count.meta({
      description: 'Stays in the stage that ended during the period (the lead moved on, back or out)',
    }),
    calendarDays: Distribution.meta({
      description: 'Length of those stays in calendar days (Shanghai dates: left minus entered)',
    }),
    workingDays: Distribution.meta({
      description: 'Length of those stays in working days (China’s official calendar, 调休 included)',
    }),
    current: Count.meta({ description: 'Leads in the stage at `asOf`' }),
    stuck: Count.meta({ description: 'Of those, leads in it longer than the threshold' }),
  })
  .meta({ id: 'StageTimeRow' });

export const StuckLead = z
  .object({
    leadId: z.string(),
    parkId: z.string().nullable(),
    stage: Stage,
    enteredAt: z.iso.datetime(),
    calendarDays: Count,
    workingDays: Count,
  })
  .meta({ id: 'StuckLead' });

export const TimeInStageView = z
  .object({
    ...Head,
    stuckAfterDays: Count,
    unit: z.enum(['calendar', 'working']).meta({ description: 'The unit of `stuckAfterDays`' }),
    stages: z.array(StageTimeRow),
    stuck: z.array(StuckLead).meta({ description: 'Stuck leads, longest first (at most 200)' }),
    stuckTotal: Count,
  })
  .meta({ id: 'TimeInStageView' });
export type TimeInStageView = z.infer<typeof TimeInStageView>;

// ── investment and output ────────────────────────────────────────────────────

export const InvestmentView = z
  .object({
    ...Head,
    signed: z
      .object({ leads: Count, agreedInvestmentCny: Cny })
      .meta({ description: 'Leads that entered 签约 during the period and their 协议投资额 (CNY)' }),
    operating: z.object({ leads: Count, expectedAnnualOutputCny: Cny }).meta({
      description: 'Leads that entered 投产 during the period and their expected annual output (CNY)',
    }),
    byStage: z
      .array(
        z.object({
          stage: Stage,
          label: Label,
          leads: Count,
          agreedInvestmentCny: Cny,
          expectedAnnualOutputCny: Cny,
        }),
      )
      .meta({
        description:
          'Leads at 签约, 注册落地, 开工建设 and 投产 at `asOf`, with the investment agreed when they signed and the ' +
          'annual output expected when construction started or production began',
      }),
    byMonth: z
      .array(
        z.object({
          month: z.string(),
          signedLeads: Count,
          agreedInvestmentCny: Cny,
          operatingLeads: Count,
          expectedAnnualOutputCny: Cny,
        }),
      )
      .meta({ description: 'The same as `signed` and `operating`, month by month within the period' }),
  })
  .meta({ id: 'InvestmentView' });
export type InvestmentView = z.infer<typeof InvestmentView>;

// ── lost ─────────────────────────────────────────────────────────────────────

export const LostView = z
  .object({
    ...Head,
    total: Count.meta({ description: 'Moves to 流失 during the period' }),
    byReason: z.array(z.object({ reason: z.enum(LOST_REASONS), label: Label, count: Count })),
    byStage: z
      .array(z.object({ stage: Stage, label: Label, count: Count }))
      .meta({ description: 'The stage the lead was lost from (for a lead on hold: 搁置)' }),
  })
  .meta({ id: 'LostView' });
export type LostView = z.infer<typeof LostView>;

// ── appeals ──────────────────────────────────────────────────────────────────

export const AppealRow = z
  .object({
    opened: Count.meta({ description: 'Appeals opened during the period' }),
    resolved: Count.meta({ description: 'Appeals resolved during the period' }),
    rejected: Count.meta({ description: 'Appeals rejected during the period' }),
    closedLate: Count.meta({ description: 'Appeals closed during the period after their due date' }),
    openAtEnd: Count.meta({ description: 'Appeals open at `asOf`' }),
    overdueAtEnd: Count.meta({ description: 'Appeals open at `asOf` whose due date has passed' }),
    resolveCalendarDays: Distribution.meta({
      description: 'Opened to resolved, calendar days, of those resolved',
    }),
    resolveWorkingDays: Distribution.meta({
      description: 'Opened to resolved, working days, of those resolved',
    }),
  })
  .meta({ id: 'AppealRow' });
export type AppealRow = z.infer<typeof AppealRow>;

export const AppealsView = z
  .object({
    ...Head,
    total: AppealRow,
    byCategory: z.array(AppealRow.extend({ category: z.string(), label: Label })),
  })
  .meta({ id: 'AppealsView' });
export type AppealsView = z.infer<typeof AppealsView>;

// ── lead quality ─────────────────────────────────────────────────────────────

export const QualityView = z
  .object({
    ...Head,
    slaWorkingDays: Count,
    byTier: z
      .array(
        z.object({
          tier: Tier,
          leads: Count.meta({ description: 'Leads submitted during the period with this tier at intake' }),
          claimed: Count.meta({ description: 'Of those, claimed (for a park: by it)' }),
          signed: Count.meta({ description: 'Of those, reached 签约 by now (for a park: with it)' }),
          signedRate: Rate,
        }),
      )
      .meta({
        description:
          'Tier at intake (a park: its first score of the lead; the city: the best first score over the parks) ' +
          'against claiming and signing: the data that calibrates the matcher',
      }),
    byDirection: z
      .array(z.object({ direction: z.string(), leads: Count, claimed: Count, signed: Count }))
      .meta({
        description: 'The same by intake direction matched at intake (a lead counts under each it matched)',
      }),
    sla: z
      .object({
        eligible: Count.meta({ description: 'Leads submitted during the period rated A or B at intake' }),
        withinSla: Count.meta({
          description: 'Of those, claimed within `slaWorkingDays` working days of submission',
        }),
        later: Count.meta({ description: 'Claimed, but later' }),
        byOtherPark: Count.meta({ description: 'Claimed by another park (park view only)' }),
        unclaimed: Count,
        share: Rate.meta({ description: '`withinSla` / `eligible`' }),
      })
      .meta({ description: 'How fast the best leads were claimed' }),
  })
  .meta({ id: 'QualityView' });
export type QualityView = z.infer<typeof QualityView>;

// ── 一企一策 activity: visits and liaisons ─────────────────────────────────────────

const ActivityCounts = {
  visits: Count.meta({
    description: 'Visits and talks logged in the 一企一策 ledger whose date is in the period',
  }),
  leadsVisited: Count.meta({ description: 'Leads with at least one of those visits (each lead once)' }),
  liaisonsAssigned: Count.meta({
    description: 'Liaisons (联络员) named during the period (a change of liaison counts again)',
  }),
};

export const ActivityView = z
  .object({
    ...Head,
    ...ActivityCounts,
    coverage: z
      .object({
        worked: Count.meta({
          description: 'Leads held at `asOf` in a stage from 初步接洽 to 投产 (for a park: owned by it)',
        }),
        withLiaison: Count.meta({ description: 'Of those, with a liaison named by the owning park' }),
        visitedInPeriod: Count.meta({ description: 'Of those, visited during the period' }),
        liaisonShare: Rate.meta({ description: '`withLiaison` / `worked`' }),
      })
      .meta({
        description:
          'How far the leads being worked have a liaison and a visit (一企一策: a liaison for each)',
      }),
    byMonth: z
      .array(z.object({ month: z.string(), ...ActivityCounts }))
      .meta({ description: 'The same counts month by month within the period' }),
    byPark: z
      .array(z.object({ parkId: z.string(), name: Label, ...ActivityCounts }))
      .meta({ description: 'The same counts per park (the park of the visit or of the naming)' }),
    byLiaison: z
      .array(
        z.object({
          liaison: z.string(),
          parkId: z.string(),
          leads: Count.meta({ description: 'Leads whose liaison this is at `asOf`' }),
          visits: Count.meta({
            description:
              'Visits in the period to leads of which this was the liaison when the visit was logged',
          }),
        }),
      )
      .meta({ description: 'Liaison activity, most visits first (the first 200)' }),
  })
  .meta({ id: 'ActivityView' });
export type ActivityView = z.infer<typeof ActivityView>;

// ── targets ──────────────────────────────────────────────────────────────────

export const TARGET_MEASURES = ['firms', 'revenueCny', 'certificates', 'signedInvestmentCny'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

const Amount = z.number().nonnegative().max(1e15);
const Values = z
  .strictObject({
    firms: Amount.int().optional().meta({ description: 'Biomedical firms in the park (or city)' }),
    revenueCny: Amount.optional().meta({ description: 'Annual revenue of those firms, CNY' }),
    certificates: Amount.int()
      .optional()
      .meta({ description: 'Device registration certificates (注册证) held' }),
    signedInvestmentCny: Amount.optional().meta({ description: 'Investment signed (协议投资额), CNY' }),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '至少给出一项指标 / give at least one measure' });

export const TargetInput = z
  .strictObject({
    scope: z.string().min(1).max(50).meta({ description: '`city`, or a park id' }),
    year: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .meta({ description: 'The year the target is for (e.g. 2025, 2035)' }),
    targets: Values.meta({ description: 'The figures to reach by the end of `year`' }),
    baseline: z
      .strictObject({
        year: z.number().int().min(2000).max(2100),
        firms: Amount.int().optional(),
        revenueCny: Amount.optional(),
        certificates: Amount.int().optional(),
        signedInvestmentCny: Amount.optional(),
      })
      .optional()
      .meta({
        description:
          'Where the park stood at the end of `baseline.year`, before parkmatch (e.g. 206 firms, 13.76 billion CNY in ' +
          '2022): progress adds what the pipeline brought since. Without it progress counts from 1 January of `year`.',
      }),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'TargetInput' });
export type TargetInput = z.infer<typeof TargetInput>;

export const TargetProgress = z
  .object({
    measure: z.enum(TARGET_MEASURES),
    target: z.number(),
    baseline: z.number().meta({ description: 'The baseline figure (0 without one)' }),
    actual: z
      .number()
      .meta({ description: 'Baseline plus what the pipeline and the monthly figures brought' }),
    share: z.number().nullable().meta({ description: '`actual` / `target`' }),
    pacePerMonth: z.number().meta({ description: 'Gained since the window opened, per month elapsed' }),
    neededPerMonth: z
      .number()
      .meta({ description: 'Still to gain, per month left until the end of the year' }),
    projected: z.number().meta({ description: '`actual` plus `pacePerMonth` × months left' }),
    onPace: z.boolean().meta({ description: '`projected` reaches `target`' }),
  })
  .meta({ id: 'TargetProgress' });

export const TargetChange = z
  .object({
    targets: z.record(z.string(), z.number()),
    baseline: z.record(z.string(), z.number()).optional(),
    note: z.string().optional(),
    by: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'TargetChange' });

export const TargetView = z
  .object({
    scope: MetricScope,
    year: z.number().int(),
    targets: z.record(z.string(), z.number()),
    baseline: z.record(z.string(), z.number()).optional(),
    window: z.object({ from: z.iso.date(), to: z.iso.date(), asOf: z.iso.datetime() }).meta({
      description: 'Progress counts from `from` (the day after the baseline year, or 1 January) to `asOf`',
    }),
    progress: z.array(TargetProgress),
    history: z.array(TargetChange).meta({ description: 'Every setting of this target, oldest first' }),
    updatedBy: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'TargetView' });
export type TargetView = z.infer<typeof TargetView>;

export const TargetList = z.object({ items: z.array(TargetView) }).meta({ id: 'TargetList' });
export type TargetList = z.infer<typeof TargetList>;
