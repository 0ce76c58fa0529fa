import { z } from 'zod';
import { creditCodeProblem } from './credit-code.ts';
import { showsNothing } from './text.ts';

// A firm's relocation profile (项目/企业信息), DOMAIN.md §4. Money is in CNY (元),
// areas in m². Codes are stable English; labels live in the UI. A message a check words
// itself is written `中文 / English`; service-kit answers it as a field error in both languages.

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

/**
 * A line of text: trimmed, in Unicode NFC (so the same name typed two ways is stored one
 * way), with at least one visible character (a name of zero-width characters is refused).
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value.normalize('NFC'))
    .refine((value) => !showsNothing(value), {
      message: '不能为空或只含不可见字符 / must not be empty or invisible',
    });
const money = z.number().nonnegative().max(1e13);

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `统一社会信用代码无效：${problem.zh} / invalid unified social credit code: ${problem.en}`,
      });
  });

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
    .array(
      z
        .string()
        .regex(
          /^[a-z]+(\.[a-z0-9-]+)+$/,
          '分类代码格式不正确，如 ivd.immuno / a taxonomy code such as ivd.immuno',
        ),
    )
    .max(20)
    .default([]),
});

/**
 * A Chinese phone number: a mobile (11 digits, 1[3-9]…) or a landline with its area code
 * (010, 02x, 0xxx, then 7 or 8 digits), optionally after +86 (the trunk 0 then optional); a
 * landline may end with an extension after 转, ext, # or a dash. Spaces, dashes, dots and
 * brackets between digits are ignored.
 */
export function isChinesePhone(phone: string): boolean {
  const extension = /^(.*?)\s*(?:转|分机|ext\.?|#|-)\s*\d{1,6}$/i.exec(phone.trim());
  return isPhoneNumber(phone, true) || (extension?.[1] !== undefined && isPhoneNumber(extension[1], false));
}

function isPhoneNumber(text: string, mobile: boolean): boolean {
  const digits = text.replace(/[\s().-]/g, '');
  const international = /^(\+|00)86/.test(digits);
  const national = digits.replace(/^(\+|00)86/, '');
  if (mobile && /^1[3-9]\d{9}$/.test(national)) return true;
  return new RegExp(`^${international ? '0?' : '0'}(10|2\\d|[3-9]\\d{2})[2-9]\\d{6,7}$`).test(national);
}

export const Phone = z
  .string()
  .trim()
  .max(40, { abort: true })
  .refine(
    isChinesePhone,
    '电话号码格式不正确：手机号为 1 开头的 11 位数字，座机需带区号，如 010-62345678 / ' +
      'invalid phone number: a mobile number has 11 digits starting with 1, a landline its area code, e.g. 010-62345678',
  );

export const Contact = z
  .strictObject({
    name: text(50),
    phone: Phone.optional(),
    email: z.email().max(200).optional(),
    title: text(50).optional(),
  })
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, {
    message: '请至少留一种联系方式：电话或邮箱 / give a phone number or an email address',
    path: ['phone'],
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
