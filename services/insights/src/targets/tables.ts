import type { TargetView } from '@parkmatch/contracts';
import { col, type Table } from '../tables/table.ts';

// The targets as tables, for `format=csv|xlsx`: progress (one row per target and measure) and
// the history of changes (one row per setting and measure).

const MEASURE_ZH: Record<string, string> = {
  firms: '企业数',
  revenueCny: '营收（元）',
  certificates: '注册证',
  signedInvestmentCny: '协议投资额（元）',
};

const SCOPE = [col('范围', 'scope'), col('范围名称', 'scopeName'), col('年份', 'year', 'integer')];
const scopeCells = (t: TargetView) => [t.scope.parkId ?? 'city', t.scope.name.zh, t.year];

export const targetTables = (items: readonly TargetView[]): Record<string, Table> => ({
  progress: {
    title: '目标进度',
    columns: [
      ...SCOPE,
      col('指标', 'measure'),
      col('指标名称', 'measureName'),
      col('目标', 'target', 'number'),
      col('基准', 'baseline', 'number'),
      col('实际', 'actual', 'number'),
      col('完成率', 'share', 'rate'),
      col('月均进度', 'pacePerMonth', 'number'),
      col('尚需月均', 'neededPerMonth', 'number'),
      col('预计年末', 'projected', 'number'),
      col('可按期完成', 'onPace'),
      col('统计起', 'windowFrom', 'date'),
      col('统计至', 'asOf', 'datetime'),
    ],
    rows: items.flatMap((t) =>
      t.progress.map((p) => [
        ...scopeCells(t),
        p.measure,
        MEASURE_ZH[p.measure] ?? p.measure,
        p.target,
        p.baseline,
        p.actual,
        p.share,
        p.pacePerMonth,
        p.neededPerMonth,
        p.projected,
        p.onPace,
        t.window.from,
        t.window.asOf,
      ]),
    ),
  },
  history: {
    title: '目标调整记录',
    columns: [
      ...SCOPE,
      col('调整时间', 'at', 'datetime'),
      col('调整人', 'by'),
      col('指标', 'measure'),
      col('指标名称', 'measureName'),
      col('目标', 'target', 'number'),
      col('说明', 'note'),
    ],
    rows: items.flatMap((t) =>
      t.history.flatMap((h) =>
        Object.entries(h.targets).map(([measure, value]) => [
          ...scopeCells(t),
          h.at,
          h.by,
          measure,
          MEASURE_ZH[measure] ?? measure,
          value,
          h.note,
        ]),
      ),
    ),
  },
});
