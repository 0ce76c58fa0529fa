import {
  GROWTH_STAGES,
  NEED_PHRASES,
  type NEEDS,
  type ProjectType,
  type PublicProfile,
  QUALIFICATION_PHRASES,
  STAGE_PHRASES,
} from '@parkmatch/contracts';
import type { CompiledCatalog } from '../compile-catalog.ts';
import type { CodeReading, ProfileReading } from '../reading/reading.ts';
import type { Bilingual, DirectionMatch } from '../types.ts';
import { formatCnyEn, formatCnyZh } from './format.ts';

// Reasons an investment team member would accept, in Chinese and English, built
// from the same numbers as the score.

type Need = (typeof NEEDS)[number];

const MAX_DIRECTION_REASONS = 3;
const quoteZh = (words: readonly string[]): string => words.map((w) => `“${w}”`).join('、');
const quoteEn = (words: readonly string[]): string => words.map((w) => `“${w}”`).join(', ');

export interface ReasonInput {
  readonly reading: ProfileReading;
  readonly profile: PublicProfile;
  readonly compiled: CompiledCatalog;
  readonly matched: readonly DirectionMatch[];
  readonly excluded: Bilingual | undefined;
  readonly metNeeds: readonly Need[];
  readonly fit: number;
  /** The firm's main code when the park takes only a sideline of its business. */
  readonly sideline?: CodeReading | undefined;
  /** The project makes nothing here (R&D centre, headquarters, sales or service office) for a direction that wants production. */
  readonly notMadeHere?: boolean;
}

const PROJECT_TYPE_LABELS: Record<ProjectType, Bilingual> = {
  production: { zh: '生产项目', en: 'a production project' },
  'rnd-center': { zh: '研发中心', en: 'an R&D centre' },
  headquarters: { zh: '总部', en: 'a headquarters' },
  platform: { zh: '平台', en: 'a platform' },
  service: { zh: '销售或服务机构', en: 'a sales or service office' },
};

function directionReason(m: DirectionMatch, compiled: CompiledCatalog): Bilingual {
  const direction = compiled.directions[m.direction];
  const label = direction?.label ?? compiled.labelOf(m.code);
  const kindZh =
    direction?.kind === 'platform' ? '平台' : direction?.kind === 'service' ? '服务机构' : '承接方向';
  const kindEn =
    direction?.kind === 'platform'
      ? 'platform'
      : direction?.kind === 'service'
        ? 'service'
        : 'intake direction';
  const words = m.evidence.slice(0, 3);
  if (m.declaredOnly) {
    return {
      zh: `企业自选${kindZh}「${label.zh}」，但文本未见佐证`,
      en: `The firm declared the ${kindEn} “${label.en}”, but its text does not support it`,
    };
  }
  if (m.relation === 'broader') {
    const firm = compiled.labelOf(m.firmCode);
    return {
      zh: `部分契合${kindZh}「${label.zh}」：企业仅笼统提及「${firm.zh}」（${quoteZh(words)}）`,
      en: `Partly fits ${kindEn} “${label.en}”: the firm only speaks of “${firm.en}” in general (${quoteEn(words)})`,
    };
  }
  if (m.relation === 'narrower') {
    const firm = compiled.labelOf(m.firmCode);
    return {
      zh: `契合${kindZh}「${label.zh}」（细分领域「${firm.zh}」）：文本提及${quoteZh(words)}`,
      en: `Fits ${kindEn} “${label.en}” (as “${firm.en}”): the profile mentions ${quoteEn(words)}`,
    };
  }
  return {
    zh: `契合${kindZh}「${label.zh}」：文本提及${quoteZh(words)}`,
    en: `Fits ${kindEn} “${label.en}”: the profile mentions ${quoteEn(words)}`,
  };
}

function scaleReason(profile: PublicProfile): Bilingual | undefined {
  const { firm, project } = profile;
  const zh: string[] = [];
  const en: string[] = [];
  if (project.plannedInvestmentCny !== undefined) {
    zh.push(`计划投资 ${formatCnyZh(project.plannedInvestmentCny)}`);
    en.push(`planned investment ${formatCnyEn(project.plannedInvestmentCny)}`);
  }
  if (project.expectedAnnualOutputCny !== undefined) {
    zh.push(`预计年产值 ${formatCnyZh(project.expectedAnnualOutputCny)}`);
    en.push(`expected annual output ${formatCnyEn(project.expectedAnnualOutputCny)}`);
  }
  if (firm.registrationCertificates > 0) {
    zh.push(`持有 ${firm.registrationCertificates} 张注册证`);
    en.push(`${firm.registrationCertificates} registration certificates`);
  }
  if (firm.qualifications.length > 0) {
    zh.push(firm.qualifications.map((q) => QUALIFICATION_PHRASES[q].zh).join('、'));
    en.push(firm.qualifications.map((q) => QUALIFICATION_PHRASES[q].en).join(', '));
  }
  if (zh.length === 0) return undefined;
  return { zh: `规模与能力：${zh.join('；')}`, en: `Scale and capability: ${en.join('; ')}` };
}

export function buildReasons(input: ReasonInput): { zh: string[]; en: string[] } {
  const { reading, profile, compiled, matched, excluded, metNeeds } = input;
  const out: Bilingual[] = [];
  if (excluded !== undefined) {
    out.push({ zh: `不予推荐：${excluded.zh}`, en: `Excluded: ${excluded.en}` });
  }
  if (matched.length === 0) {
    const top = reading.codes[0];
    if (top !== undefined) {
      const label = compiled.labelOf(top.code);
      out.push({
        zh: `企业主营识别为「${label.zh}」（${quoteZh(top.evidence.slice(0, 2))}），不属于本园区承接方向`,
        en: `The firm reads as “${label.en}” (${quoteEn(top.evidence.slice(0, 2))}), which is not among this park's directions`,
      });
    } else {
      out.push({
        zh: '文本中未识别到生物医药相关方向',
        en: 'No biomedical direction could be recognised in the profile text',
      });
    }
    return { zh: out.map((r) => r.zh), en: out.map((r) => r.en) };
  }

  for (const m of matched.slice(0, MAX_DIRECTION_REASONS)) out.push(directionReason(m, compiled));
  if (input.notMadeHere) {
    const label = PROJECT_TYPE_LABELS[profile.project.type];
    out.push({
      zh: `项目类型为${label.zh}，不在园区落地生产，契合度打折`,
      en: `The project is ${label.en}, with no production in the park, so the fit counts for less`,
    });
  }
  if (input.sideline !== undefined) {
    const label = compiled.labelOf(input.sideline.code);
    out.push({
      zh: `企业主营为「${label.zh}」，不在本园区承接方向内；契合的是其副业，匹配度打折`,
      en: `The firm's main business is “${label.en}”, not one of this park's directions; what fits is a sideline, so the fit counts for less`,
    });
  }

  const top = matched[0];
  const topDirection = top === undefined ? undefined : compiled.directions[top.direction];
  if (topDirection !== undefined) {
    if (topDirection.scarcity >= 0.5) {
      out.push({
        zh: `补链：园区现有「${topDirection.label.zh}」企业仅 ${topDirection.firmCount} 家`,
        en: `Fills a chain gap: the park has only ${topDirection.firmCount} firms in “${topDirection.label.en}”`,
      });
    } else if (topDirection.firmCount >= 15) {
      out.push({
        zh: `集群配套：园区已有「${topDirection.label.zh}」企业 ${topDirection.firmCount} 家，竞争较充分`,
        en: `Cluster: the park already has ${topDirection.firmCount} firms in “${topDirection.label.en}”; little chain gap`,
      });
    }
    const stage = reading.features.stage;
    const stageName = GROWTH_STAGES[stage];
    if (stageName !== undefined && topDirection.stageMask !== 0) {
      const label = STAGE_PHRASES[stageName];
      const preferred = topDirection.stages.map((s) => STAGE_PHRASES[s as keyof typeof STAGE_PHRASES]);
      if (topDirection.stageMask & (1 << stage)) {
        out.push({
          zh: `发展阶段（${label.zh}）符合该方向偏好`,
          en: `Growth stage (${label.en}) is what the park wants here`,
        });
      } else {
        out.push({
          zh: `发展阶段（${label.zh}）与该方向偏好（${preferred.map((p) => p.zh).join('、')}）不完全一致`,
          en: `Growth stage (${label.en}) differs from the preferred ${preferred.map((p) => p.en).join('/')}`,
        });
      }
    }
  }

  const scale = scaleReason(profile);
  if (scale !== undefined) out.push(scale);

  if (metNeeds.length > 0) {
    const zh = metNeeds.map(
      (n) => `${NEED_PHRASES[n].zh}（${compiled.assetsByNeed.get(n)?.[0]?.label.zh ?? ''}）`,
    );
    const en = metNeeds.map(
      (n) => `${NEED_PHRASES[n].en} (${compiled.assetsByNeed.get(n)?.[0]?.label.en ?? ''})`,
    );
    out.push({ zh: `园区资源可满足需求：${zh.join('、')}`, en: `Park assets meet: ${en.join('; ')}` });
  }
  const unmet = profile.project.needs.filter((n) => !metNeeds.includes(n));
  if (unmet.length > 0) {
    out.push({
      zh: `园区暂无对应资源：${unmet.map((n) => NEED_PHRASES[n].zh).join('、')}`,
      en: `No park asset for: ${unmet.map((n) => NEED_PHRASES[n].en).join(', ')}`,
    });
  }
  const months = profile.project.timelineMonths;
  if (months !== undefined) {
    out.push({ zh: `计划 ${months} 个月内投产运营`, en: `Plans to operate within ${months} months` });
  }
  if (reading.features.completeness < 0.6) {
    const pct = Math.round(reading.features.completeness * 100);
    out.push({
      zh: `资料完整度 ${pct}%，建议补充`,
      en: `Profile ${pct}% complete; ask for the missing facts`,
    });
  }
  return { zh: out.map((r) => r.zh), en: out.map((r) => r.en) };
}
