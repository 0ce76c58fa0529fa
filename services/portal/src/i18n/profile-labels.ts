import {
  type Bilingual,
  type CHAIN_POSITIONS,
  COMPONENT_KEYS,
  type ComponentKey,
  type GROWTH_STAGES,
  type NEEDS,
  type PROJECT_TYPES,
  type QUALIFICATIONS,
} from '@parkmatch/contracts';

// Labels of the profile's codes and of a score's parts, as firms and teams read them.
// Keyed by the contracts' lists: a code added there fails the typecheck here until it has words.

type Labels<T extends readonly string[]> = Record<T[number], Bilingual>;

export const QUALIFICATION_LABELS: Labels<typeof QUALIFICATIONS> = {
  'high-tech': { zh: '高新技术企业', en: 'High-tech enterprise' },
  'specialised-sme': { zh: '专精特新企业', en: 'Specialised SME (专精特新)' },
  'little-giant': { zh: '专精特新“小巨人”', en: '“Little giant”' },
  'listed-main-board': { zh: '主板上市', en: 'Listed (main board)' },
  'listed-star-market': { zh: '科创板上市', en: 'Listed (STAR market)' },
  'gmp-certified': { zh: 'GMP 认证 / 医疗器械生产许可', en: 'GMP certified / device manufacturing licence' },
};

export const PROJECT_TYPE_LABELS: Labels<typeof PROJECT_TYPES> = {
  production: { zh: '生产基地 / 生产线', en: 'Production site or line' },
  'rnd-center': { zh: '研发中心', en: 'R&D centre' },
  headquarters: { zh: '总部 / 区域总部', en: 'Headquarters' },
  platform: { zh: '公共服务平台', en: 'Platform' },
  service: { zh: '专业服务机构', en: 'Service organisation' },
};

export const CHAIN_POSITION_LABELS: Labels<typeof CHAIN_POSITIONS> = {
  upstream: { zh: '上游（原材料、核心部件）', en: 'Upstream (materials, components)' },
  midstream: { zh: '中游（仪器、试剂、药品制造）', en: 'Midstream (instruments, reagents, drugs)' },
  downstream: { zh: '下游（检验、流通、应用）', en: 'Downstream (testing, distribution, use)' },
  service: { zh: '服务（CRO/CDMO、注册、检测）', en: 'Services (CRO/CDMO, registration, testing)' },
};

export const GROWTH_STAGE_LABELS: Labels<typeof GROWTH_STAGES> = {
  seed: { zh: '种子期', en: 'Seed' },
  startup: { zh: '初创期', en: 'Start-up' },
  growth: { zh: '成长期', en: 'Growth' },
  expansion: { zh: '扩张期', en: 'Expansion' },
  mature: { zh: '成熟期', en: 'Mature' },
};

export const NEED_LABELS: Labels<typeof NEEDS> = {
  registration: { zh: '注册审批', en: 'Registration approval' },
  'clinical-samples': { zh: '临床样本', en: 'Clinical samples' },
  talent: { zh: '人才', en: 'Talent' },
  financing: { zh: '融资', en: 'Financing' },
  'procurement-access': { zh: '集采 / 采购准入', en: 'Procurement access (集采)' },
  'bonded-logistics': { zh: '保税物流', en: 'Bonded logistics' },
  land: { zh: '土地', en: 'Land' },
  'standard-factory': { zh: '标准厂房', en: 'Standard factory space' },
  'rnd-services': { zh: '研发 / 检测服务', en: 'R&D and testing services' },
  'gmp-facility': { zh: 'GMP 车间 / 洁净厂房', en: 'GMP or clean-room facility' },
};

export const COMPONENT_LABELS: Record<ComponentKey, Bilingual> = {
  directionFit: { zh: '方向契合', en: 'Direction fit' },
  chainGap: { zh: '补链价值', en: 'Chain gap' },
  stageFit: { zh: '发展阶段契合', en: 'Stage fit' },
  scale: { zh: '规模', en: 'Scale' },
  needs: { zh: '需求可满足', en: 'Needs met' },
  readiness: { zh: '落地准备度', en: 'Readiness' },
  completeness: { zh: '信息完整度', en: 'Completeness' },
};

/** The components in display order. */
export const COMPONENT_ORDER: readonly ComponentKey[] = COMPONENT_KEYS;

/** A code's label in the language, or the code itself when unknown. */
export function labelOf<T extends string>(
  labels: Record<T, Bilingual>,
  code: string,
  lang: 'zh' | 'en',
): string {
  return (labels as Record<string, Bilingual>)[code]?.[lang] ?? code;
}
