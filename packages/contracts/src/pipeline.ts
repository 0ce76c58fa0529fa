import { z } from 'zod';
import { CreditCode } from './profile.ts';

// The closed loop (DOMAIN.md §5): 线索 → 接洽 → 考察 → 在谈 → 签约 → 注册 → 开工 → 投产,
// with side exits 搁置 (on hold), 流失 (lost) and 撤回 (withdrawn by the firm).
export const PIPELINE_STAGES = [
  'lead',
  'contacted',
  'site-visit',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export const SIDE_EXITS = ['on-hold', 'lost', 'withdrawn'] as const;
export const Stage = z.enum([...PIPELINE_STAGES, ...SIDE_EXITS]);
export type Stage = z.infer<typeof Stage>;

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'Lead' },
  contacted: { zh: '初步接洽', en: 'Contacted' },
  'site-visit': { zh: '实地考察', en: 'Site visit' },
  negotiating: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册落地', en: 'Registered' },
  construction: { zh: '开工建设', en: 'Construction' },
  operating: { zh: '投产', en: 'Operating' },
  'on-hold': { zh: '搁置', en: 'On hold' },
  lost: { zh: '流失', en: 'Lost' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Why a lead was lost (流失原因); `other` needs the free text. */
export const LOST_REASONS = ['other-region', 'policy', 'land', 'funds', 'cancelled', 'other'] as const;
export const LOST_REASON_LABELS: Record<(typeof LOST_REASONS)[number], { zh: string; en: string }> = {
  'other-region': { zh: '选择其他地区', en: 'Chose another region' },
  policy: { zh: '政策原因', en: 'Policy' },
  land: { zh: '土地原因', en: 'Land' },
  funds: { zh: '资金原因', en: 'Funds' },
  cancelled: { zh: '项目取消', en: 'Project cancelled' },
  other: { zh: '其他', en: 'Other' },
};

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai). */
export const CalendarDate = z.iso.date();
const money = z.number().nonnegative().max(1e13);
const text = (max: number) => z.string().trim().min(1).max(max);

/** The facts recorded when a lead enters a stage; a stage not listed records none. */
export const StageFacts = {
  signed: z.strictObject({
    /** 协议投资额 */
    agreedInvestmentCny: money.positive(),
    signedOn: CalendarDate,
  }),
  registered: z.strictObject({
    entityName: text(100),
    creditCode: CreditCode,
    registeredCapitalCny: money.positive(),
    registeredOn: CalendarDate,
  }),
  construction: z.strictObject({
    startedOn: CalendarDate,
    expectedAnnualOutputCny: money.optional(),
  }),
  operating: z.strictObject({
    startedOn: CalendarDate,
    expectedAnnualOutputCny: money,
  }),
  'on-hold': z.strictObject({ resumeOn: CalendarDate }),
  lost: z.strictObject({ reason: z.enum(LOST_REASONS), detail: text(500).optional() }),
} as const;
export type StageWithFacts = keyof typeof StageFacts;
export type StageFactsOf<S extends StageWithFacts> = z.output<(typeof StageFacts)[S]>;
/** Any stage's facts, as stored and announced. */
export const AnyStageFacts = z.record(z.string(), z.unknown());

/** Kinds of problem a firm raises (诉求). */
export const APPEAL_CATEGORIES = [
  'registration',
  'market',
  'talent',
  'land',
  'financing',
  'policy',
  'other',
] as const;
export const APPEAL_CATEGORY_LABELS: Record<(typeof APPEAL_CATEGORIES)[number], { zh: string; en: string }> =
  {
    registration: { zh: '注册审批', en: 'Registration approval' },
    market: { zh: '市场开拓', en: 'Market access' },
    talent: { zh: '人才', en: 'Talent' },
    land: { zh: '土地', en: 'Land' },
    financing: { zh: '融资', en: 'Financing' },
    policy: { zh: '政策', en: 'Policy' },
    other: { zh: '其他', en: 'Other' },
  };
export const APPEAL_STATUSES = ['open', 'in-progress', 'resolved', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, { zh: string; en: string }> = {
  open: { zh: '待办理', en: 'Open' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已解决', en: 'Resolved' },
  rejected: { zh: '不予解决', en: 'Rejected' },
};
