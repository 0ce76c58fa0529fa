import type { CollateralKind, FinancingPurpose, ProductType, Sector, Urgency } from '@parkmatch/contracts';

// Words for the reasons, in Chinese and English.

export interface Bilingual {
  zh: string;
  en: string;
}

export const PRODUCT_TYPE_LABELS: Readonly<Record<ProductType, Bilingual>> = {
  'bridge-loan': { zh: '应急转贷', en: 'emergency bridge loan' },
  'commercial-value-loan': { zh: '商业价值贷', en: 'commercial-value loan' },
  'collateral-uplift-loan': { zh: '抵押增值贷', en: 'collateral-uplift loan' },
  'renewal-without-repayment': { zh: '无还本续贷', en: 'renewal without repayment' },
  'sci-tech-relending': { zh: '科技再贷款', en: 'sci-tech relending' },
  equity: { zh: '股权投资', en: 'equity investment' },
};

export const PURPOSE_LABELS: Readonly<Record<FinancingPurpose, Bilingual>> = {
  'working-capital': { zh: '流动资金', en: 'working capital' },
  bridge: { zh: '过桥转贷', en: 'bridging a maturing loan' },
  equipment: { zh: '设备购置', en: 'equipment' },
  rnd: { zh: '研发投入', en: 'R&D' },
  expansion: { zh: '扩产', en: 'expansion' },
  refinancing: { zh: '续贷', en: 'refinancing' },
};

export const COLLATERAL_LABELS: Readonly<Record<CollateralKind, Bilingual>> = {
  none: { zh: '信用（无抵押）', en: 'unsecured' },
  'real-estate': { zh: '不动产抵押', en: 'real estate' },
  equipment: { zh: '设备抵押', en: 'equipment' },
  receivables: { zh: '应收账款质押', en: 'receivables' },
  'ip-pledge': { zh: '知识产权质押', en: 'IP pledge' },
  guarantee: { zh: '担保', en: 'guarantee' },
};

export const URGENCY_LABELS: Readonly<Record<Urgency, Bilingual>> = {
  normal: { zh: '一般', en: 'normal' },
  urgent: { zh: '较急', en: 'urgent' },
  emergency: { zh: '紧急', en: 'emergency' },
};

/** Qualifications and growth stages are named as matching's reasons name them (contracts). */
export {
  QUALIFICATION_PHRASES as QUALIFICATION_LABELS,
  STAGE_PHRASES as STAGE_LABELS,
} from '@parkmatch/contracts';

export const SECTOR_LABELS: Readonly<Record<Sector, Bilingual>> = {
  ivd: { zh: '体外诊断', en: 'IVD' },
  device: { zh: '医疗器械', en: 'medical devices' },
  bio: { zh: '生物药', en: 'biologics' },
  chem: { zh: '化学药', en: 'chemical drugs' },
  tcm: { zh: '中药', en: 'TCM' },
  digital: { zh: '数字医疗', en: 'digital health' },
  nuclear: { zh: '核医学', en: 'nuclear medicine' },
  biomfg: { zh: '生物制造', en: 'bio-manufacturing' },
  ext: { zh: '延伸领域', en: 'extension fields' },
  platform: { zh: '平台', en: 'platforms' },
  service: { zh: '服务机构', en: 'service organisations' },
};

/** 1,500,000 → 150万元; 12,000,000 → 1,200万元; 300,000,000 → 3亿元. */
export function cnyZh(amount: number): string {
  if (amount >= 1e8) return `${grouped(amount / 1e8)}亿元`;
  if (amount >= 1e4) return `${grouped(amount / 1e4)}万元`;
  return `${grouped(amount)}元`;
}

/** 1,500,000 → CNY 1.5 million. */
export function cnyEn(amount: number): string {
  if (amount >= 1e9) return `CNY ${round(amount / 1e9)} billion`;
  if (amount >= 1e6) return `CNY ${round(amount / 1e6)} million`;
  return `CNY ${amount.toLocaleString('en-US')}`;
}

const round = (n: number): string => String(Math.round(n * 100) / 100);
/** Two decimals at most, with thousands separators. */
const grouped = (n: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);

export const list = (labels: readonly Bilingual[]): Bilingual => ({
  zh: labels.map((l) => l.zh).join('、'),
  en: labels.map((l) => l.en).join(', '),
});
