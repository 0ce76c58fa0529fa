import type { GROWTH_STAGES, NEEDS, QUALIFICATIONS } from './profile.ts';

// How the services name a profile's codes inside a sentence of their reasons (matching's
// reasons for a score, firm-services' for a credit product or an R&D service): short, lower
// case in English. The portal's form labels (title case, with hints) are its own.

type Phrases<T extends readonly string[]> = Readonly<Record<T[number], { zh: string; en: string }>>;

export const STAGE_PHRASES: Phrases<typeof GROWTH_STAGES> = {
  seed: { zh: '种子期', en: 'seed' },
  startup: { zh: '初创期', en: 'start-up' },
  growth: { zh: '成长期', en: 'growth' },
  expansion: { zh: '扩张期', en: 'expansion' },
  mature: { zh: '成熟期', en: 'mature' },
};

export const NEED_PHRASES: Phrases<typeof NEEDS> = {
  registration: { zh: '注册审批', en: 'registration approval' },
  'clinical-samples': { zh: '临床样本', en: 'clinical samples' },
  talent: { zh: '人才', en: 'talent' },
  financing: { zh: '融资', en: 'financing' },
  'procurement-access': { zh: '集采/采购准入', en: 'procurement access' },
  'bonded-logistics': { zh: '保税物流', en: 'bonded logistics' },
  land: { zh: '土地', en: 'land' },
  'standard-factory': { zh: '标准厂房', en: 'standard factory space' },
  'rnd-services': { zh: '研发/检测服务', en: 'R&D and testing services' },
  'gmp-facility': { zh: 'GMP车间', en: 'GMP facility' },
};

export const QUALIFICATION_PHRASES: Phrases<typeof QUALIFICATIONS> = {
  'high-tech': { zh: '高新技术企业', en: 'high-tech enterprise' },
  'specialised-sme': { zh: '专精特新', en: 'specialised SME' },
  'little-giant': { zh: '专精特新“小巨人”', en: '“little giant”' },
  'listed-main-board': { zh: '主板上市', en: 'main-board listed' },
  'listed-star-market': { zh: '科创板上市', en: 'STAR-market listed' },
  'gmp-certified': { zh: 'GMP认证', en: 'GMP certified' },
};
