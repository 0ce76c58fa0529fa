import type {
  ActivityView,
  AppealsView,
  ConversionView,
  FunnelView,
  InvestmentView,
  LostView,
  QualityView,
  TimeInStageView,
} from '@parkmatch/contracts';
import { col, type Table } from '../tables/table.ts';

// Each view's tables, for `format=csv|xlsx` (the first is CSV's default; `table=` picks one).
// Headers are Chinese with the field name as a stable code, so a sheet reads well and maps
// back to the JSON.

const STAGE = [col('阶段', 'stage'), col('阶段名称', 'label')];

export const funnelTables = (v: FunnelView): Record<string, Table> => ({
  stages: {
    title: '漏斗',
    columns: [...STAGE, col('期间进入', 'entered', 'integer'), col('期末在该阶段', 'atEnd', 'integer')],
    rows: v.stages.map((r) => [r.stage, r.label.zh, r.entered, r.atEnd]),
  },
});

export const conversionTables = (v: ConversionView): Record<string, Table> => {
  const table = (title: string, steps: ConversionView['steps']): Table => ({
    title,
    columns: [
      col('从', 'from'),
      col('到', 'to'),
      col('期间进入', 'cohort', 'integer'),
      col('到达', 'reached', 'integer'),
      col('转化率', 'rate', 'rate'),
    ],
    rows: steps.map((s) => [s.from, s.to, s.cohort, s.reached, s.rate]),
  });
  return { steps: table('阶段转化', v.steps), overall: table('总体转化', v.overall) };
};

export const timeInStageTables = (v: TimeInStageView): Record<string, Table> => ({
  stages: {
    title: '停留时长',
    columns: [
      ...STAGE,
      col('期间离开', 'left', 'integer'),
      col('自然日中位数', 'calendarMedian', 'number'),
      col('自然日P90', 'calendarP90', 'number'),
      col('工作日中位数', 'workingMedian', 'number'),
      col('工作日P90', 'workingP90', 'number'),
      col('期末在该阶段', 'current', 'integer'),
      col('滞留', 'stuck', 'integer'),
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
    title: '滞留线索',
    columns: [
      col('线索', 'leadId'),
      col('园区', 'parkId'),
      col('阶段', 'stage'),
      col('进入时间', 'enteredAt', 'datetime'),
      col('自然日', 'calendarDays', 'integer'),
      col('工作日', 'workingDays', 'integer'),
    ],
    rows: v.stuck.map((s) => [s.leadId, s.parkId, s.stage, s.enteredAt, s.calendarDays, s.workingDays]),
  },
});

export const investmentTables = (v: InvestmentView): Record<string, Table> => ({
  byMonth: {
    title: '投资按月',
    columns: [
      col('月份', 'month'),
      col('签约', 'signedLeads', 'integer'),
      col('协议投资额', 'agreedInvestmentCny', 'money'),
      col('投产', 'operatingLeads', 'integer'),
      col('预计年产值', 'expectedAnnualOutputCny', 'money'),
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
    title: '投资按阶段',
    columns: [
      ...STAGE,
      col('线索数', 'leads', 'integer'),
      col('协议投资额', 'agreedInvestmentCny', 'money'),
      col('预计年产值', 'expectedAnnualOutputCny', 'money'),
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
    title: '流失原因',
    columns: [col('原因', 'reason'), col('原因名称', 'label'), col('数量', 'count', 'integer')],
    rows: v.byReason.map((r) => [r.reason, r.label.zh, r.count]),
  },
  byStage: {
    title: '流失前阶段',
    columns: [col('流失前阶段', 'stage'), col('阶段名称', 'label'), col('数量', 'count', 'integer')],
    rows: v.byStage.map((r) => [r.stage, r.label.zh, r.count]),
  },
});

export const appealsTables = (v: AppealsView): Record<string, Table> => ({
  byCategory: {
    title: '诉求',
    columns: [
      col('类别', 'category'),
      col('类别名称', 'label'),
      col('新增', 'opened', 'integer'),
      col('解决', 'resolved', 'integer'),
      col('不予解决', 'rejected', 'integer'),
      col('逾期办结', 'closedLate', 'integer'),
      col('期末未办结', 'openAtEnd', 'integer'),
      col('期末逾期', 'overdueAtEnd', 'integer'),
      col('办结自然日中位数', 'resolveCalendarMedian', 'number'),
      col('办结工作日中位数', 'resolveWorkingMedian', 'number'),
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
    title: '评级与签约',
    columns: [
      col('入库评级', 'tier'),
      col('线索数', 'leads', 'integer'),
      col('已认领', 'claimed', 'integer'),
      col('已签约', 'signed', 'integer'),
      col('签约率', 'signedRate', 'rate'),
    ],
    rows: v.byTier.map((r) => [r.tier, r.leads, r.claimed, r.signed, r.signedRate]),
  },
  byDirection: {
    title: '承接方向',
    columns: [
      col('承接方向', 'direction'),
      col('线索数', 'leads', 'integer'),
      col('已认领', 'claimed', 'integer'),
      col('已签约', 'signed', 'integer'),
    ],
    rows: v.byDirection.map((r) => [r.direction, r.leads, r.claimed, r.signed]),
  },
  sla: {
    title: '认领时效',
    columns: [
      col('时限工作日', 'slaWorkingDays', 'integer'),
      col('A/B级线索', 'eligible', 'integer'),
      col('时限内认领', 'withinSla', 'integer'),
      col('超时认领', 'later', 'integer'),
      col('他园区认领', 'byOtherPark', 'integer'),
      col('未认领', 'unclaimed', 'integer'),
      col('时限内占比', 'share', 'rate'),
    ],
    rows: [
      [
        v.slaWorkingDays,
        v.sla.eligible,
        v.sla.withinSla,
        v.sla.later,
        v.sla.byOtherPark,
        v.sla.unclaimed,
        v.sla.share,
      ],
    ],
  },
});

const ACTIVITY = [
  col('走访次数', 'visits', 'integer'),
  col('走访企业数', 'leadsVisited', 'integer'),
  col('新派联络员', 'liaisonsAssigned', 'integer'),
];
const activityCells = (r: Pick<ActivityView, 'visits' | 'leadsVisited' | 'liaisonsAssigned'>) => [
  r.visits,
  r.leadsVisited,
  r.liaisonsAssigned,
];

export const activityTables = (v: ActivityView): Record<string, Table> => ({
  byMonth: {
    title: '走访按月',
    columns: [col('月份', 'month'), ...ACTIVITY],
    rows: v.byMonth.map((r) => [r.month, ...activityCells(r)]),
  },
  byPark: {
    title: '走访按园区',
    columns: [col('园区', 'parkId'), col('园区名称', 'name'), ...ACTIVITY],
    rows: v.byPark.map((r) => [r.parkId, r.name.zh, ...activityCells(r)]),
  },
  byLiaison: {
    title: '联络员',
    columns: [
      col('联络员', 'liaison'),
      col('园区', 'parkId'),
      col('负责线索', 'leads', 'integer'),
      col('期间走访', 'visits', 'integer'),
    ],
    rows: v.byLiaison.map((r) => [r.liaison, r.parkId, r.leads, r.visits]),
  },
  coverage: {
    title: '联络员覆盖',
    columns: [
      col('在办线索', 'worked', 'integer'),
      col('已派联络员', 'withLiaison', 'integer'),
      col('期间走访过', 'visitedInPeriod', 'integer'),
      col('联络员覆盖率', 'liaisonShare', 'rate'),
    ],
    rows: [[v.coverage.worked, v.coverage.withLiaison, v.coverage.visitedInPeriod, v.coverage.liaisonShare]],
  },
});
