import type {
  AppealsView,
  ConversionView,
  FunnelView,
  InvestmentView,
  LostView,
  QualityView,
  TimeInStageView,
} from '@parkmatch/contracts';
import type { Table } from './csv.ts';

// Each view's tables, for `?format=csv` (the first is the default; `?table=` picks another).
// Headers are Chinese with the field name, so a sheet reads well and maps back to the JSON.

export const funnelTables = (v: FunnelView): Record<string, Table> => ({
  stages: {
    columns: ['阶段 stage', '名称', '期间进入 entered', '期末在该阶段 atEnd'],
    rows: v.stages.map((r) => [r.stage, r.label.zh, r.entered, r.atEnd]),
  },
});

export const conversionTables = (v: ConversionView): Record<string, Table> => {
  const table = (steps: ConversionView['steps']): Table => ({
    columns: ['从 from', '到 to', '期间进入 cohort', '到达 reached', '转化率 rate'],
    rows: steps.map((s) => [s.from, s.to, s.cohort, s.reached, s.rate]),
  });
  return { steps: table(v.steps), overall: table(v.overall) };
};

export const timeInStageTables = (v: TimeInStageView): Record<string, Table> => ({
  stages: {
    columns: [
      '阶段 stage',
      '名称',
      '期间离开 left',
      '自然日中位数 calendarMedian',
      '自然日P90 calendarP90',
      '工作日中位数 workingMedian',
      '工作日P90 workingP90',
      '期末在该阶段 current',
      '滞留 stuck',
    ],
    rows: v.stages.map((r) => [
      r.stage,
      r.label.zh,
      r.left,
      r.calendarDays.median,
      r.calendarDays.p90,
      r.workingDays.median,
      r.workingDays.p90,
      r.current,
      r.stuck,
    ]),
  },
  stuck: {
    columns: [
      '线索 leadId',
      '园区 parkId',
      '阶段 stage',
      '进入时间 enteredAt',
      '自然日 calendarDays',
      '工作日 workingDays',
    ],
    rows: v.stuck.map((s) => [s.leadId, s.parkId, s.stage, s.enteredAt, s.calendarDays, s.workingDays]),
  },
});

export const investmentTables = (v: InvestmentView): Record<string, Table> => ({
  byMonth: {
    columns: [
      '月份 month',
      '签约 signedLeads',
      '协议投资额 agreedInvestmentCny',
      '投产 operatingLeads',
      '预计年产值 expectedAnnualOutputCny',
    ],
    rows: v.byMonth.map((m) => [
      m.month,
      m.signedLeads,
      m.agreedInvestmentCny,
      m.operatingLeads,
      m.expectedAnnualOutputCny,
    ]),
  },
  byStage: {
    columns: [
      '阶段 stage',
      '名称',
      '线索数 leads',
      '协议投资额 agreedInvestmentCny',
      '预计年产值 expectedAnnualOutputCny',
    ],
    rows: v.byStage.map((r) => [
      r.stage,
      r.label.zh,
      r.leads,
      r.agreedInvestmentCny,
      r.expectedAnnualOutputCny,
    ]),
  },
});

export const lostTables = (v: LostView): Record<string, Table> => ({
  byReason: {
    columns: ['原因 reason', '名称', '数量 count'],
    rows: v.byReason.map((r) => [r.reason, r.label.zh, r.count]),
  },
  byStage: {
    columns: ['流失前阶段 stage', '名称', '数量 count'],
    rows: v.byStage.map((r) => [r.stage, r.label.zh, r.count]),
  },
});

export const appealsTables = (v: AppealsView): Record<string, Table> => ({
  byCategory: {
    columns: [
      '类别 category',
      '名称',
      '新增 opened',
      '解决 resolved',
      '不予解决 rejected',
      '逾期办结 closedLate',
      '期末未办结 openAtEnd',
      '期末逾期 overdueAtEnd',
      '办结自然日中位数 resolveCalendarMedian',
      '办结工作日中位数 resolveWorkingMedian',
    ],
    rows: [
      ...v.byCategory.map((r) => [
        r.category,
        r.label.zh,
        r.opened,
        r.resolved,
        r.rejected,
        r.closedLate,
        r.openAtEnd,
        r.overdueAtEnd,
        r.resolveCalendarDays.median,
        r.resolveWorkingDays.median,
      ]),
      [
        'total',
        '合计',
        v.total.opened,
        v.total.resolved,
        v.total.rejected,
        v.total.closedLate,
        v.total.openAtEnd,
        v.total.overdueAtEnd,
        v.total.resolveCalendarDays.median,
        v.total.resolveWorkingDays.median,
      ],
    ],
  },
});

export const qualityTables = (v: QualityView): Record<string, Table> => ({
  byTier: {
    columns: ['入库评级 tier', '线索数 leads', '已认领 claimed', '已签约 signed', '签约率 signedRate'],
    rows: v.byTier.map((r) => [r.tier, r.leads, r.claimed, r.signed, r.signedRate]),
  },
  byDirection: {
    columns: ['承接方向 direction', '线索数 leads', '已认领 claimed', '已签约 signed'],
    rows: v.byDirection.map((r) => [r.direction, r.leads, r.claimed, r.signed]),
  },
});
