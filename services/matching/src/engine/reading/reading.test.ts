import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../../test/fixtures.ts';
import { loadTaxonomy } from '../taxonomy/taxonomy.ts';
import { type ProfileReading, readProfile } from './reading.ts';

const taxonomy = loadTaxonomy();
const read = (
  title: string,
  description: string,
  extra: Parameters<typeof makeProfile>[0] = { title, description },
) => readProfile(makeProfile({ ...extra, title, description }), taxonomy);
const codes = (r: ProfileReading) => r.codes.map((c) => c.code);
const top = (r: ProfileReading) => r.codes[0]?.code;
const confidence = (r: ProfileReading, code: string) => r.codes.find((c) => c.code === code)?.confidence ?? 0;

describe('readProfile: clinical mass spectrometry', () => {
  it('reads 三重四极杆液质联用仪 as ivd.mass-spec and quotes the whole phrase', () => {
    const r = read('质谱仪生产项目', '我们生产三重四极杆液质联用仪，用于医院检验科。');
    expect(top(r)).toBe('ivd.mass-spec');
    expect(r.codes[0]?.evidence).toContain('三重四极杆液质联用仪');
  });
  it.each([
    ['LC-MS/MS based clinical assays for vitamin D'],
    ['临床质谱仪及配套试剂'],
    ['tandem mass spectrometry analyzers for newborn screening'],
  ])('reads “%s” as ivd.mass-spec', (text) => {
    expect(top(read(text, text))).toBe('ivd.mass-spec');
  });
});

describe('readProfile: CRO/CDMO means what the context says', () => {
  it('antibody CDMO is biologics CRO/CDMO, not device CRO/CDMO', () => {
    const r = read(
      '抗体CDMO基地',
      '为单抗、双抗和ADC药物提供CDMO服务，包括细胞株构建、CMC和GMP临床样品生产。',
    );
    expect(top(r)).toBe('service.biologics-cro-cdmo');
    expect(codes(r)).not.toContain('service.device-cro-cdmo');
  });
  it('bare "CDMO" near 抗体/细胞株 resolves to biologics', () => {
    const r = read('CDMO项目', '公司是一家CDMO，服务抗体药物企业，提供细胞株开发。');
    expect(confidence(r, 'service.biologics-cro-cdmo')).toBeGreaterThan(0.5);
    expect(codes(r)).not.toContain('service.device-cro-cdmo');
  });
  it('CRO/CDMO near 医疗器械/注册/临床试验 is device CRO/CDMO', () => {
    const r = read('CRO/CDMO服务平台', '为医疗器械和IVD企业提供注册申报、临床试验和委托生产（CDMO）服务。');
    expect(top(r)).toBe('service.device-cro-cdmo');
    expect(codes(r)).not.toContain('service.biologics-cro-cdmo');
  });
  it('CDMO near 原料药/中间体/化学合成 is chemical CDMO', () => {
    const r = read('CDMO生产基地', '为药企提供原料药和关键中间体的CDMO服务，化学合成工艺开发与放大。');
    expect(codes(r)).toContain('service.chemical-cdmo');
    expect(codes(r)).not.toContain('service.device-cro-cdmo');
    expect(codes(r)).not.toContain('service.biologics-cro-cdmo');
  });
  it('English contract manufacturing for biologics is biologics CRO/CDMO', () => {
    const r = read(
      'Biologics CDMO',
      'We offer cell line development and CDMO services for monoclonal antibodies.',
    );
    expect(top(r)).toBe('service.biologics-cro-cdmo');
  });
});

describe('readProfile: upstream raw materials are not drugs', () => {
  it('latex, NC membrane and magnetic beads are ivd.upstream', () => {
    const r = read('诊断原料', '生产胶乳微球、NC膜和磁珠。');
    expect(top(r)).toBe('ivd.upstream');
  });
  it('a diagnostic antibody raw-material maker is ivd.upstream, not a therapeutic antibody developer', () => {
    const r = read('诊断用抗体原料', '为体外诊断试剂企业提供诊断用单克隆抗体和抗原原料。');
    expect(top(r)).toBe('ivd.upstream');
    expect(codes(r)).not.toContain('bio.antibody');
  });
  it('a therapeutic antibody developer is bio.antibody, not ivd.upstream', () => {
    const r = read('单抗药物', '开发治疗肿瘤的单克隆抗体药物，已进入临床试验。');
    expect(top(r)).toBe('bio.antibody');
    expect(codes(r)).not.toContain('ivd.upstream');
  });
  it('原料药 does not read as an IVD raw material', () => {
    const r = read('原料药基地', '生产化学原料药。');
    expect(top(r)).toBe('chem.api');
    expect(codes(r)).not.toContain('ivd.upstream');
  });
});

describe('readProfile: words and their edges', () => {
  it('康复辅具 is ext.rehab-aids', () => {
    expect(top(read('康复辅具产业项目', '生产电动轮椅和助行器等康复辅具。'))).toBe('ext.rehab-aids');
  });
  it('reads abbreviations firms really write', () => {
    const r = read('POCT+CLIA+qPCR', 'POCT快检、CLIA、qPCR、NGS、LAMP');
    expect(codes(r)).toEqual(expect.arrayContaining(['ivd.poct', 'ivd.immuno', 'ivd.molecular']));
  });
  it('LAMP counts only as written: an LED lamp factory is not molecular diagnostics', () => {
    expect(codes(read('LED lamp factory', 'We make LED lamps and lighting fixtures.'))).toEqual([]);
  });
  it('CRO inside another word does not count', () => {
    expect(codes(read('Microscope maker', 'Microscopes and micro-optics for schools.'))).toEqual([]);
  });
  it('a denied word does not count', () => {
    const r = read('仓储项目', '本项目不涉及体外诊断和医疗器械，仅为普通仓储。');
    expect(codes(r)).toEqual([]);
  });
  it('a denial covers the rest of its clause, lists included, and no further', () => {
    const logistics = read(
      'Hospital logistics hub',
      'We serve hospitals with linen and meals. We do not store or distribute drugs, reagents or medical devices.',
    );
    expect(codes(logistics)).toEqual([]);
    const turned = read('医用敷料项目', '公司不生产体外诊断试剂，专注于医用敷料和伤口护理产品。');
    expect(codes(turned)).not.toContain('ivd');
    expect(codes(turned)).toContain('device.consumables');
    const next = read('Reagent plant', 'We do not sell instruments. We make chemiluminescence reagents.');
    expect(codes(next)).toContain('ivd.immuno');
    const sameSentence = read(
      'Reagent plant',
      'We do not sell instruments, we make chemiluminescence reagents.',
    );
    expect(codes(sameSentence)).toContain('ivd.immuno');
  });
  it('非 denies the word right after it, as a word of its own only', () => {
    const cosmetics = read('护肤品工厂', '功效型化妆品代工，普通化妆品备案，非医疗器械。');
    expect(codes(cosmetics)).not.toContain('device');
    expect(codes(read('中药提取物项目', '本项目非体外诊断项目，迁入的是中药提取物生产线。'))).not.toContain(
      'ivd',
    );
    // A word that starts with 非 is no denial: 非病毒载体 is gene therapy, 非洲猪瘟 a disease.
    expect(codes(read('基因递送平台', '非病毒载体基因递送，脂质纳米颗粒。'))).toContain('bio.gene-therapy');
    expect(codes(read('兽用诊断', '非洲猪瘟荧光PCR检测试剂盒。'))).toContain('ivd.molecular');
  });
  it('无 as a word of its own denies the word after it, never inside 无菌 or 无创', () => {
    const coatings = read('精细化工项目', '公司生产涂料助剂和分散剂，无原料药生产许可。');
    expect(codes(coatings)).not.toContain('chem.api');
    expect(codes(read('注射器生产线', '一次性使用无菌注射器和输液器。'))).toContain('device.consumables');
  });
  it('livestock and crops argue against biologics and diagnostics; a group’s own word is no cue for it', () => {
    const vaccines = read('兽用疫苗厂', '猪圆环病毒灭活疫苗、禽流感灭活疫苗，兽用生物制品，用于畜禽养殖。');
    expect(confidence(vaccines, 'bio.vaccine')).toBeLessThan(0.3);
    const crops = read('转基因检测试剂', '转基因成分实时荧光PCR检测试剂盒，服务种业企业。');
    expect(confidence(crops, 'ivd.molecular')).toBeLessThan(0.3);
    const plant = read('Veterinary vaccine plant', 'Swine and poultry vaccines under veterinary GMP.');
    expect(confidence(plant, 'ext.vet-dx')).toBeLessThan(0.3);
    expect(codes(read('Pet diagnostics', 'Veterinary diagnostic analyzers for clinics.'))).toContain(
      'ext.vet-dx',
    );
  });
  it('a business stopped (不再生产, 停止生产) is denied', () => {
    const masks = read(
      '医用防护口罩生产线',
      '公司已注销相关注册证，不再生产任何体外诊断试剂，现生产医用防护口罩和隔离衣。',
    );
    expect(codes(masks)).not.toContain('ivd');
    expect(codes(masks)).toContain('device.consumables');
  });
  it('reads English negations as whole words only', () => {
    const innovative = read(
      'Innovative diagnostics',
      'Innovative diagnostics company making ELISA kits and chemiluminescence analyzers.',
    );
    expect(codes(innovative)).toContain('ivd.immuno');
    expect(
      codes(read('Second line', 'We are adding another PCR line for nucleic acid testing kits.')),
    ).toContain('ivd.molecular');
    expect(codes(read('Packaging plant', 'Carton packaging. We have no IVD products.'))).not.toContain('ivd');
  });
  it('"not only" and "non-" deny nothing beyond their own word', () => {
    const notOnly = read(
      'Diagnostics group',
      'We are not only a chemiluminescence reagent maker but also a distributor.',
    );
    expect(codes(notOnly)).toContain('ivd.immuno');
    const nonInvasive = read(
      'NIPT lab',
      'Non-invasive prenatal testing by high-throughput sequencing (NGS).',
    );
    expect(codes(nonInvasive)).toContain('ivd.molecular');
  });
  it('instruments of other industries are not clinical: semiconductor mass spec, lab furniture, fault diagnosis', () => {
    const fab = read(
      'Semiconductor metrology',
      'Dynamic SIMS (secondary ion mass spectrometry) and VPD-ICP-MS wafer contamination analysers for semiconductor fabs.',
    );
    expect(confidence(fab, 'ivd.mass-spec')).toBeLessThan(0.3);
    const furniture = read(
      '实验室家具生产基地',
      '全钢实验台、通风柜、试剂柜，承接医院检验科和PCR实验室整体建设。',
      {
        title: '实验室家具生产基地',
        description: '',
        products: ['全钢实验台', '通风柜', 'PCR实验室整体建设'],
      },
    );
    expect(confidence(furniture, 'ivd.molecular')).toBeLessThan(0.3);
  });
  it('microfluidics and prostheses need their context', () => {
    const mrna = read('mRNA疫苗生产基地', 'mRNA疫苗原液生产，LNP微流控包封及无菌灌装。');
    expect(codes(mrna)).not.toContain('ivd.poct');
    const chip = read('微流控检测芯片', '微流控芯片即时检验系统，床旁检测心肌标志物。');
    expect(codes(chip)).toContain('ivd.poct');
    const joints = read(
      'Orthopaedic implants',
      'Hip and knee joint prostheses, pedicle screws and interbody cages.',
    );
    expect(codes(joints)).not.toContain('ext.rehab-aids');
    const limbs = read('Prosthetics workshop', 'Myoelectric prostheses and sockets for upper-limb amputees.');
    expect(codes(limbs)).toContain('ext.rehab-aids');
  });
  it('pet food is not pet diagnostics', () => {
    expect(codes(read('宠物食品工厂', '生产猫粮、狗粮和宠物食品。'))).not.toContain('ext.vet-dx');
  });
  it('what the opening says the firm does names its business; a sales channel or an own QC lab is in passing', () => {
    const petFood = (description: string) =>
      confidence(
        read('宠物营养品生产线', description, {
          title: '宠物营养品生产线',
          description,
          products: ['处方粮', '冻干零食'],
        }),
        'ext.vet-dx',
      );
    const soldThrough = petFood('公司生产宠物主粮和营养补充剂，主要通过宠物医院和电商渠道销售。');
    const sameWordsAsBusiness = petFood('公司主营宠物医院，生产宠物主粮和营养补充剂。');
    expect(soldThrough).toBeGreaterThan(0);
    expect(soldThrough).toBeLessThanOrEqual(sameWordsAsBusiness / 2);
    // Founding year and place say nothing: the clause that says what the firm does counts.
    const founded = read('重庆生产基地', '公司成立于2016年，专注于化学发光免疫诊断试剂的研发和生产。', {
      title: '重庆生产基地',
      description: '',
      products: ['瑞光R100', '瑞光R200'],
    });
    expect(confidence(founded, 'ivd.immuno')).toBeGreaterThan(0.5);
  });
  it('cosmetics with hyaluronic acid are at most a weak aesthetics hint', () => {
    const r = read('护肤品工厂', '生产含玻尿酸的护肤品、面膜和化妆品，主打皮肤抗衰。');
    expect(confidence(r, 'ext.medical-aesthetics')).toBeLessThan(0.3);
  });
});

describe('readProfile: declared codes count but do not override the text', () => {
  it('a declared code the text does not support stays weak', () => {
    const r = read('实木家具加工', '实木家具和全屋定制加工。', {
      title: '',
      description: '',
      declaredCodes: ['ivd.immuno'],
    });
    expect(confidence(r, 'ivd.immuno')).toBeLessThan(0.15);
  });
  it('a declared code the text contradicts stays below the text', () => {
    const r = read('抗体CDMO', '为单抗和双抗提供CDMO服务和细胞株构建。', {
      title: '',
      description: '',
      declaredCodes: ['service.device-cro-cdmo'],
    });
    expect(top(r)).toBe('service.biologics-cro-cdmo');
    expect(confidence(r, 'service.device-cro-cdmo')).toBeLessThan(0.15);
  });
  it('a declared code the text supports gains a little', () => {
    const plain = read('化学发光试剂', '生产化学发光免疫分析试剂。');
    const declared = read('化学发光试剂', '生产化学发光免疫分析试剂。', {
      title: '',
      description: '',
      declaredCodes: ['ivd.immuno'],
    });
    expect(confidence(declared, 'ivd.immuno')).toBeGreaterThanOrEqual(confidence(plain, 'ivd.immuno'));
    expect(declared.codes.find((c) => c.code === 'ivd.immuno')?.declared).toBe(true);
  });
});

it('reading is deterministic', () => {
  const profile = makeProfile({ title: 'POCT快检', description: '胶体金、干式荧光和微流控POCT产品。' });
  expect(readProfile(profile, taxonomy)).toEqual(readProfile(profile, taxonomy));
});

describe('readProfile: traditional characters', () => {
  const summary = (r: ProfileReading) => r.codes.map((c) => [c.code, c.confidence]);
  it.each([
    [
      '化學發光免疫分析儀及試劑',
      '研發生產化學發光免疫分析儀和配套診斷試劑，建設體外診斷試劑廠房。',
      '化学发光免疫分析仪及试剂',
      '研发生产化学发光免疫分析仪和配套诊断试剂，建设体外诊断试剂厂房。',
    ],
    [
      '細胞治療產業化基地',
      '開展細胞藥物研發與生產，佈局幹細胞治療。',
      '细胞治疗产业化基地',
      '开展细胞药物研发与生产，布局干细胞治疗。',
    ],
    [
      '次世代定序腫瘤基因檢測',
      '以次世代定序進行腫瘤基因檢測，研發伴隨診斷試劑。',
      '二代测序肿瘤基因检测',
      '以二代测序进行肿瘤基因检测，研发伴随诊断试剂。',
    ],
    [
      '骨科植入物生產',
      '生產脊柱與關節骨科植入物，三類醫療器械。',
      '骨科植入物生产',
      '生产脊柱与关节骨科植入物，三类医疗器械。',
    ],
  ])('reads “%s” as its simplified twin', (title, description, simplifiedTitle, simplifiedDescription) => {
    const twin = read(simplifiedTitle, simplifiedDescription);
    expect(codes(twin).length).toBeGreaterThan(0);
    expect(summary(read(title, description))).toEqual(summary(twin));
  });
  it('quotes its evidence in simplified characters', () => {
    const r = read('血漿製品項目', '本公司擬新建血液製品生產線。');
    expect(top(r)).toBe('bio.blood-products');
    expect(r.codes[0]?.evidence).toContain('血液制品');
  });
});
