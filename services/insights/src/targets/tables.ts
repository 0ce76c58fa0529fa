import type { TargetView } from '@parkmatch/contracts';
import { type Cell, col, kinded, type Table } from '../tables/table.ts';

// The targets as tables, for `format=csv|xlsx`: progress (one row per target and measure) and
// the history of changes (one row per setting and measure). A column holds the figures of every
// measure, so its header cannot name one unit: each row's measure name does (元, 家, 件), and
// the amounts of CNY are shown as money (whole 元 with thousands separators in a workbook).

const MEASURE_ZH: Record<string, string> = {
  firms: '企业数(家)',
  revenueCny: '营收(元)',
  certificates: '注册证(件)',
  signedInvestmentCny: '协议投资额(元)',
};

/** A figure of a measure: an amount of CNY shown as money, a count as a number. */
const figure = (measure: string, value: number | undefined): Cell =>
  value === undefined ? undefined : measure.endsWith('Cny') ? kinded(value, 'money') : value;

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
      col('预计目标年末', 'projected', 'number'),
      col('可按期完成', 'onPace'),
      col('统计起', 'windowFrom', 'date'),
      col('统计至', 'asOf', 'datetime'),
    ],
    rows: items.flatMap((t) =>
      t.progress.map((p) => [
        ...scopeCells(t),
        p.measure,
        MEASURE_ZH[p.measure] ?? p.measure,
        figure(p.measure, p.target),
        figure(p.measure, p.baseline),
        figure(p.measure, p.actual),
        p.share,
        figure(p.measure, p.pacePerMonth),
        figure(p.measure, p.neededPerMonth),
        figure(p.measure, p.projected),
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
          figure(measure, value),
          h.note,
        ]),
      ),
    ),
  },
});
