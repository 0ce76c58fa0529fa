import type { APPEAL_CATEGORIES, LOST_REASONS, ParkId, PipelineStage } from '@parkmatch/contracts';
import { DEMO_FIRMS } from './firms.ts';

// What happened to each demo lead over the past months, as an office would import it from
// its ledgers: when the profile came in, who claimed it, each stage move, liaisons, visits,
// problems raised and solved, and the monthly figures of the firms now operating. Times are
// days before the load ("day 30" = thirty days ago); the loader turns them into instants.
//
// Dadukou has the richest pipeline (a funnel that narrows, leads stuck for months, a 首报首谈
// refusal, a transfer, a hold, two lost, a withdrawal, four operating key firms); each other
// park has eight to ten leads across the stages.

export type Step =
  | { kind: 'claim'; day: number }
  | { kind: 'liaison'; day: number; username: string }
  | { kind: 'move'; day: number; to: PipelineStage }
  | { kind: 'hold'; day: number; resumeInDays: number; note: string }
  | { kind: 'lose'; day: number; reason: (typeof LOST_REASONS)[number]; detail: string }
  | { kind: 'transfer'; day: number; toParkId: ParkId; reason: string }
  /** Another park tries to claim it after the owner did: refused (首报首谈), nothing recorded. */
  | { kind: 'refused-claim'; parkId: ParkId }
  /** The firm withdraws its profile (at load time: withdrawal takes no past date). */
  | { kind: 'withdraw' };

export interface VisitPlan {
  day: number;
  participants: string[];
  summary: string;
  next?: { step: string; inDays: number };
}

export interface AppealPlan {
  /** Opened this many days ago; due `dueInDays` after that. */
  day: number;
  dueInDays: number;
  category: (typeof APPEAL_CATEGORIES)[number];
  title: string;
  description: string;
  department: string;
  /** Closed this many days ago: resolved (how) or rejected (why). Absent: still open. */
  closed?: { day: number; resolved?: string; rejected?: string };
  /** Being worked on now. */
  inProgress?: boolean;
}

export interface FiguresPlan {
  mainBusiness: string;
  productionScale: string;
  /** Revenue of the first of the twelve months (CNY), then growing by `growth` a month. */
  revenue: number;
  growth: number;
  employees: number;
  /** Registration certificates obtained, month by month (repeats when shorter than twelve). */
  certificates: number[];
}

export interface Story {
  /** The firm's credit code. */
  creditCode: string;
  /** The park that claims it (and the one whose rating must be A–C). */
  park: ParkId;
  /** Days ago the office received the profile. */
  received: number;
  steps: Step[];
  visits?: VisitPlan[];
  appeals?: AppealPlan[];
  figures?: FiguresPlan;
}

const STAGES_IN_ORDER: PipelineStage[] = [
  'contacted',
  'site-visit',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
];

/**
 * The usual walk: claimed on the first day, the liaison named the same day, then one stage
 * forward on each later day given (contacted, site visit, negotiating, signed …).
 */
function walk(liaison: string | undefined, claimDay: number, ...stageDays: number[]): Step[] {
  return [
    { kind: 'claim', day: claimDay },
    ...(liaison ? [{ kind: 'liaison' as const, day: claimDay, username: liaison }] : []),
    ...stageDays.map((day, i) => ({ kind: 'move' as const, day, to: STAGES_IN_ORDER[i] as PipelineStage })),
  ];
}

const code = (key: string): string => {
  const firm = DEMO_FIRMS[key];
  if (!firm) throw new Error(`demo story: no firm ${key}`);
  return firm.firm.creditCode;
};

// Credit codes of the ten profiles in profiles.json.
const JIQING = '91350200MA2XJQ000R';
const PUXI = '91320500MA1PX88006';
const NAWEI = '91440300MA5FNW100H';
const HELIX = '91310115MA1HB7700D';
const KANGFU = '91420100MA4KF63009';
const LVYUAN = '91330600MA2BY4100R';
const BENCAO = '91510100MA6CB19005';
const JIZHUN = '91110108MA01JX2005';
const VACCINE = '91500113MA60BW800A';

const D = 'dadukou-ivd';
const BIO = 'bio-city';
const LJ = 'liangjiang';
const GX = 'gaoxin';
const CS = 'changshou';
const FL = 'fuling';

const DL = 'dadukou-liaison';

export const STORIES: Story[] = [
  // ── 大渡口 IVD: four operating key firms ────────────────────────────────────
  {
    creditCode: JIQING,
    park: D,
    received: 560,
    steps: walk(DL, 558, 555, 540, 520, 500, 470, 450, 405),
    visits: [
      {
        day: 540,
        participants: ['区招商局 张科长', '集庆生物 陈经理'],
        summary:
          '陪同企业考察 IVD 产业园 3 号标准厂房和医疗器械放管服务中心，企业关注注册检验周期和洁净车间交付。',
        next: { step: '提供厂房平面图和装修补贴政策', inDays: 7 },
      },
      {
        day: 470,
        participants: ['区市场监管局 刘科长', '集庆生物 陈经理'],
        summary: '注册落地当天上门，梳理 7 个试剂产品的注册检验计划，技术审评查验服务站提前介入。',
      },
      {
        day: 120,
        participants: ['联络员', '集庆生物 生产总监'],
        summary: '回访投产情况：日产能达到 8 万人份，计划明年上线荧光免疫第二条产线。',
        next: { step: '对接区人社局招聘质检人员', inDays: 30 },
      },
    ],
    appeals: [
      {
        day: 480,
        dueInDays: 30,
        category: 'registration',
        title: '二类试剂注册检验排队时间长',
        description: '企业 5 个胶体金试剂等待注册检验，希望缩短排队时间，赶在投产前取证。',
        department: '区市场监管局',
        closed: { day: 470, resolved: '技术审评查验服务站提前介入，注册检验 20 个工作日内完成。' },
      },
      {
        day: 60,
        dueInDays: 45,
        category: 'market',
        title: '申请进入市级集采目录',
        description: '企业荧光免疫层析试剂希望参加本轮市级带量采购。',
        department: '区医保局',
        closed: { day: 20, resolved: '区医保局协调报名，两个品种进入本轮集采目录。' },
      },
      {
        day: 15,
        dueInDays: 30,
        category: 'talent',
        title: '质检和注册专员招聘困难',
        description: '企业需要 6 名质检员和 2 名注册专员，本地候选人少。',
        department: '区人社局',
      },
    ],
    figures: {
      mainBusiness: '胶体金、荧光免疫层析 POCT 试剂',
      productionScale: '日产 10 万人份试剂，2500 平方米 GMP 车间',
      revenue: 12_500_000,
      growth: 0.035,
      employees: 128,
      certificates: [1, 0, 0, 2, 0, 1],
    },
  },
  {
    creditCode: code('zhongyuan'),
    park: D,
    received: 600,
    steps: walk('dadukou-manager', 598, 596, 590, 575, 550, 520, 500, 420),
    visits: [
      {
        day: 585,
        participants: ['区委常委 王部长', '中元汇吉 董事长'],
        summary: '链主企业扩产座谈：化学发光试剂和磁珠原料扩产需要 30 亩用地，同步研究上游原料本地配套。',
        next: { step: '出具用地预审意见', inDays: 30 },
      },
      {
        day: 300,
        participants: ['区招商局 张科长', '中元汇吉 运营副总'],
        summary: '投产后回访，企业计划引进两家上游原料供应商入园，园区协助对接。',
      },
      {
        day: 30,
        participants: ['联络员', '中元汇吉 人力总监'],
        summary: '年度走访：企业明年新增 200 个岗位，关注研发人才落户和子女入学。',
        next: { step: '会同区人社局制定人才专项方案', inDays: 20 },
      },
    ],
    appeals: [
      {
        day: 540,
        dueInDays: 60,
        category: 'land',
        title: '扩产用地指标',
        description: '扩产项目需要 30 亩工业用地，希望年内完成挂牌。',
        department: '区规划自然资源局',
        closed: { day: 505, resolved: '调整用地计划，地块于第二季度挂牌，企业摘牌。' },
      },
      {
        day: 200,
        dueInDays: 30,
        category: 'market',
        title: '化学发光试剂集采价格过低',
        description: '企业认为省际联盟集采价格低于成本，希望园区出面协调。',
        department: '区医保局',
        closed: { day: 185, rejected: '集采价格由省际联盟确定，不属园区职能；已转市医保局听取意见。' },
      },
      {
        day: 40,
        dueInDays: 20,
        category: 'talent',
        title: '研发人才落户与子女入学',
        description: '新引进的 12 名研发骨干需要落户和子女入学安排。',
        department: '区教委、区人社局',
      },
    ],
    figures: {
      mainBusiness: '化学发光免疫、生化诊断仪器与试剂',
      productionScale: '年产化学发光试剂 3000 万人份、分析仪 1500 台',
      revenue: 88_000_000,
      growth: 0.012,
      employees: 1720,
      certificates: [4, 2, 6, 3, 5, 2],
    },
  },
  {
    creditCode: code('sanfeng'),
    park: D,
    received: 520,
    steps: walk('dadukou', 517, 510, 495, 480, 460, 440, 425, 390),
    visits: [
      {
        day: 495,
        participants: ['区招商局 李科长', '三丰医疗 总经理'],
        summary: '考察标准厂房和 IVD 流通供应链平台，企业看重西南医院渠道。',
      },
      {
        day: 200,
        participants: ['联络员', '三丰医疗 财务总监'],
        summary: '企业计划扩建第二条采血管产线，询问技改贴息政策。',
        next: { step: '提交技改项目申报材料', inDays: 30 },
      },
    ],
    appeals: [
      {
        day: 300,
        dueInDays: 30,
        category: 'financing',
        title: '技改贷款贴息',
        description: '第二条产线技改贷款 3000 万元，申请贴息。',
        department: '区经济信息委',
        closed: { day: 280, resolved: '纳入区技改贴息项目，贴息 2 个百分点。' },
      },
      {
        day: 25,
        dueInDays: 30,
        category: 'registration',
        title: '新型采血管变更注册',
        description: '促凝采血管配方变更，需要办理变更注册。',
        department: '市药监局',
        inProgress: true,
      },
    ],
    figures: {
      mainBusiness: '真空采血管及样本采集耗材',
      productionScale: '年产真空采血管 6 亿支',
      revenue: 21_000_000,
      growth: 0.015,
      employees: 310,
      certificates: [0, 1, 0, 0, 1, 0],
    },
  },
  {
    creditCode: code('ailingda'),
    park: D,
    received: 470,
    steps: walk(DL, 468, 466, 455, 440, 430, 415, 405, 380),
    visits: [
      {
        day: 455,
        participants: ['区招商局 张科长', '艾令达 西南负责人'],
        summary: '考察高新医疗器械产业研究院，讨论临床样本合规获取和注册申报服务合作。',
      },
    ],
    appeals: [
      {
        day: 100,
        dueInDays: 30,
        category: 'other',
        title: '临床样本资源对接',
        description: '企业承接的 3 个 IVD 临床试验需要区内医院的剩余样本。',
        department: '区卫健委',
        closed: { day: 75, resolved: '协调区人民医院临床样本库，签订样本共享协议。' },
      },
    ],
    figures: {
      mainBusiness: 'IVD 临床试验与注册申报服务',
      productionScale: '在研临床试验项目 40 个',
      revenue: 4_200_000,
      growth: 0.025,
      employees: 58,
      certificates: [0],
    },
  },

  // ── 大渡口: the pipeline of the past months ──────────────────────────────────
  {
    creditCode: NAWEI,
    park: D,
    received: 300,
    steps: walk(DL, 298, 292, 270, 245, 215, 180, 95),
    visits: [
      {
        day: 272,
        participants: ['区招商局 李科长', '纳微磁珠 总经理'],
        summary: '考察 IVD 上游原料保税物流平台，企业磁珠原料 60% 依赖进口。',
      },
      {
        day: 40,
        participants: ['联络员', '纳微磁珠 工程经理'],
        summary: '厂房装修进度约 70%，洁净车间验收计划下月进行。',
        next: { step: '协调消防验收时间', inDays: 14 },
      },
    ],
    appeals: [
      {
        day: 120,
        dueInDays: 45,
        category: 'policy',
        title: '原料保税进口通关',
        description: '纳米磁珠前驱体需要保税进口，希望纳入保税物流平台。',
        department: '区商务委',
        closed: { day: 90, resolved: '纳入 IVD 上游原料保税物流平台，首批原料已通关。' },
      },
      {
        day: 50,
        dueInDays: 30,
        category: 'land',
        title: '标准厂房装修补贴兑现',
        description: '装修补贴申请已提交两个月未兑现。',
        department: '区财政局',
      },
    ],
  },
  {
    creditCode: code('bohao'),
    park: D,
    received: 260,
    steps: walk('dadukou', 258, 250, 230, 200, 150, 40),
    visits: [
      {
        day: 232,
        participants: ['区招商局 张科长', '伯豪生物 副总经理'],
        summary: '考察园区和区人民医院，企业希望合作开展结直肠癌早筛社区项目。',
      },
      {
        day: 35,
        participants: ['联络员', '伯豪生物 注册经理'],
        summary: '公司注册完成，讨论早筛试剂三类证临床试验安排。',
        next: { step: '对接临床试验机构', inDays: 21 },
      },
    ],
    appeals: [
      {
        day: 30,
        dueInDays: 45,
        category: 'registration',
        title: '三类证临床试验机构对接',
        description: '早筛试剂三类证需要 3 家临床试验机构。',
        department: '区卫健委',
      },
    ],
  },
  {
    creditCode: JIZHUN,
    park: D,
    received: 210,
    steps: walk(DL, 209, 200, 175, 140, 25),
    visits: [
      {
        day: 176,
        participants: ['区招商局 李科长', '基准分子 CEO'],
        summary: '考察标准厂房，企业计划把西南总部和 PCR 试剂产线放在一起。',
      },
      {
        day: 28,
        participants: ['区长', '基准分子 CEO'],
        summary: '签约仪式前会谈，确认 2 亿元投资和分期建设计划。',
      },
    ],
    appeals: [
      {
        day: 20,
        dueInDays: 40,
        category: 'talent',
        title: '分子诊断研发团队引进',
        description: '西南总部需要引进 20 名研发人员，申请人才公寓。',
        department: '区人社局',
      },
    ],
  },
  {
    creditCode: PUXI,
    park: D,
    received: 240,
    steps: [
      ...walk('dadukou', 238, 232, 200, 160),
      { kind: 'hold', day: 35, resumeInDays: 50, note: '企业 B 轮融资交割推迟，约定融资完成后恢复谈判' },
    ],
    visits: [
      {
        day: 205,
        participants: ['区招商局 张科长', '谱析仪器 董事长'],
        summary: '考察医用质谱产业研究平台，企业希望共建临床质谱应用中心。',
      },
      {
        day: 36,
        participants: ['联络员', '谱析仪器 财务总监'],
        summary: 'B 轮融资交割推迟到明年一季度，项目暂缓。',
        next: { step: '融资完成后重新评估投资方案', inDays: 50 },
      },
    ],
    appeals: [
      {
        day: 70,
        dueInDays: 30,
        category: 'financing',
        title: '申请区产业基金跟投',
        description: '企业 B 轮融资希望区产业基金跟投 3000 万元。',
        department: '区产业基金',
        closed: { day: 40, rejected: '区产业基金投决会未通过；已推荐市产业引导基金。' },
      },
    ],
  },
  {
    creditCode: code('exosome'),
    park: D,
    received: 150,
    steps: walk(DL, 149, 140, 110, 20),
    visits: [
      {
        day: 112,
        participants: ['区招商局 李科长', '泌源生物 CTO'],
        summary: '考察临床样本资源共享平台，企业需要肝癌、肺癌样本开展注册临床。',
      },
      {
        day: 22,
        participants: ['联络员', '泌源生物 CEO'],
        summary: '进入投资协议谈判，分歧在研发用房租金减免年限。',
        next: { step: '提交租金减免方案', inDays: 10 },
      },
    ],
    appeals: [
      {
        day: 18,
        dueInDays: 30,
        category: 'other',
        title: '肿瘤临床样本获取',
        description: '注册临床试验需要 500 例肝癌血浆样本。',
        department: '区卫健委',
      },
    ],
  },
  {
    creditCode: code('guangqi'),
    park: D,
    received: 220,
    steps: walk('dadukou', 218, 210, 180, 95),
    visits: [
      {
        day: 182,
        participants: ['区招商局 张科长', '光启免疫 副总经理'],
        summary: '考察园区用地，企业需要 50 亩建设仪器总装和试剂基地。',
      },
      {
        day: 50,
        participants: ['联络员', '光启免疫 副总经理'],
        summary: '用地价格仍有分歧，企业同时在谈成都天府国际生物城。',
        next: { step: '上报区政府研究用地价格', inDays: 15 },
      },
    ],
    appeals: [
      {
        day: 90,
        dueInDays: 30,
        category: 'land',
        title: '50 亩工业用地价格',
        description: '企业希望工业用地价格参照重点产业项目优惠。',
        department: '区规划自然资源局',
        inProgress: true,
      },
    ],
  },
  {
    creditCode: code('chongkang'),
    park: D,
    received: 160,
    steps: walk(DL, 158, 150, 118),
    visits: [
      {
        day: 119,
        participants: ['区招商局 李科长', '宠康诊断 创始人'],
        summary: '考察标准厂房，企业关注宠物医院渠道和动物诊断产品注册政策。',
        next: { step: '提供宠物诊疗延伸方向扶持政策', inDays: 14 },
      },
    ],
  },
  {
    creditCode: code('weijian'),
    park: D,
    received: 90,
    steps: walk('dadukou', 88, 80, 30),
    visits: [
      {
        day: 31,
        participants: ['区招商局 张科长', '微检生物 总经理'],
        summary: '考察医用质谱研究平台，企业希望共享 MALDI-TOF 设备。',
      },
    ],
  },
  {
    creditCode: code('xuelian'),
    park: D,
    received: 170,
    steps: walk(DL, 168, 150),
    visits: [
      {
        day: 150,
        participants: ['联络员', '血联医疗 市场总监'],
        summary: '电话沟通：企业今年重点在华东扩产，西部基地明年再议。',
      },
    ],
  },
  {
    creditCode: code('moyuan'),
    park: D,
    received: 25,
    steps: walk('dadukou', 24, 12),
  },
  { creditCode: code('xinjian'), park: D, received: 8, steps: [{ kind: 'claim', day: 6 }] },
  { creditCode: code('zhiying'), park: D, received: 2, steps: [] },
  {
    creditCode: code('kefa'),
    park: D,
    received: 200,
    steps: [
      ...walk('dadukou', 198, 190, 165, 130),
      {
        kind: 'lose',
        day: 60,
        reason: 'other-region',
        detail: '企业最终选择无锡本地扩建，当地给予设备购置补贴',
      },
    ],
    visits: [
      {
        day: 166,
        participants: ['区招商局 张科长', '科发免疫 总经理'],
        summary: '考察园区，企业关注化学发光原料配套。',
      },
    ],
  },
  {
    creditCode: code('meisai'),
    park: D,
    received: 140,
    steps: [
      ...walk(DL, 139, 130, 100),
      { kind: 'lose', day: 75, reason: 'funds', detail: '天使轮融资未到位，项目暂停' },
    ],
  },
  {
    creditCode: code('jiandao'),
    park: D,
    received: 100,
    steps: [...walk('dadukou', 99, 90), { kind: 'withdraw' }],
  },
  {
    creditCode: KANGFU,
    park: D,
    received: 200,
    steps: [
      { kind: 'claim', day: 199 },
      { kind: 'refused-claim', parkId: BIO },
      { kind: 'liaison', day: 198, username: DL },
      { kind: 'move', day: 190, to: 'contacted' },
      {
        kind: 'transfer',
        day: 150,
        toParkId: BIO,
        reason: '企业以智能轮椅整机生产为主，生物城康复辅具产业园配套更完整，经双方园区协商移交',
      },
      { kind: 'liaison', day: 150, username: 'biocity-liaison' },
      { kind: 'move', day: 120, to: 'site-visit' },
    ],
    visits: [
      {
        day: 121,
        participants: ['生物城招商局 刘科长', '康复智行 总经理'],
        summary: '考察康复辅具产业园标准厂房和检测平台。',
      },
    ],
    appeals: [
      {
        day: 100,
        dueInDays: 30,
        category: 'policy',
        title: '康复辅具产业园租金减免',
        description: '企业申请前三年厂房租金减免。',
        department: '巴南区经济信息委',
        closed: { day: 80, resolved: '纳入康复辅具产业园租金"三免两减半"政策。' },
      },
    ],
  },

  // ── 重庆国际生物城 ───────────────────────────────────────────────────────────
  {
    creditCode: HELIX,
    park: BIO,
    received: 180,
    steps: walk('biocity-liaison', 178, 170, 140, 80),
    visits: [
      {
        day: 142,
        participants: ['生物城招商局 刘科长', 'Helix VP Operations'],
        summary: '考察抗体 CDMO 平台和 P3 实验室，企业计划建 4×2000L 原液线。',
      },
      {
        day: 82,
        participants: ['联络员', 'Helix 中国区总经理'],
        summary: '进入投资协议谈判，讨论代建厂房方案。',
      },
    ],
    appeals: [
      {
        day: 60,
        dueInDays: 45,
        category: 'talent',
        title: '外籍专家工作许可',
        description: '3 名外籍工艺专家需要办理工作许可。',
        department: '巴南区科技局',
        closed: { day: 30, resolved: '开通外籍人才绿色通道，10 个工作日办结。' },
      },
    ],
  },
  {
    creditCode: VACCINE,
    park: BIO,
    received: 230,
    steps: walk('biocity', 228, 220, 200, 170, 45),
    visits: [
      {
        day: 202,
        participants: ['生物城招商局 刘科长', '企业 CEO'],
        summary: '考察 P3 实验室和动物安全评价平台。',
      },
      { day: 50, participants: ['管委会主任', '企业 CEO'], summary: '签约前会谈，确认分期建设计划。' },
    ],
    appeals: [
      {
        day: 40,
        dueInDays: 45,
        category: 'other',
        title: 'P3 实验室使用排期',
        description: '疫苗攻毒试验需要 P3 实验室 3 个月的使用时段。',
        department: '生物城公共服务平台',
      },
    ],
  },
  {
    creditCode: code('zhixiang'),
    park: BIO,
    received: 330,
    steps: walk('biocity-liaison', 328, 325, 310, 290, 260, 230, 120),
    visits: [
      {
        day: 312,
        participants: ['生物城管委会 王主任', '智翔金泰 董事长'],
        summary: '二期扩产座谈：新建双抗和 ADC 原液车间。',
      },
      { day: 125, participants: ['联络员', '智翔金泰 工程总监'], summary: '二期开工，主体结构施工中。' },
    ],
    appeals: [
      {
        day: 150,
        dueInDays: 30,
        category: 'financing',
        title: '二期项目银团贷款',
        description: '二期项目需要 6 亿元银团贷款。',
        department: '巴南区金融办',
        closed: { day: 128, resolved: '协调三家银行组成银团，授信 6 亿元。' },
      },
    ],
  },
  {
    creditCode: code('boweibaitai'),
    park: BIO,
    received: 120,
    steps: walk('biocity', 118, 110, 60),
    visits: [
      {
        day: 61,
        participants: ['生物城招商局 刘科长', '博唯佰泰 副总裁'],
        summary: '考察疫苗产业园地块和 P3 实验室。',
      },
    ],
  },
  {
    creditCode: code('chenan'),
    park: BIO,
    received: 280,
    steps: walk('biocity-liaison', 278, 270, 240, 210, 160, 70),
    visits: [
      {
        day: 242,
        participants: ['生物城招商局 刘科长', '宸安生物 总经理'],
        summary: '考察园区，企业计划新建 GLP-1 类多肽药物产线。',
      },
      { day: 75, participants: ['联络员', '宸安生物 总经理'], summary: '新公司注册完成，准备开工手续。' },
    ],
    appeals: [
      {
        day: 65,
        dueInDays: 30,
        category: 'registration',
        title: '药品生产许可证变更',
        description: '新址需要办理药品生产许可证生产地址变更。',
        department: '市药监局',
        closed: { day: 50, resolved: '市药监局现场检查，许可证变更完成。' },
      },
    ],
  },
  { creditCode: code('ouliang'), park: BIO, received: 45, steps: walk('biocity', 44, 30) },
  { creditCode: code('huachuang'), park: BIO, received: 10, steps: [{ kind: 'claim', day: 9 }] },
  {
    creditCode: code('zhaoyan'),
    park: BIO,
    received: 250,
    steps: [
      ...walk('biocity-liaison', 248, 240, 200),
      {
        kind: 'lose',
        day: 150,
        reason: 'land',
        detail: '园区可供地块不足 40 亩，企业转向成都天府国际生物城',
      },
    ],
  },
  {
    creditCode: code('peiyuan'),
    park: BIO,
    received: 100,
    steps: walk('biocity', 99, 90, 70, 35),
    visits: [
      {
        day: 72,
        participants: ['生物城招商局 刘科长', '培源生物 CEO'],
        summary: '考察标准厂房，企业需要 GMP 车间。',
      },
    ],
  },

  // ── 两江生命科技城 ───────────────────────────────────────────────────────────
  {
    creditCode: code('xishan'),
    park: LJ,
    received: 300,
    steps: walk('liangjiang-liaison', 298, 290, 260, 230, 180, 90),
    visits: [
      {
        day: 262,
        participants: ['两江新区招商局 赵科长', '西山科技 董事长'],
        summary: '考察医疗器械产业园。',
      },
      { day: 92, participants: ['联络员', '西山科技 副总'], summary: '新公司注册完成。' },
    ],
    appeals: [
      {
        day: 80,
        dueInDays: 90,
        category: 'talent',
        title: '研发工程师人才补贴',
        description: '企业引进 30 名研发工程师，申请人才补贴。',
        department: '两江新区人才办',
        inProgress: true,
      },
    ],
  },
  {
    creditCode: code('yongrenxin'),
    park: LJ,
    received: 130,
    steps: walk('liangjiang', 128, 120, 75),
    visits: [
      {
        day: 76,
        participants: ['两江新区招商局 赵科长', '永仁心 CEO'],
        summary: '考察医疗器械产业园，讨论人工心脏临床推广。',
      },
    ],
  },
  {
    creditCode: code('huasen'),
    park: LJ,
    received: 200,
    steps: walk('liangjiang-liaison', 198, 190, 160, 100),
    visits: [
      { day: 162, participants: ['两江新区招商局 赵科长', '华森制药 董事长'], summary: '考察制剂产业用地。' },
    ],
    appeals: [
      {
        day: 95,
        dueInDays: 45,
        category: 'land',
        title: '新制剂车间用地',
        description: '需要 60 亩工业用地建设制剂车间。',
        department: '两江新区规划局',
        closed: { day: 60, resolved: '确定水土片区地块，年内挂牌。' },
      },
    ],
  },
  { creditCode: code('yingzhi'), park: LJ, received: 60, steps: walk('liangjiang', 58, 45) },
  {
    creditCode: code('shengke'),
    park: LJ,
    received: 240,
    steps: walk('liangjiang-liaison', 238, 230, 200, 170, 55),
    visits: [
      { day: 202, participants: ['两江新区招商局 赵科长', '声科医疗 总经理'], summary: '考察标准厂房。' },
      { day: 58, participants: ['两江新区管委会 副主任', '声科医疗 董事长'], summary: '签约会谈。' },
    ],
    appeals: [
      {
        day: 50,
        dueInDays: 20,
        category: 'registration',
        title: '掌上超声注册证异地变更',
        description: '注册人住所变更到两江新区，需要办理注册变更。',
        department: '市药监局',
      },
    ],
  },
  { creditCode: code('linyan'), park: LJ, received: 5, steps: [] },
  {
    creditCode: code('neijing'),
    park: LJ,
    received: 190,
    steps: [
      ...walk('liangjiang', 188, 180, 150),
      {
        kind: 'lose',
        day: 110,
        reason: 'policy',
        detail: '设备购置补贴比例低于杭州当地政策，企业决定留在杭州扩产',
      },
    ],
  },
  { creditCode: code('yunzhen'), park: LJ, received: 180, steps: walk('liangjiang-liaison', 178, 160) },

  // ── 西部科学城重庆高新区 ─────────────────────────────────────────────────────
  {
    creditCode: code('jingzhun'),
    park: GX,
    received: 320,
    steps: walk('gaoxin-liaison', 318, 315, 300, 270, 230, 200, 110),
    visits: [
      { day: 302, participants: ['高新区招商局 孙科长', '精准生物 CEO'], summary: '考察细胞治疗产业园。' },
      { day: 115, participants: ['联络员', '精准生物 工程经理'], summary: '细胞制备中心开工。' },
    ],
    appeals: [
      {
        day: 130,
        dueInDays: 30,
        category: 'other',
        title: '临床研究医院合作',
        description: 'CAR-T 临床研究需要两家血液科合作医院。',
        department: '高新区卫健局',
        closed: { day: 105, resolved: '对接新桥医院、市肿瘤医院血液科。' },
      },
    ],
  },
  {
    creditCode: code('hexin'),
    park: GX,
    received: 160,
    steps: walk('gaoxin', 158, 150, 120, 70),
    visits: [
      { day: 122, participants: ['高新区招商局 孙科长', '核欣医药 CEO'], summary: '考察核药产业地块。' },
    ],
    appeals: [
      {
        day: 65,
        dueInDays: 75,
        category: 'policy',
        title: '辐射安全许可前置审批',
        description: '核药生产需要辐射安全许可，希望提前介入审批。',
        department: '市生态环境局',
        inProgress: true,
      },
    ],
  },
  {
    creditCode: code('rongtai'),
    park: GX,
    received: 110,
    steps: walk('gaoxin-liaison', 108, 100, 50),
    visits: [
      { day: 51, participants: ['高新区招商局 孙科长', '融泰生物 CEO'], summary: '考察生物药产业园。' },
    ],
  },
  { creditCode: code('xinrui'), park: GX, received: 50, steps: walk('gaoxin', 48, 35) },
  {
    creditCode: code('demei'),
    park: GX,
    received: 210,
    steps: walk('gaoxin-liaison', 208, 200, 170, 140, 40),
    visits: [
      { day: 172, participants: ['高新区招商局 孙科长', '德美医疗 总经理'], summary: '考察植入器械产业园。' },
      { day: 42, participants: ['高新区管委会 主任', '德美医疗 董事长'], summary: '签约会谈。' },
    ],
    appeals: [
      {
        day: 35,
        dueInDays: 45,
        category: 'market',
        title: '骨科耗材集采挂网',
        description: '企业希望新产品尽快在重庆挂网采购。',
        department: '市医保局',
      },
    ],
  },
  {
    creditCode: code('xinshi'),
    park: GX,
    received: 200,
    steps: [
      ...walk('gaoxin', 198, 190, 160, 120),
      { kind: 'lose', day: 65, reason: 'other-region', detail: '企业选择苏州工业园区扩产' },
    ],
  },
  { creditCode: code('xibao'), park: GX, received: 3, steps: [] },
  { creditCode: code('zhikang'), park: GX, received: 75, steps: walk('gaoxin-liaison', 73, 60) },

  // ── 长寿 ─────────────────────────────────────────────────────────────────────
  {
    creditCode: LVYUAN,
    park: CS,
    received: 260,
    steps: walk('changshou-liaison', 258, 250, 225, 190, 50),
    visits: [
      {
        day: 227,
        participants: ['长寿经开区招商局 吴科长', '绿源原料药 董事长'],
        summary: '考察化工园区地块。',
      },
      { day: 55, participants: ['长寿区区长', '绿源原料药 董事长'], summary: '签约前会谈。' },
    ],
    appeals: [
      {
        day: 45,
        dueInDays: 60,
        category: 'policy',
        title: '环评与能评指标',
        description: '原料药项目需要能耗指标和环评批复。',
        department: '区发改委、区生态环境局',
        inProgress: true,
      },
    ],
  },
  {
    creditCode: code('boteng'),
    park: CS,
    received: 400,
    steps: walk('changshou', 398, 396, 385, 360, 330, 300, 150),
    visits: [
      { day: 387, participants: ['长寿经开区管委会 主任', '博腾 董事长'], summary: '三期扩产座谈。' },
      { day: 160, participants: ['联络员', '博腾 工程总监'], summary: '三期开工准备。' },
    ],
    appeals: [
      {
        day: 200,
        dueInDays: 30,
        category: 'land',
        title: '三期用地红线调整',
        description: '三期用地需要调整红线。',
        department: '区规划自然资源局',
        closed: { day: 170, resolved: '红线调整完成。' },
      },
    ],
  },
  {
    creditCode: code('meichuang'),
    park: CS,
    received: 130,
    steps: walk('changshou-liaison', 128, 120, 90, 30),
    visits: [{ day: 92, participants: ['长寿经开区招商局 吴科长', '酶创生物 CEO'], summary: '考察地块。' }],
  },
  {
    creditCode: code('yuanhe'),
    park: CS,
    received: 90,
    steps: walk('changshou', 88, 80, 40),
    visits: [
      { day: 41, participants: ['长寿经开区招商局 吴科长', '源合生物 CEO'], summary: '考察发酵产业地块。' },
    ],
  },
  { creditCode: code('hengkang'), park: CS, received: 40, steps: walk('changshou-liaison', 38, 28) },
  { creditCode: code('xinhe'), park: CS, received: 6, steps: [{ kind: 'claim', day: 4 }] },
  {
    creditCode: code('taiyuan'),
    park: CS,
    received: 300,
    steps: walk('changshou', 298, 290, 260, 230, 190, 80),
    visits: [
      { day: 262, participants: ['长寿经开区招商局 吴科长', '肽元生物 总经理'], summary: '考察园区。' },
    ],
    appeals: [
      {
        day: 70,
        dueInDays: 30,
        category: 'talent',
        title: '多肽合成工艺人才',
        description: '需要 15 名多肽合成工艺工程师。',
        department: '区人社局',
        closed: { day: 45, resolved: '联合重庆大学定向培养。' },
      },
    ],
  },
  {
    creditCode: code('yangzi'),
    park: CS,
    received: 230,
    steps: [
      ...walk('changshou-liaison', 228, 220, 190, 150),
      { kind: 'lose', day: 100, reason: 'policy', detail: '能耗指标不足，项目无法通过节能审查' },
    ],
  },

  // ── 涪陵 ─────────────────────────────────────────────────────────────────────
  {
    creditCode: BENCAO,
    park: FL,
    received: 170,
    steps: walk('fuling-liaison', 168, 160, 130, 60),
    visits: [
      { day: 132, participants: ['涪陵区招商局 郑科长', '本草颗粒 董事长'], summary: '考察中药产业园。' },
      { day: 62, participants: ['联络员', '本草颗粒 副总'], summary: '谈判用地和药材基地配套。' },
    ],
    appeals: [
      {
        day: 55,
        dueInDays: 30,
        category: 'land',
        title: '中药材种植基地流转',
        description: '需要流转 2000 亩土地建设青蒿种植基地。',
        department: '区农业农村委',
      },
    ],
  },
  {
    creditCode: code('hualan'),
    park: FL,
    received: 280,
    steps: walk('fuling', 278, 270, 250, 210, 65),
    visits: [
      {
        day: 252,
        participants: ['涪陵区招商局 郑科长', '华兰生物 总经理'],
        summary: '考察血液制品扩产地块。',
      },
      { day: 66, participants: ['涪陵区区长', '华兰生物 董事长'], summary: '签约会谈。' },
    ],
  },
  {
    creditCode: code('chuanyu'),
    park: FL,
    received: 100,
    steps: walk('fuling-liaison', 98, 90, 45),
    visits: [
      { day: 46, participants: ['涪陵区招商局 郑科长', '川渝本草 总经理'], summary: '考察饮片加工园区。' },
    ],
  },
  { creditCode: code('qinling'), park: FL, received: 55, steps: walk('fuling', 53, 40) },
  {
    creditCode: code('shennong'),
    park: FL,
    received: 350,
    steps: walk('fuling-liaison', 348, 345, 330, 300, 270, 240, 130),
    visits: [
      { day: 332, participants: ['涪陵区招商局 郑科长', '神农颗粒 董事长'], summary: '考察中药产业园。' },
      { day: 135, participants: ['联络员', '神农颗粒 工程经理'], summary: '智能制造基地开工。' },
    ],
    appeals: [
      {
        day: 160,
        dueInDays: 30,
        category: 'financing',
        title: '智能制造专项资金',
        description: '申请市级智能制造专项资金。',
        department: '区经济信息委',
        closed: { day: 140, resolved: '获批市级智能制造专项 800 万元。' },
      },
    ],
  },
  {
    creditCode: code('yudong'),
    park: FL,
    received: 260,
    steps: walk('fuling', 258, 250, 220, 190, 150, 60),
    visits: [{ day: 222, participants: ['涪陵区招商局 郑科长', '渝东中成药 总经理'], summary: '考察园区。' }],
  },
  { creditCode: code('jiangnan'), park: FL, received: 4, steps: [] },
  {
    creditCode: code('xuezhi'),
    park: FL,
    received: 210,
    steps: [
      ...walk('fuling-liaison', 208, 200, 170),
      { kind: 'lose', day: 120, reason: 'cancelled', detail: '集团调整产能布局，取消迁建计划' },
    ],
  },
];

/** The day of a step in the past (withdrawal and refused claims have none: they happen at load). */
export const stepDay = (step: Step): number | undefined => ('day' in step ? step.day : undefined);

/** Every story's days run from past to present, after its receipt; throws on a story that does not. */
export function checkStories(stories: readonly Story[]): void {
  const seen = new Set<string>();
  for (const story of stories) {
    if (seen.has(story.creditCode)) throw new Error(`demo story: ${story.creditCode} twice`);
    seen.add(story.creditCode);
    let last = story.received;
    for (const step of story.steps) {
      const day = stepDay(step);
      if (day === undefined) continue;
      if (day > last || day < 1) throw new Error(`demo story ${story.creditCode}: step out of order`);
      last = day;
    }
  }
}
