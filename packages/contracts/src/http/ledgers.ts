import { z } from 'zod';
import { APPEAL_CATEGORIES, APPEAL_STATUSES, CalendarDate, Stage } from '../pipeline.ts';
import { importedAt } from './pipeline.ts';
import { Problem } from './problem.ts';

// The two ledgers of an owned lead (DOMAIN.md §5, 两本台账), as the leads service takes and
// shows them: the 一企一策 ledger (liaison, expectations, visits, appeals) and the 重点培育
// ledger (monthly figures of key firms). Rules that need the clock (a date in the future, a
// month not over yet) are checked by the service; these schemas check the shape.

/** An amount in CNY: never negative. */
const Cny = z.number().nonnegative().max(1e13);
const Count = z.number().int().nonnegative().max(1e7);
const text = (max: number) => z.string().trim().min(1).max(max);
const Who = { by: z.string(), at: z.iso.datetime() };

/** A calendar month, `YYYY-MM` (Asia/Shanghai). */
export const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month must be YYYY-MM');

// ── 一企一策: what is kept on the lead ─────────────────────────────────────────

export const LiaisonInput = z
  .strictObject({
    /** An analyst's or manager's account of the park that owns the lead. */
    username: z.string().trim().min(1).max(100),
    pipelineRevision: z.number().int().positive().meta({
      description: 'The lead’s pipelineRevision the change is made on: an older one is refused (409)',
    }),
    at: importedAt('the liaison was named'),
  })
  .meta({ id: 'LiaisonInput' });
export type LiaisonInput = z.infer<typeof LiaisonInput>;

/** Replaces the expectations: a field left out is cleared. */
export const ExpectationsInput = z
  .strictObject({
    /** 预计年产值 */
    expectedAnnualOutputCny: Cny.optional(),
    /** 预计年销售额 */
    expectedAnnualSalesCny: Cny.optional(),
  })
  .meta({ id: 'ExpectationsInput' });
export type ExpectationsInput = z.infer<typeof ExpectationsInput>;

export const KeyFirmInput = z
  .strictObject({
    onLedger: z.boolean().meta({
      description: '`true` puts the firm on the 重点培育 ledger, `false` takes it off (also a firm at 投产)',
    }),
  })
  .meta({ id: 'KeyFirmInput' });
export type KeyFirmInput = z.infer<typeof KeyFirmInput>;

/** The 一企一策 ledger's head: who keeps the lead, its liaison, what output and sales it expects. */
export const LeadLedger = z
  .object({
    leadId: z.string(),
    firmName: z.string(),
    stage: Stage,
    pipelineRevision: z.number().int(),
    owner: z.object({ parkId: z.string(), by: z.string(), since: z.iso.datetime() }),
    liaison: z.object({ username: z.string(), by: z.string(), since: z.iso.datetime() }).optional(),
    expectations: z
      .object({
        expectedAnnualOutputCny: Cny.optional(),
        expectedAnnualSalesCny: Cny.optional(),
        ...Who,
      })
      .optional(),
    keyFirm: z.object({
      onLedger: z
        .boolean()
        .meta({ description: 'On the 重点培育 ledger: marked so, or at 投产 and not taken off' }),
      mark: z.object({ onLedger: z.boolean(), ...Who }).optional(),
    }),
  })
  .meta({ id: 'LeadLedger' });
export type LeadLedger = z.infer<typeof LeadLedger>;

// ── 一企一策: visits and talks ─────────────────────────────────────────────────

export const VisitInput = z
  .strictObject({
    /** When it took place; not in the future. */
    date: CalendarDate,
    /** Who took part (names), 1 to 20. */
    participants: z.array(text(50)).min(1).max(20),
    /** What was said. */
    summary: text(5000),
    nextStep: text(1000).optional(),
    /** Due date of the next step; not before `date`. */
    nextStepDueOn: CalendarDate.optional(),
  })
  .meta({ id: 'VisitInput' });
export type VisitInput = z.infer<typeof VisitInput>;

export const Visit = VisitInput.extend({
  id: z.string(),
  leadId: z.string(),
  parkId: z.string(),
  by: z.string(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'Visit' });
export type Visit = z.infer<typeof Visit>;

export const VisitList = z.object({ items: z.array(Visit) }).meta({ id: 'VisitList' });
export type VisitList = z.infer<typeof VisitList>;

// ── 一企一策: problems and appeals (诉求) ──────────────────────────────────────

const AppealCategory = z.enum(APPEAL_CATEGORIES);
const AppealStatus = z.enum(APPEAL_STATUSES);

export const AppealInput = z
  .strictObject({
    category: AppealCategory,
    title: text(200),
    description: text(5000),
    /** The department responsible (责任部门). */
    department: text(100),
    /** Not before the day it is opened: today, or the day of `openedAt`. */
    dueOn: CalendarDate,
    openedAt: importedAt(
      'the appeal was opened (`dueOn` then need only not be before that day)',
      'the lead’s creation or the time its park took it over',
    ),
  })
  .meta({ id: 'AppealInput' });
export type AppealInput = z.infer<typeof AppealInput>;

export const AppealChange = z
  .strictObject({
    status: AppealStatus,
    /** How it was solved: required to resolve, only then. */
    resolution: text(2000).optional(),
    /** Why it was rejected: required to reject, only then. */
    rejectionReason: text(2000).optional(),
    note: text(1000).optional(),
    revision: z
      .number()
      .int()
      .positive()
      .meta({ description: 'The appeal’s revision the change is made on: an older one is refused (409)' }),
    closedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({
        description:
          'Admins only, to import history, with `resolved` or `rejected`: when the appeal was closed (ISO ' +
          'datetime), not in the future and not before its opening or its latest change. Others get 400. Default: now',
      }),
  })
  .meta({ id: 'AppealChange' });
export type AppealChange = z.infer<typeof AppealChange>;

export const AppealStatusChange = z
  .object({ from: AppealStatus.optional(), to: AppealStatus, note: z.string().optional(), ...Who })
  .meta({ id: 'AppealStatusChange' });
export type AppealStatusChange = z.infer<typeof AppealStatusChange>;

export const Appeal = AppealInput.extend({
  id: z.string(),
  leadId: z.string(),
  parkId: z.string(),
  status: AppealStatus,
  resolution: z.string().optional(),
  rejectionReason: z.string().optional(),
  /** Not closed and due before today (Asia/Shanghai). */
  overdue: z.boolean(),
  revision: z.number().int(),
  history: z.array(AppealStatusChange),
  openedBy: z.string(),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof Appeal>;

export const AppealPage = z
  .object({
    items: z.array(Appeal),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null at the end' }),
  })
  .meta({ id: 'AppealPage' });
export type AppealPage = z.infer<typeof AppealPage>;

// ── 重点培育: monthly figures ──────────────────────────────────────────────────

export const FiguresInput = z
  .strictObject({
    /** 主营业务 */
    mainBusiness: text(500),
    /** 生产规模 */
    productionScale: text(500),
    /** 营业收入 (the month's) */
    revenueCny: Cny,
    /** 税收 (the month's) */
    taxCny: Cny,
    employees: Count,
    /** Registration certificates obtained that month. */
    certificatesObtained: Count,
  })
  .meta({ id: 'FiguresInput' });
export type FiguresInput = z.infer<typeof FiguresInput>;

/** Figures as reported once, before a correction replaced them. */
export const ReportedFigures = FiguresInput.extend({
  reportedBy: z.string(),
  reportedAt: z.iso.datetime(),
}).meta({
  id: 'ReportedFigures',
});
export type ReportedFigures = z.infer<typeof ReportedFigures>;

export const MonthlyFigures = ReportedFigures.extend({
  leadId: z.string(),
  parkId: z.string(),
  month: YearMonth,
  /** Earlier figures of the month, oldest first. */
  history: z.array(ReportedFigures),
}).meta({ id: 'MonthlyFigures' });
export type MonthlyFigures = z.infer<typeof MonthlyFigures>;

export const FiguresList = z.object({ items: z.array(MonthlyFigures) }).meta({ id: 'FiguresList' });
export type FiguresList = z.infer<typeof FiguresList>;

export const KeyFirmEntry = z
  .object({
    leadId: z.string(),
    firmName: z.string(),
    parkId: z.string(),
    stage: Stage,
    liaison: z.string().optional(),
    /** Why it is on the ledger: at 投产, or marked. */
    onLedgerBecause: z.enum(['operating', 'marked']),
    status: z.enum(['reported', 'not-reported']),
    figures: MonthlyFigures.nullable(),
  })
  .meta({ id: 'KeyFirmEntry' });
export type KeyFirmEntry = z.infer<typeof KeyFirmEntry>;

export const KeyFirmLedger = z
  .object({ month: YearMonth, items: z.array(KeyFirmEntry) })
  .meta({ id: 'KeyFirmLedger' });
export type KeyFirmLedger = z.infer<typeof KeyFirmLedger>;

/** A conflict in a ledger: what stands now, and what may be done instead. */
export const LedgerProblem = Problem.extend({
  legal: z
    .array(AppealStatus)
    .optional()
    .meta({ description: 'An illegal appeal change: the statuses it may take' }),
  appealStatus: AppealStatus.optional().meta({
    description: 'A stale appeal change: the appeal’s current status',
  }),
  revision: z
    .number()
    .int()
    .optional()
    .meta({ description: 'A stale appeal change: the appeal’s current revision' }),
  pipelineRevision: z
    .number()
    .int()
    .optional()
    .meta({ description: 'A stale liaison change: the lead’s current pipeline revision' }),
}).meta({ id: 'LedgerProblem' });
