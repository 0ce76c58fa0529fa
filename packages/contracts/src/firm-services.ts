import { z } from 'zod';
import { CalendarDate } from './pipeline.ts';
import { GROWTH_STAGES, NEEDS, QUALIFICATIONS } from './profile.ts';

// Services for firms once they are in a park's pipeline (issue 14): financing needs matched to
// banks' credit products (渝企金服, seed 004) and the shared R&D service platform with service
// vouchers (研发共享服务平台, seed 001). What the firm-services service takes and shows, and what
// its events carry. Money in CNY (元), rates in percent a year, terms in months.

const text = (max: number) => z.string().trim().min(1).max(max);
const Cny = z.number().nonnegative().max(1e11);
const Who = { by: z.string(), at: z.iso.datetime() };
const Bilingual = z.strictObject({ zh: text(200), en: text(200).optional() });
const Username = z.string().trim().min(1).max(100);
/** Ids of organisations, products and services: readable slugs. */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,63}$/,
    '2–64 位小写字母、数字或连字符 / 2–64 lower-case letters, digits or "-"',
  );

// ── organisations: banks and service operators ─────────────────────────────────

export const ORG_KINDS = ['bank', 'operator'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** A bank (its officers answer pushed needs) or a service operator (its staff handle orders). */
export const OrgInput = z
  .strictObject({
    kind: z.enum(ORG_KINDS),
    name: Bilingual,
    /** Accounts (role bank-officer for a bank, service-operator for an operator) acting for it. */
    members: z.array(Username).max(50).default([]),
  })
  .meta({ id: 'OrgInput' });
export type OrgInput = z.input<typeof OrgInput>;
export const Org = z
  .object({ id: z.string(), kind: z.enum(ORG_KINDS), name: Bilingual, members: z.array(z.string()) })
  .meta({ id: 'Org' });
export type Org = z.infer<typeof Org>;
export const OrgList = z.object({ items: z.array(Org) }).meta({ id: 'OrgList' });

// ── firm facts (from the leads service's events) ──────────────────────────────

/** Sector codes: the first segment of the matching taxonomy's codes (ivd.immuno → ivd). */
export const SECTORS = [
  'ivd',
  'device',
  'bio',
  'chem',
  'tcm',
  'digital',
  'nuclear',
  'biomfg',
  'ext',
  'platform',
  'service',
] as const;
export type Sector = (typeof SECTORS)[number];

/** What firm-services knows of a firm (a lead), folded from the leads service's events. */
export const FirmFacts = z
  .object({
    leadId: z.string(),
    name: z.string(),
    parkId: z.string().optional().meta({ description: 'The park that owns the lead (claimed it)' }),
    liaison: z.string().optional(),
    qualifications: z.array(z.enum(QUALIFICATIONS)),
    revenueCny: z.number().optional(),
    foundedYear: z.number().int().optional(),
    growthStage: z.enum(GROWTH_STAGES).optional(),
    sectors: z.array(z.enum(SECTORS)),
    needs: z.array(z.enum(NEEDS)),
    withdrawn: z.boolean(),
  })
  .meta({ id: 'FirmFacts' });
export type FirmFacts = z.infer<typeof FirmFacts>;

// ── finance: credit products, needs, pushes, answers ────────────────────────────

export const PRODUCT_TYPES = [
  'bridge-loan', // 应急转贷
  'commercial-value-loan', // 商业价值贷
  'collateral-uplift-loan', // 抵押增值贷
  'renewal-without-repayment', // 无还本续贷
  'sci-tech-relending', // 科技再贷款（专精特新）
  'equity', // 股权投资（研发阶段）
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const COLLATERAL_KINDS = [
  'none', // 信用（无抵押）
  'real-estate', // 不动产
  'equipment', // 设备
  'receivables', // 应收账款
  'ip-pledge', // 知识产权质押
  'guarantee', // 担保
] as const;
export type CollateralKind = (typeof COLLATERAL_KINDS)[number];
export const FINANCING_PURPOSES = [
  'working-capital', // 流动资金
  'bridge', // 过桥转贷
  'equipment', // 设备购置
  'rnd', // 研发投入
  'expansion', // 扩产
  'refinancing', // 续贷
] as const;
export type FinancingPurpose = (typeof FINANCING_PURPOSES)[number];
export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const Eligibility = z
  .strictObject({
    /** The firm must hold at least one of these (empty: no requirement). */
    qualificationsAny: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).default([]),
    minRevenueCny: Cny.optional(),
    maxRevenueCny: Cny.optional(),
    minFirmAgeYears: z.number().int().min(0).max(100).optional(),
    /** Collateral the product takes (empty: any; `none` means an unsecured loan is possible). */
    collateralAccepted: z.array(z.enum(COLLATERAL_KINDS)).max(COLLATERAL_KINDS.length).default([]),
    sectors: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
    stages: z.array(z.enum(GROWTH_STAGES)).max(GROWTH_STAGES.length).default([]),
    purposes: z.array(z.enum(FINANCING_PURPOSES)).max(FINANCING_PURPOSES.length).default([]),
    /** Parks (districts) the bank serves with it (empty: all). */
    parks: z.array(z.string().max(40)).max(20).default([]),
  })
  .meta({ id: 'Eligibility' });
export type Eligibility = z.output<typeof Eligibility>;

const Range = <T extends z.ZodNumber>(n: T) => z.tuple([n, n]);

export const FinanceProductInput = z
  .strictObject({
    bankId: Slug,
    name: Bilingual,
    type: z.enum(PRODUCT_TYPES),
    description: text(2000).optional(),
    amountCny: Range(Cny.min(1)).meta({ description: '[min, max] amount in CNY' }),
    termMonths: Range(z.number().int().min(1).max(360)).meta({ description: '[min, max] term in months' }),
    ratePct: Range(z.number().min(0).max(36))
      .optional()
      .meta({ description: '[min, max] yearly rate in percent; absent for equity' }),
    eligibility: Eligibility.default({
      qualificationsAny: [],
      collateralAccepted: [],
      sectors: [],
      stages: [],
      purposes: [],
      parks: [],
    }),
    active: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    const ranges = [
      ['amountCny', p.amountCny],
      ['termMonths', p.termMonths],
      ['ratePct', p.ratePct],
    ] as const;
    for (const [path, range] of ranges) {
      if (range && range[0] > range[1])
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: '下限不能大于上限 / the lower bound must not exceed the upper bound',
        });
    }
    const { minRevenueCny, maxRevenueCny } = p.eligibility;
    if (minRevenueCny !== undefined && maxRevenueCny !== undefined && minRevenueCny > maxRevenueCny)
      ctx.addIssue({
        code: 'custom',
        path: ['eligibility', 'maxRevenueCny'],
        message: '营收上限低于下限 / maxRevenueCny is below minRevenueCny',
      });
    if (p.type !== 'equity' && !p.ratePct)
      ctx.addIssue({
        code: 'custom',
        path: ['ratePct'],
        message: '贷款产品需填写利率区间 / a loan needs its rate range',
      });
  })
  .meta({ id: 'FinanceProductInput' });
export type FinanceProductInput = z.input<typeof FinanceProductInput>;

export const FinanceProduct = z
  .object({
    id: z.string(),
    bankId: z.string(),
    bankName: Bilingual,
    name: Bilingual,
    type: z.enum(PRODUCT_TYPES),
    description: z.string().optional(),
    amountCny: z.tuple([z.number(), z.number()]),
    termMonths: z.tuple([z.number(), z.number()]),
    ratePct: z.tuple([z.number(), z.number()]).optional(),
    eligibility: Eligibility,
    active: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FinanceProduct' });
export type FinanceProduct = z.infer<typeof FinanceProduct>;
export const FinanceProductList = z
  .object({ items: z.array(FinanceProduct) })
  .meta({ id: 'FinanceProductList' });

export const FinancingNeedInput = z
  .strictObject({
    leadId: z.string().min(1).max(64),
    amountCny: Cny.min(10_000, '至少 1 万元 / at least 10,000 CNY'),
    purpose: z.enum(FINANCING_PURPOSES),
    termMonths: z.number().int().min(1).max(360),
    /** What the firm can offer as security (`none`: unsecured only). */
    collateral: z.array(z.enum(COLLATERAL_KINDS)).min(1).max(COLLATERAL_KINDS.length),
    urgency: z.enum(URGENCIES),
    note: text(1000).optional(),
  })
  .meta({ id: 'FinancingNeedInput' });
export type FinancingNeedInput = z.input<typeof FinancingNeedInput>;

export const BilingualText = z.object({ zh: z.string(), en: z.string() }).meta({ id: 'BilingualText' });

export const GATES = [
  'inactive',
  'park',
  'purpose',
  'amount',
  'term',
  'qualification',
  'revenue',
  'firm-age',
  'sector',
  'stage',
  'collateral',
] as const;
export type Gate = (typeof GATES)[number];

export const ProductMatch = z
  .object({
    productId: z.string(),
    bankId: z.string(),
    productName: Bilingual,
    type: z.enum(PRODUCT_TYPES),
    eligible: z.boolean(),
    /** 0–100 for an eligible product. */
    score: z.number().optional(),
    components: z.array(z.object({ name: z.string(), points: z.number(), max: z.number() })).optional(),
    reasons: z.array(BilingualText),
    /** Gates that excluded the product, each with why. */
    excludedBy: z.array(z.object({ gate: z.enum(GATES), reason: BilingualText })),
  })
  .meta({ id: 'ProductMatch' });
export type ProductMatch = z.infer<typeof ProductMatch>;

export const PUSH_STATUSES = ['pushed', 'reviewing', 'offered', 'declined'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const Offer = z
  .strictObject({
    amountCny: Cny.min(1),
    ratePct: z.number().min(0).max(36).optional(),
    termMonths: z.number().int().min(1).max(360),
  })
  .meta({ id: 'Offer' });

export const Push = z
  .object({
    productId: z.string(),
    bankId: z.string(),
    productName: Bilingual,
    status: z.enum(PUSH_STATUSES),
    pushedAt: z.iso.datetime(),
    pushedBy: z.string(),
    score: z.number(),
    offer: Offer.optional(),
    reason: z.string().optional(),
    answeredAt: z.iso.datetime().optional(),
    answeredBy: z.string().optional(),
  })
  .meta({ id: 'Push' });
export type Push = z.infer<typeof Push>;

export const FinancingNeed = z
  .object({
    id: z.string(),
    leadId: z.string(),
    firmName: z.string(),
    parkId: z.string().optional(),
    amountCny: z.number(),
    purpose: z.enum(FINANCING_PURPOSES),
    termMonths: z.number().int(),
    collateral: z.array(z.enum(COLLATERAL_KINDS)),
    urgency: z.enum(URGENCIES),
    note: z.string().optional(),
    pushes: z.array(Push),
    ...Who,
  })
  .meta({ id: 'FinancingNeed' });
export type FinancingNeed = z.infer<typeof FinancingNeed>;
export const FinancingNeedList = z
  .object({ items: z.array(FinancingNeed) })
  .meta({ id: 'FinancingNeedList' });

export const PushInput = z
  .strictObject({ productIds: z.array(Slug).min(1).max(10) })
  .meta({ id: 'PushInput' });

export const AnswerInput = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('reviewing'), note: text(500).optional() }),
    z.strictObject({ status: z.literal('offered'), offer: Offer }),
    z.strictObject({ status: z.literal('declined'), reason: text(500) }),
  ])
  .meta({ id: 'AnswerInput' });
export type AnswerInput = z.infer<typeof AnswerInput>;

// ── R&D service platform: catalogue, orders ───────────────────────────────────

export const SUB_PLATFORMS = [
  'rnd', // 基础与应用研发
  'clinical', // 临床评价
  'testing', // 基础检测
] as const;
export const SERVICE_QUALIFICATIONS = ['GLP', 'cGMP', 'GCP', 'CMA', 'CNAS'] as const;

export const RndServiceInput = z
  .strictObject({
    operatorId: Slug,
    subPlatform: z.enum(SUB_PLATFORMS),
    category: Slug.meta({ description: 'e.g. cell-line-authentication, viral-titre, gmp-pilot' }),
    name: Bilingual,
    description: text(2000).optional(),
    priceCny: Cny.min(1),
    unit: Bilingual.meta({ description: 'what the price is for, e.g. 每样本 / per sample' }),
    leadTimeDays: z.number().int().min(1).max(365),
    qualifications: z.array(z.enum(SERVICE_QUALIFICATIONS)).max(SERVICE_QUALIFICATIONS.length).default([]),
    /** Profile needs the service answers (a firm with one of them is suggested it). */
    servesNeeds: z.array(z.enum(NEEDS)).max(NEEDS.length).default([]),
    active: z.boolean().default(true),
  })
  .meta({ id: 'RndServiceInput' });
export type RndServiceInput = z.input<typeof RndServiceInput>;

export const RndService = z
  .object({
    id: z.string(),
    operatorId: z.string(),
    operatorName: Bilingual,
    subPlatform: z.enum(SUB_PLATFORMS),
    category: z.string(),
    name: Bilingual,
    description: z.string().optional(),
    priceCny: z.number(),
    unit: Bilingual,
    leadTimeDays: z.number().int(),
    qualifications: z.array(z.enum(SERVICE_QUALIFICATIONS)),
    servesNeeds: z.array(z.enum(NEEDS)),
    active: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RndService' });
export type RndService = z.infer<typeof RndService>;
export const RndServiceList = z.object({ items: z.array(RndService) }).meta({ id: 'RndServiceList' });
export const ServiceSuggestions = z
  .object({
    leadId: z.string(),
    items: z.array(z.object({ service: RndService, because: z.array(BilingualText) })),
  })
  .meta({ id: 'ServiceSuggestions' });

export const ORDER_STATUSES = ['placed', 'accepted', 'completed', 'declined', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OrderInput = z
  .strictObject({
    leadId: z.string().min(1).max(64),
    serviceId: Slug,
    quantity: z.number().int().min(1).max(1000),
    /** Paid from the firm's service vouchers; the rest the firm pays itself. */
    voucherCny: Cny.default(0),
    note: text(1000).optional(),
  })
  .meta({ id: 'OrderInput' });
export type OrderInput = z.input<typeof OrderInput>;

/** A report: a link, or a small file (base64; at most REPORT_MAX_BYTES once decoded). */
export const REPORT_MAX_BYTES = 160 * 1024;
export const REPORT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const ReportInput = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('link'),
      url: z.url({ protocol: /^https?$/ }).max(1000),
      name: text(200).optional(),
    }),
    z.strictObject({
      kind: z.literal('file'),
      name: text(200),
      contentType: z.enum(REPORT_TYPES),
      contentBase64: z
        .string()
        .max(Math.ceil(REPORT_MAX_BYTES / 3) * 4 + 4, '报告文件过大 / the report file is too large')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 编码无效 / not base64'),
    }),
  ])
  .meta({ id: 'ReportInput' });
export type ReportInput = z.infer<typeof ReportInput>;

export const OrderReport = z
  .object({
    kind: z.enum(['link', 'file']),
    name: z.string().optional(),
    url: z.string().optional(),
    contentType: z.string().optional(),
    sizeBytes: z.number().int().optional(),
    attachedAt: z.iso.datetime(),
  })
  .meta({ id: 'OrderReport' });

export const Order = z
  .object({
    id: z.string(),
    leadId: z.string(),
    firmName: z.string(),
    parkId: z.string().optional(),
    serviceId: z.string(),
    serviceName: Bilingual,
    operatorId: z.string(),
    subPlatform: z.enum(SUB_PLATFORMS),
    quantity: z.number().int(),
    unitPriceCny: z.number(),
    totalCny: z.number(),
    voucherCny: z.number(),
    firmPaysCny: z.number(),
    status: z.enum(ORDER_STATUSES),
    note: z.string().optional(),
    reason: z.string().optional(),
    report: OrderReport.optional(),
    history: z.array(z.object({ status: z.enum(ORDER_STATUSES), by: z.string(), at: z.iso.datetime() })),
    ...Who,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;
export const OrderList = z.object({ items: z.array(Order) }).meta({ id: 'OrderList' });
export const OrderStatusInput = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('accepted') }),
    z.strictObject({ status: z.literal('declined'), reason: text(500) }),
    z.strictObject({ status: z.literal('cancelled'), reason: text(500) }),
  ])
  .meta({ id: 'OrderStatusInput' });

// ── service vouchers (服务券) ────────────────────────────────────────────────────

/** The most a firm can be granted in vouchers, all grants together (seed 001). */
export const VOUCHER_CAP_CNY = 300_000;

export const VoucherApplicationInput = z
  .strictObject({
    leadId: z.string().min(1).max(64),
    requestedCny: z.number().int().min(1).max(VOUCHER_CAP_CNY),
    purpose: text(1000),
  })
  .meta({ id: 'VoucherApplicationInput' });
export const VoucherDecisionInput = z
  .discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('approved'),
      grantedCny: z.number().int().min(1).max(VOUCHER_CAP_CNY),
      /** The balance can be spent until this day (inclusive, Asia/Shanghai); default a year on. */
      expiresOn: CalendarDate.optional(),
    }),
    z.strictObject({ decision: z.literal('rejected'), reason: text(500) }),
  ])
  .meta({ id: 'VoucherDecisionInput' });

export const VOUCHER_MOVES = ['grant', 'spend', 'refund', 'expire'] as const;
export const LedgerEntry = z
  .object({
    id: z.string(),
    kind: z.enum(VOUCHER_MOVES),
    /** Signed: a grant or refund adds, a spend or expiry takes away. */
    amountCny: z.number(),
    balanceAfterCny: z.number(),
    orderId: z.string().optional(),
    applicationId: z.string().optional(),
    ...Who,
  })
  .meta({ id: 'VoucherLedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;
export const VoucherApplication = z
  .object({
    id: z.string(),
    requestedCny: z.number(),
    purpose: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    grantedCny: z.number().optional(),
    reason: z.string().optional(),
    decidedBy: z.string().optional(),
    decidedAt: z.iso.datetime().optional(),
    ...Who,
  })
  .meta({ id: 'VoucherApplication' });
export const VoucherAccount = z
  .object({
    leadId: z.string(),
    firmName: z.string(),
    parkId: z.string().optional(),
    capCny: z.number(),
    grantedTotalCny: z.number(),
    balanceCny: z.number(),
    expiresOn: CalendarDate.optional(),
    expired: z.boolean(),
    applications: z.array(VoucherApplication),
    ledger: z.array(LedgerEntry),
  })
  .meta({ id: 'VoucherAccount' });
export type VoucherAccount = z.infer<typeof VoucherAccount>;
export const VoucherAccountList = z
  .object({ items: z.array(VoucherAccount) })
  .meta({ id: 'VoucherAccountList' });
