import type { FiguresInput, MonthlyFigures, ReportedFigures } from '@parkmatch/contracts';
import type { FieldError } from '@parkmatch/service-kit';

// A key firm's figures for one month (重点培育台账), and the rules on reporting them: one entry
// per lead and month; the same figures again change nothing, other figures correct the entry
// and keep what it said before.

export interface FiguresDoc extends ReportedFigures {
  /** `${leadId}:${month}`: one entry per lead and month. */
  _id: string;
  leadId: string;
  /** The park that owns the lead and keeps its ledger. */
  parkId: string;
  month: string;
  /** Earlier figures of the month, oldest first. */
  history: ReportedFigures[];
  /** Adds one on every correction: a correction made on an older one lost a race. */
  revision: number;
}

export const figuresId = (leadId: string, month: string): string => `${leadId}:${month}`;

const FIELDS = [
  'mainBusiness',
  'productionScale',
  'revenueCny',
  'taxCny',
  'employees',
  'certificatesObtained',
] as const satisfies readonly (keyof FiguresInput)[];

/** The figures fields that differ between two reports of a month. */
export function changedFields(before: FiguresInput, after: FiguresInput): (keyof FiguresInput)[] {
  return FIELDS.filter((field) => before[field] !== after[field]);
}

export type Report =
  | { kind: 'first' }
  | { kind: 'same' }
  | { kind: 'correction'; changed: (keyof FiguresInput)[] };

/** What reporting `input` for a month does, given what the month holds (null: nothing yet). */
export function classifyReport(existing: FiguresInput | null, input: FiguresInput): Report {
  if (!existing) return { kind: 'first' };
  const changed = changedFields(existing, input);
  return changed.length === 0 ? { kind: 'same' } : { kind: 'correction', changed };
}

/** The figures alone, as reported (what a correction keeps in the history). */
export function reported(doc: ReportedFigures): ReportedFigures {
  const { mainBusiness, productionScale, revenueCny, taxCny, employees, certificatesObtained } = doc;
  const { reportedBy, reportedAt } = doc;
  return {
    mainBusiness,
    productionScale,
    revenueCny,
    taxCny,
    employees,
    certificatesObtained,
    reportedBy,
    reportedAt,
  };
}

/**
 * The earliest month figures are taken for. Not the month the lead was received: a key firm
 * is an operating firm, and the office may record its figures from before it came to the
 * park (history from its own ledgers). But a month before this one is a typo, not history.
 */
export const FIGURES_FLOOR = '2000-01';

/** What is wrong with figures for `month` reported in `thisMonth` (Asia/Shanghai); empty when nothing. */
export function monthProblems(month: string, thisMonth: string): FieldError[] {
  if (month > thisMonth)
    return [
      {
        path: 'month',
        message: `不能晚于本月（${thisMonth}）`,
        messageEn: `must not be in the future (this month is ${thisMonth}, Asia/Shanghai)`,
        code: 'future',
      },
    ];
  if (month < FIGURES_FLOOR)
    return [
      {
        path: 'month',
        message:
          `不能早于 ${FIGURES_FLOOR}：线索接收之前的月份可以补录（企业此前的经营数据），` +
          `但重点培育台账不收 ${FIGURES_FLOOR.slice(0, 4)} 年以前的数据`,
        messageEn:
          `must not be before ${FIGURES_FLOOR}: months before the lead was received may be recorded ` +
          `(the firm's earlier operating history), but the key-firm ledger takes nothing before ${FIGURES_FLOOR.slice(0, 4)}`,
        code: 'too_early',
      },
    ];
  return [];
}

export function figuresView({ _id, revision: _revision, ...figures }: FiguresDoc): MonthlyFigures {
  return figures;
}
