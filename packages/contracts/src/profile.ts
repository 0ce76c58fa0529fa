import { z } from 'zod';
import { isValidCreditCode } from './credit-code.ts';

// A firm's relocation profile (项目/企业信息), DOMAIN.md §4. Money is in CNY (元),
// areas in m². Codes are stable English; labels live in the UI.

export const QUALIFICATIONS = [
  'high-tech', // 高新技术企业
  'specialised-sme', // 专精特新
  'little-giant', // 专精特新"小巨人"
  'listed-main-board', // 主板上市
  'listed-star-market', // 科创板上市
  'gmp-certified', // GMP / 医疗器械生产许可
] as const;

export const PROJECT_TYPES = ['production', 'rnd-center', 'headquarters', 'platform', 'service'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const CHAIN_POSITIONS = ['upstream', 'midstream', 'downstream', 'service'] as const;
export const GROWTH_STAGES = ['seed', 'startup', 'growth', 'expansion', 'mature'] as const;
export const NEEDS = [
  'registration', // 注册审批
  'clinical-samples', // 临床样本
  'talent', // 人才
  'financing', // 融资
  'procurement-access', // 集采 / 采购准入
  'bonded-logistics', // 保税物流
  'land', // 土地
  'standard-factory', // 标准厂房
  'rnd-services', // 研发/检测服务
  'gmp-facility', // GMP 车间 / 洁净厂房
] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const money = z.number().nonnegative().max(1e13);

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, '统一社会信用代码无效 / invalid unified social credit code (GB 32100-2015)');

export const Firm = z.strictObject({
  name: text(100),
  creditCode: CreditCode,
  province: text(20),
  city: text(40),
  foundedYear: z.number().int().min(1900).max(2100).optional(),
  employees: z.number().int().nonnegative().max(1_000_000).optional(),
  revenueCny: money.optional(),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
  registrationCertificates: z.number().int().nonnegative().max(100_000).default(0),
  filingCertificates: z.number().int().nonnegative().max(100_000).default(0),
  patents: z.number().int().nonnegative().max(1_000_000).default(0),
});

export const Project = z.strictObject({
  title: text(200),
  type: z.enum(PROJECT_TYPES),
  description: text(5000),
  products: z.array(text(200)).max(50).default([]),
  technologies: z.array(text(200)).max(50).default([]),
  chainPosition: z.enum(CHAIN_POSITIONS).optional(),
  growthStage: z.enum(GROWTH_STAGES).optional(),
  plannedInvestmentCny: money.optional(),
  expectedAnnualOutputCny: money.optional(),
  floorAreaM2: z.number().nonnegative().max(10_000_000).optional(),
  /** Months from now until the firm wants to start operating at the new site. */
  timelineMonths: z.number().int().min(0).max(120).optional(),
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length).default([]),
  /** Taxonomy codes the firm picked itself; they count but never override the text. */
  declaredCodes: z
    .array(z.string().regex(/^[a-z]+(\.[a-z0-9-]+)+$/))
    .max(20)
    .default([]),
});

export const Contact = z.strictObject({
  name: text(50),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{5,19}$/, '电话号码格式不正确 / invalid phone number'),
  email: z.email().max(200).optional(),
  title: text(50).optional(),
});

export const ProfileInput = z.strictObject({
  firm: Firm,
  project: Project,
  contact: Contact,
  consent: z.strictObject({
    dataUse: z.literal(true, { error: '需要同意数据使用 / consent to data use is required' }),
  }),
});
export type ProfileInput = z.input<typeof ProfileInput>;
export type Profile = z.output<typeof ProfileInput>;

/** What other services see of a profile: everything but the contact person. */
export const PublicProfile = ProfileInput.omit({ contact: true, consent: true });
export type PublicProfile = z.output<typeof PublicProfile>;
