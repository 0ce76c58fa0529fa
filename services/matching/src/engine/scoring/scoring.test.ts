import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../../test/fixtures.ts';
import { loadParkCatalogs, type ParkCatalog } from '../catalog.ts';
import { readProfile } from '../reading/reading.ts';
import { loadTaxonomy } from '../taxonomy/taxonomy.ts';
import { ENGINE_VERSION } from '../version.ts';
import { matchLead } from './match.ts';
import { COMPONENT_WEIGHTS, scoreReading, TIER_CUTOFFS } from './scoring.ts';

const taxonomy = loadTaxonomy();
const catalogs = loadParkCatalogs(taxonomy);
const park = (id: string): ParkCatalog => {
  const found = catalogs.find((c) => c.id === id);
  if (!found) throw new Error(id);
  return found;
};
const HAN = /\p{Script=Han}/u;

const massSpec = makeProfile(
  {
    title: '临床质谱仪生产项目',
    description: '我们生产三重四极杆液质联用仪，面向医院检验科的维生素D和新生儿筛查检测。',
    products: ['三重四极杆液质联用仪'],
    growthStage: 'growth',
    plannedInvestmentCny: 120e6,
    expectedAnnualOutputCny: 200e6,
    timelineMonths: 9,
    needs: ['registration', 'clinical-samples'],
  },
  { registrationCertificates: 9, qualifications: ['high-tech'], employees: 160, revenueCny: 90e6 },
);
const furniture = makeProfile(
  {
    title: '家具仓储配送中心',
    description: '建设办公家具仓储配送中心，配备自动化货架和分拣线。',
    plannedInvestmentCny: 2e9,
    expectedAnnualOutputCny: 5e9,
    timelineMonths: 3,
    needs: ['land'],
  },
  { employees: 5000, revenueCny: 8e9, qualifications: ['listed-main-board'] },
);
const antibodyCdmo = makeProfile({
  title: '抗体CDMO西部基地',
  description: '提供单抗、双抗和ADC的CDMO服务，包括细胞株构建、工艺开发、CMC和GMP临床样品生产。',
  growthStage: 'expansion',
  plannedInvestmentCny: 800e6,
});

describe('scoring', () => {
  it('puts a triple-quad LC-MS maker in Dadukou’s list with ivd.mass-spec and a reason a team would accept', () => {
    const [best] = matchLead(massSpec, catalogs, taxonomy);
    expect(best?.parkId).toBe('dadukou-ivd');
    expect(best?.tier).toBe('A');
    expect(best?.matchedDirections[0]?.code).toBe('ivd.mass-spec');
    expect(best?.reasons.zh[0]).toMatch(/^契合承接方向「临床质谱」：文本提及“三重四极杆液质联用仪”/);
    expect(best?.reasons.en[0]).toContain('Clinical mass spectrometry');
  });

  it('sends an antibody CDMO to Bio-City, not to Dadukou’s device CRO/CDMO', () => {
    const results = matchLead(antibodyCdmo, catalogs, taxonomy);
    expect(results[0]?.parkId).toBe('bio-city');
    expect(results[0]?.matchedDirections[0]?.code).toBe('service.biologics-cro-cdmo');
    const dadukou = results.find((r) => r.parkId === 'dadukou-ivd');
    expect(dadukou?.tier).toBe('D');
    expect(dadukou?.matchedDirections.map((m) => m.code)).not.toContain('service.device-cro-cdmo');
  });

  it('keeps a large furniture warehouse tier D everywhere, saying why in both languages', () => {
    for (const result of matchLead(furniture, catalogs, taxonomy)) {
      expect(result.tier).toBe('D');
      expect(result.matchedDirections).toEqual([]);
      expect(result.excluded?.zh).toBe('未匹配园区任何承接方向');
      expect(result.reasons.zh.length).toBeGreaterThan(0);
      expect(result.reasons.en.length).toBe(result.reasons.zh.length);
    }
  });

  it('keeps firms that use domain words in passing tier D everywhere', () => {
    const foodPlant = makeProfile(
      {
        title: '火锅底料生产线',
        description:
          '主营火锅底料和复合调味料。厂内设食品安全检测中心，配置快检设备和微生物检测实验室，原料批批快检。',
        products: ['牛油火锅底料', '复合调味料'],
        growthStage: 'mature',
        plannedInvestmentCny: 300e6,
        timelineMonths: 6,
      },
      { employees: 800, revenueCny: 1.2e9 },
    );
    const developer = makeProfile({
      title: '康养社区开发项目',
      description: '公司为房地产开发企业，开发康养社区，配套康复医院和康复理疗中心。',
      products: ['康养住宅', '养老公寓', '康复医院'],
      plannedInvestmentCny: 2e9,
    });
    for (const profile of [foodPlant, developer]) {
      for (const r of matchLead(profile, catalogs, taxonomy)) {
        expect(r.tier, `${profile.project.title} at ${r.parkId}: ${r.score}`).toBe('D');
      }
    }
  });

  it('counts a sideline for less, and says so', () => {
    const imaging = makeProfile(
      {
        title: 'CT及DR影像设备生产基地',
        description: '主营螺旋CT和移动DR整机，计划同时引入影像AI辅助诊断软件研发团队。',
        products: ['64排螺旋CT', '移动DR'],
        growthStage: 'expansion',
        plannedInvestmentCny: 400e6,
      },
      { employees: 1200, revenueCny: 1.5e9, registrationCertificates: 30 },
    );
    const dadukou = matchLead(imaging, catalogs, taxonomy).find((r) => r.parkId === 'dadukou-ivd');
    expect(dadukou?.matchedDirections.map((m) => m.code)).toEqual(['ext.digital-devices']);
    expect(dadukou?.reasons.zh.join('\n')).toMatch(/企业主营为「诊疗设备」.*副业/);
    expect(dadukou?.reasons.en.join('\n')).toContain('sideline');
    expect(['C', 'D']).toContain(dadukou?.tier);
  });

  it('counts a sales office for less than a factory, but not a service organisation the park wants', () => {
    const project = {
      title: '化学发光西南基地',
      description: '磁微粒化学发光免疫分析仪及配套试剂，甲功、肿瘤标志物。',
      growthStage: 'expansion' as const,
      plannedInvestmentCny: 200e6,
      timelineMonths: 12,
    };
    const firm = { employees: 600, revenueCny: 800e6, registrationCertificates: 40 };
    const at = (profile: typeof massSpec) =>
      matchLead(profile, catalogs, taxonomy).find((r) => r.parkId === 'dadukou-ivd');
    const factory = at(makeProfile({ ...project, type: 'production' }, firm));
    const office = at(makeProfile({ ...project, type: 'service' }, firm));
    expect(office?.score).toBeLessThan(factory?.score ?? 0);
    expect(office?.reasons.zh.join('\n')).toContain('项目类型为销售或服务机构');
    expect(factory?.reasons.zh.join('\n')).not.toContain('项目类型');

    const cro = {
      ...project,
      title: '医疗器械CRO/CDMO',
      description: '为IVD企业提供医疗器械注册申报和CDMO服务。',
    };
    const croAt = at(makeProfile({ ...cro, type: 'service' }, firm));
    expect(croAt?.reasons.zh.join('\n')).not.toContain('项目类型');
  });

  it('gives tier D to a firm that matches no direction of a park, however large', () => {
    const reading = readProfile(antibodyCdmo, taxonomy);
    const fuling = scoreReading(reading, antibodyCdmo, park('fuling'));
    expect(fuling.tier).toBe('D');
    expect(fuling.score).toBeLessThan(TIER_CUTOFFS.C);
  });

  it('offers 康复辅具 to both Dadukou and Bio-City', () => {
    const rehab = makeProfile({
      title: '康复辅具生产基地',
      description: '生产电动轮椅、外骨骼康复机器人等康复辅具。',
    });
    const results = matchLead(rehab, catalogs, taxonomy);
    for (const id of ['dadukou-ivd', 'bio-city']) {
      const r = results.find((x) => x.parkId === id);
      expect(r?.matchedDirections.map((m) => m.code)).toContain('ext.rehab-aids');
      expect(r?.tier).not.toBe('D');
    }
  });

  it('shows a hard gate as the reason for exclusion', () => {
    const smallApi = makeProfile({
      title: '原料药中试车间',
      description: '小批量生产特色原料药。',
      plannedInvestmentCny: 5e6,
    });
    const result = scoreReading(readProfile(smallApi, taxonomy), smallApi, park('changshou'));
    expect(result.matchedDirections[0]?.code).toBe('chem.api');
    expect(result.tier).toBe('D');
    expect(result.excluded?.zh).toContain('低于园区准入门槛');
    expect(result.excluded?.en).toContain('entry threshold');
    expect(result.reasons.zh[0]).toMatch(/^不予推荐/);
    expect(result.reasons.en[0]).toMatch(/^Excluded/);
  });

  it('writes reasons in Chinese and in English', () => {
    for (const result of matchLead(massSpec, catalogs, taxonomy)) {
      expect(result.reasons.zh.length).toBeGreaterThan(0);
      expect(result.reasons.zh.length).toBe(result.reasons.en.length);
      expect(result.reasons.zh.every((r) => HAN.test(r))).toBe(true);
      expect(result.reasons.en.some((r) => /[A-Za-z]{4}/.test(r))).toBe(true);
    }
  });

  it('is deterministic and independent of catalog order', () => {
    const a = matchLead(massSpec, catalogs, taxonomy);
    const b = matchLead(massSpec, [...catalogs].reverse(), taxonomy);
    expect(b).toEqual(a);
    expect(JSON.stringify(matchLead(massSpec, catalogs, taxonomy))).toBe(JSON.stringify(a));
  });

  it('breaks the score down into components that add up, and stamps versions', () => {
    for (const result of matchLead(massSpec, catalogs, taxonomy)) {
      const total = Object.values(result.components).reduce((sum, c) => sum + c.points, 0);
      expect(total).toBeCloseTo(result.score, 0);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(100);
      for (const [key, c] of Object.entries(result.components)) {
        expect(c.weight).toBe(COMPONENT_WEIGHTS[key as keyof typeof COMPONENT_WEIGHTS]);
        expect(c.value).toBeGreaterThanOrEqual(0);
        expect(c.value).toBeLessThanOrEqual(1);
      }
      expect(result.engineVersion.startsWith(ENGINE_VERSION)).toBe(true);
      expect(result.catalogVersion).toBe(park(result.parkId).version);
    }
  });

  it('ranks a larger, readier firm above a seed-stage one in the same direction', () => {
    const seed = makeProfile({
      title: '微流控POCT原型',
      description: '研发微流控芯片即时检测原型机。',
      growthStage: 'seed',
    });
    const grown = makeProfile(
      {
        title: 'POCT快检生产基地',
        description: '胶体金和干式荧光POCT快检试剂及分析仪。',
        growthStage: 'growth',
        plannedInvestmentCny: 80e6,
        expectedAnnualOutputCny: 150e6,
        timelineMonths: 8,
        needs: ['registration'],
      },
      { registrationCertificates: 30, qualifications: ['high-tech'], employees: 200, revenueCny: 150e6 },
    );
    const dadukou = park('dadukou-ivd');
    const score = (p: typeof seed) => scoreReading(readProfile(p, taxonomy), p, dadukou).score;
    expect(score(grown)).toBeGreaterThan(score(seed));
  });
});
