import type {
  Bilingual,
  COLLATERAL_KINDS,
  FINANCING_PURPOSES,
  GATES,
  ORDER_STATUSES,
  PRODUCT_TYPES,
  PUSH_STATUSES,
  SUB_PLATFORMS,
  URGENCIES,
  VOUCHER_MOVES,
} from '@parkmatch/contracts';

// Words of the firm-services pages (financing, the R&D platform, vouchers), and the labels of
// their codes. Keyed by the contracts' lists: a code added there fails the typecheck here.

type Labels<T extends readonly string[]> = Record<T[number], Bilingual>;

export const PRODUCT_TYPE_LABELS: Labels<typeof PRODUCT_TYPES> = {
  'bridge-loan': { zh: '应急转贷', en: 'Emergency bridge loan' },
  'commercial-value-loan': { zh: '商业价值贷', en: 'Commercial-value loan' },
  'collateral-uplift-loan': { zh: '抵押增值贷', en: 'Collateral-uplift loan' },
  'renewal-without-repayment': { zh: '无还本续贷', en: 'Renewal without repayment' },
  'sci-tech-relending': { zh: '科技再贷款', en: 'Sci-tech relending' },
  equity: { zh: '股权投资', en: 'Equity' },
};

export const PURPOSE_LABELS: Labels<typeof FINANCING_PURPOSES> = {
  'working-capital': { zh: '流动资金', en: 'Working capital' },
  bridge: { zh: '过桥转贷', en: 'Bridge to a renewal' },
  equipment: { zh: '设备购置', en: 'Equipment' },
  rnd: { zh: '研发投入', en: 'R&D' },
  expansion: { zh: '扩产', en: 'Expansion' },
  refinancing: { zh: '续贷', en: 'Refinancing' },
};

export const COLLATERAL_LABELS: Labels<typeof COLLATERAL_KINDS> = {
  none: { zh: '信用（无抵押）', en: 'None (unsecured)' },
  'real-estate': { zh: '不动产', en: 'Real estate' },
  equipment: { zh: '设备', en: 'Equipment' },
  receivables: { zh: '应收账款', en: 'Receivables' },
  'ip-pledge': { zh: '知识产权质押', en: 'IP pledge' },
  guarantee: { zh: '担保', en: 'Guarantee' },
};

export const URGENCY_LABELS: Labels<typeof URGENCIES> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '较急', en: 'Urgent' },
  emergency: { zh: '紧急（应急周转）', en: 'Emergency' },
};

export const PUSH_STATUS_LABELS: Labels<typeof PUSH_STATUSES> = {
  pushed: { zh: '已推送，待银行受理', en: 'Sent, waiting for the bank' },
  reviewing: { zh: '银行审核中', en: 'The bank is reviewing' },
  offered: { zh: '银行已给出方案', en: 'Offer made' },
  declined: { zh: '银行已婉拒', en: 'Declined' },
};

export const GATE_LABELS: Labels<typeof GATES> = {
  inactive: { zh: '产品已下架', en: 'Product withdrawn' },
  park: { zh: '服务区域', en: 'Area served' },
  purpose: { zh: '资金用途', en: 'Purpose' },
  amount: { zh: '金额', en: 'Amount' },
  term: { zh: '期限', en: 'Term' },
  qualification: { zh: '企业资质', en: 'Qualification' },
  revenue: { zh: '营业收入', en: 'Revenue' },
  'firm-age': { zh: '成立年限', en: 'Firm age' },
  sector: { zh: '行业', en: 'Sector' },
  stage: { zh: '发展阶段', en: 'Growth stage' },
  collateral: { zh: '担保方式', en: 'Collateral' },
};

export const SUB_PLATFORM_LABELS: Labels<typeof SUB_PLATFORMS> = {
  rnd: { zh: '基础与应用研发子平台', en: 'Basic and applied R&D' },
  clinical: { zh: '临床评价子平台', en: 'Clinical evaluation' },
  testing: { zh: '基础检测子平台', en: 'Basic testing' },
};

export const ORDER_STATUS_LABELS: Labels<typeof ORDER_STATUSES> = {
  placed: { zh: '已下单，待受理', en: 'Placed, waiting for the operator' },
  accepted: { zh: '已受理，服务中', en: 'Accepted, in progress' },
  completed: { zh: '已完成', en: 'Completed' },
  declined: { zh: '服务机构已拒单', en: 'Declined by the operator' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const MOVE_LABELS: Labels<typeof VOUCHER_MOVES> = {
  grant: { zh: '发放', en: 'Granted' },
  spend: { zh: '抵扣', en: 'Spent' },
  refund: { zh: '退回', en: 'Refunded' },
  expire: { zh: '过期作废', en: 'Expired' },
};

export const APPLICATION_STATUS_LABELS: Record<'pending' | 'approved' | 'rejected', Bilingual> = {
  pending: { zh: '待园区审批', en: 'Waiting for the park' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
};

export const FS_TEXT = {
  // ── navigation ──
  servicesTitle: { zh: '企业服务', en: 'Firm services' },
  servicesLead: {
    zh: '融资对接（渝企金服）、研发共享服务平台和服务券：登记需求、查看银行答复、预约服务、申请和使用服务券。',
    en: 'Financing (渝企金服), the shared R&D service platform and service vouchers: register a need, see the banks’ answers, order services, apply for and spend vouchers.',
  },
  firmNav: { zh: '企业服务导航', en: 'Firm services' },
  projectStatus: { zh: '项目进度', en: 'Project status' },
  finance: { zh: '融资对接', en: 'Financing' },
  rnd: { zh: '研发服务', en: 'R&D services' },
  vouchers: { zh: '服务券', en: 'Vouchers' },
  notKnownYet: {
    zh: '企业服务平台尚未收到您的项目信息，通常几秒钟内同步完成，请稍后刷新本页。',
    en: 'The firm-services platform has not received your profile yet; it usually takes a few seconds. Refresh this page in a moment.',
  },
  notSetUp: {
    zh: '企业服务平台未配置（FIRM_SERVICES_URL）。',
    en: 'The firm-services platform is not set up (FIRM_SERVICES_URL).',
  },
  firmServicesLink: {
    zh: '企业服务：融资对接、研发服务、服务券',
    en: 'Firm services: financing, R&D services, vouchers',
  },
  expired: {
    zh: '页面停留时间过长，为保护您的信息，本次未提交。您填写的内容都已保留，请检查后再次提交。',
    en: 'This page was open for a long time, so to protect your data nothing was sent. Everything you typed is kept: check it and submit again.',
  },
  notNumber: { zh: '请填写数字', en: 'Enter a number' },
  missing: { zh: '请填写此项', en: 'Fill this in' },
  noneYet: { zh: '暂无', en: 'None yet' },
  // ── financing ──
  needsTitle: { zh: '融资需求', en: 'Financing needs' },
  needsEmpty: { zh: '还没有登记融资需求。', en: 'No financing need registered yet.' },
  newNeed: { zh: '登记融资需求', en: 'Register a financing need' },
  newNeedLead: {
    zh: '填写融资需求后，平台将与各银行的信贷产品逐一匹配，说明匹配理由和不符合的条件；您选择银行后推送给银行，银行的答复在本页查看。',
    en: 'Once registered, your need is matched against every bank’s credit products, with the reasons and the conditions that rule the others out; you choose the banks to send it to and see their answers here.',
  },
  amount: { zh: '融资金额', en: 'Amount' },
  amountHint: { zh: '单位：万元，至少 1 万元', en: 'In 10,000 CNY (万元); at least 1' },
  tenThousand: { zh: '万元', en: '×10,000 CNY' },
  purpose: { zh: '资金用途', en: 'Purpose' },
  term: { zh: '期限', en: 'Term' },
  months: { zh: '个月', en: 'months' },
  collateral: { zh: '可提供的担保方式', en: 'Security you can offer' },
  collateralHint: {
    zh: '可多选；仅能提供信用方式请选择“信用（无抵押）”',
    en: 'Choose all that apply; “None” for unsecured only',
  },
  urgency: { zh: '紧急程度', en: 'Urgency' },
  note: { zh: '补充说明', en: 'Note' },
  registerNeed: { zh: '登记并匹配', en: 'Register and match' },
  needTitle: { zh: '融资需求与匹配', en: 'Financing need and matches' },
  registered: {
    zh: '融资需求已登记，以下是与各银行信贷产品的匹配结果。',
    en: 'Your need is registered; here is how it matches the banks’ credit products.',
  },
  pushedFlash: {
    zh: '已推送给所选银行，银行答复后将在此显示。',
    en: 'Sent to the chosen banks; their answers will show here.',
  },
  matched: { zh: '匹配的信贷产品', en: 'Matching credit products' },
  matchedHint: {
    zh: '按匹配度从高到低排列。勾选要推送的产品（可多选），点击“推送给所选银行”。',
    en: 'Best match first. Tick the products to send the need to and choose “Send to the chosen banks”.',
  },
  noMatch: { zh: '暂无符合条件的信贷产品。', en: 'No credit product fits this need yet.' },
  score: { zh: '匹配度', en: 'Match' },
  reasons: { zh: '匹配理由', en: 'Why it fits' },
  choose: { zh: '选择推送', en: 'Send to' },
  alreadyPushed: { zh: '已推送', en: 'Sent' },
  push: { zh: '推送给所选银行', en: 'Send to the chosen banks' },
  chooseOne: { zh: '请至少勾选一个产品', en: 'Tick at least one product' },
  excluded: { zh: '不符合条件的产品', en: 'Products ruled out' },
  excludedHint: {
    zh: '以下产品因下列条件不符而未纳入匹配。',
    en: 'These products were ruled out by the conditions shown.',
  },
  answers: { zh: '银行答复', en: 'The banks’ answers' },
  answersEmpty: { zh: '尚未推送给任何银行。', en: 'Not sent to any bank yet.' },
  offer: { zh: '方案', en: 'Offer' },
  rate: { zh: '年利率', en: 'Yearly rate' },
  reason: { zh: '原因', en: 'Reason' },
  product: { zh: '产品', en: 'Product' },
  bank: { zh: '银行', en: 'Bank' },
  status: { zh: '状态', en: 'Status' },
  answeredAt: { zh: '答复时间', en: 'Answered' },
  pushedAt: { zh: '推送时间', en: 'Sent' },
  registeredAt: { zh: '登记时间', en: 'Registered' },
  open: { zh: '查看', en: 'Open' },
  // ── R&D services ──
  rndTitle: { zh: '研发共享服务平台', en: 'Shared R&D service platform' },
  rndLead: {
    zh: '高新区研发共享服务平台的三个子平台提供研发、临床评价和检测服务，可用服务券抵扣部分费用。',
    en: 'The Gaoxin platform’s three sub-platforms offer R&D, clinical-evaluation and testing services; vouchers can pay part of the price.',
  },
  suggested: { zh: '为您推荐', en: 'Suggested for you' },
  suggestedHint: { zh: '根据您项目信息中的需求推荐。', en: 'From the needs in your profile.' },
  catalogue: { zh: '全部服务', en: 'All services' },
  price: { zh: '价格', en: 'Price' },
  leadTime: { zh: '周期', en: 'Lead time' },
  days: { zh: '天', en: 'days' },
  qualifications: { zh: '资质', en: 'Qualifications' },
  operator: { zh: '服务机构', en: 'Operator' },
  orderIt: { zh: '预约此服务', en: 'Order' },
  ordersTitle: { zh: '我的订单', en: 'Your orders' },
  ordersEmpty: { zh: '还没有订单。', en: 'No orders yet.' },
  orderTitle: { zh: '预约服务', en: 'Order a service' },
  quantity: { zh: '数量', en: 'Quantity' },
  voucherPart: { zh: '用服务券抵扣', en: 'Paid by voucher' },
  voucherPartHint: {
    zh: '单位：元；不超过订单金额和服务券余额。',
    en: 'In CNY; at most the order’s total and your voucher balance.',
  },
  balanceNow: { zh: '当前服务券余额', en: 'Voucher balance' },
  placeOrder: { zh: '提交订单', en: 'Place the order' },
  ordered: {
    zh: '订单已提交，服务机构受理后将在此更新。',
    en: 'Order placed; it updates here once the operator accepts it.',
  },
  total: { zh: '订单金额', en: 'Total' },
  firmPays: { zh: '企业自付', en: 'You pay' },
  report: { zh: '服务报告', en: 'Report' },
  downloadReport: { zh: '下载报告', en: 'Download the report' },
  openReport: { zh: '查看报告', en: 'Open the report' },
  unknownService: { zh: '没有这项服务。', en: 'No such service.' },
  yuan: { zh: '元', en: 'CNY' },
  // ── vouchers ──
  vouchersTitle: { zh: '服务券', en: 'Service vouchers' },
  vouchersLead: {
    zh: '服务券由园区审批发放，每家企业累计最多 30 万元，可在研发共享服务平台下单时抵扣部分费用。',
    en: 'Vouchers are granted by your park, up to 300,000 CNY per firm in all, and pay part of an order on the R&D platform.',
  },
  balance: { zh: '余额', en: 'Balance' },
  granted: { zh: '累计发放', en: 'Granted in all' },
  cap: { zh: '上限', en: 'Cap' },
  expiresOn: { zh: '有效期至', en: 'Valid until' },
  expiredState: { zh: '服务券已过期', en: 'The vouchers have expired' },
  applications: { zh: '申请记录', en: 'Applications' },
  ledger: { zh: '服务券台账', en: 'Voucher ledger' },
  ledgerEmpty: { zh: '暂无记录。', en: 'No movement yet.' },
  ledgerCaption: { zh: '每一笔发放、抵扣、退回和过期', en: 'Every grant, spend, refund and expiry' },
  when: { zh: '时间', en: 'When' },
  movement: { zh: '变动', en: 'Movement' },
  ledgerAmount: { zh: '金额', en: 'Amount' },
  balanceAfter: { zh: '变动后余额', en: 'Balance after' },
  ref: { zh: '关联', en: 'For' },
  order: { zh: '订单', en: 'Order' },
  application: { zh: '申请', en: 'Application' },
  apply: { zh: '申请服务券', en: 'Apply for vouchers' },
  requested: { zh: '申请金额', en: 'Amount asked for' },
  requestedHint: { zh: '单位：元，累计不超过 300,000 元', en: 'In CNY; 300,000 in all at most' },
  applyPurpose: { zh: '用途说明', en: 'What for' },
  applied: { zh: '申请已提交，等待园区审批。', en: 'Application sent; your park will decide.' },
  by: { zh: '经办', en: 'By' },
  // ── banks ──
  bankTitle: { zh: '推送给本行的融资需求', en: 'Needs sent to your bank' },
  bankLead: {
    zh: '企业选择本行产品后推送的融资需求。请逐一答复：受理审核、给出方案（金额和利率）或婉拒并说明原因。',
    en: 'Financing needs firms sent to your bank’s products. Answer each: reviewing, an offer (amount and rate), or declined with a reason.',
  },
  bankEmpty: { zh: '暂无推送给本行的融资需求。', en: 'No need has been sent to your bank yet.' },
  answer: { zh: '答复', en: 'Answer' },
  answerAs: { zh: '答复方式', en: 'Your answer' },
  reviewing: { zh: '受理审核中', en: 'Reviewing' },
  makeOffer: { zh: '给出方案', en: 'Make an offer' },
  decline: { zh: '婉拒', en: 'Decline' },
  offerAmount: { zh: '授信金额', en: 'Amount offered' },
  offerRate: { zh: '年利率（%）', en: 'Yearly rate (%)' },
  offerTerm: { zh: '期限（月）', en: 'Term (months)' },
  declineReason: { zh: '婉拒原因', en: 'Reason for declining' },
  sendAnswer: { zh: '提交答复', en: 'Send the answer' },
  answered: { zh: '答复已提交，企业和园区将收到通知。', en: 'Answer sent; the firm and its park are told.' },
  finalAnswer: { zh: '已答复（方案和婉拒为最终答复）。', en: 'Answered (an offer or a refusal is final).' },
  firm: { zh: '企业', en: 'Firm' },
  // ── operators ──
  operatorTitle: { zh: '服务订单', en: 'Service orders' },
  operatorLead: {
    zh: '企业在研发共享服务平台提交的订单：受理或拒单，完成后上传服务报告（链接或文件）。',
    en: 'Orders firms placed on the shared R&D platform: accept or decline, and complete with the report (a link or a file).',
  },
  operatorEmpty: { zh: '暂无订单。', en: 'No orders yet.' },
  accept: { zh: '受理订单', en: 'Accept' },
  declineOrder: { zh: '拒单', en: 'Decline' },
  declineOrderReason: { zh: '拒单原因', en: 'Reason for declining' },
  complete: { zh: '完成并提交报告', en: 'Complete with the report' },
  reportUrl: { zh: '报告链接', en: 'Report link' },
  reportUrlHint: {
    zh: 'https:// 开头的报告地址；或在下方上传文件',
    en: 'An https:// address; or upload a file below',
  },
  reportFile: { zh: '报告文件', en: 'Report file' },
  reportFileHint: {
    zh: 'PDF、PNG、JPEG、Excel 或 Word，不超过 160 KB',
    en: 'PDF, PNG, JPEG, Excel or Word, 160 KB at most',
  },
  reportName: { zh: '报告名称', en: 'Report name' },
  reportMissing: { zh: '请填写报告链接或上传报告文件', en: 'Give a report link or upload a file' },
  reportTooLarge: {
    zh: '报告文件过大（不超过 160 KB）',
    en: 'The report file is too large (160 KB at most)',
  },
  reportType: { zh: '报告文件格式不支持', en: 'This file type is not accepted' },
  orderChanged: { zh: '订单已更新。', en: 'Order updated.' },
  // ── park staff ──
  parkTitle: { zh: '企业服务（园区）', en: 'Firm services (park)' },
  parkLead: {
    zh: '本园区企业的服务券申请、融资需求和研发服务订单。',
    en: 'Your park’s firms’ voucher applications, financing needs and R&D orders.',
  },
  pendingTitle: { zh: '待审批的服务券申请', en: 'Voucher applications to decide' },
  pendingEmpty: { zh: '暂无待审批的申请。', en: 'No application is waiting.' },
  decision: { zh: '审批', en: 'Decision' },
  approve: { zh: '批准', en: 'Approve' },
  reject: { zh: '不批准', en: 'Reject' },
  grantedAmount: { zh: '批准金额', en: 'Amount granted' },
  grantedHint: { zh: '单位：元；累计不超过上限', en: 'In CNY; within the cap in all' },
  expiresOnHint: { zh: '不填则为一年', en: 'Leave empty for a year' },
  rejectReason: { zh: '不批准的原因', en: 'Reason for rejecting' },
  sendDecision: { zh: '提交审批', en: 'Send the decision' },
  decided: { zh: '审批已提交。', en: 'Decision sent.' },
  remainingCap: { zh: '剩余可批额度', en: 'Left under the cap' },
  figuresTitle: { zh: '融资与服务券数据', en: 'Financing and voucher figures' },
  figuresHint: {
    zh: '按本页可见的融资需求和服务券账户统计；按园区和期间的趋势见数据看板。',
    en: 'Counted from the needs and voucher accounts on this page; trends per park and period are on the dashboard.',
  },
  figuresInsights: {
    zh: '本年数据（数据看板按事件统计）；按月份和园区的明细见数据看板。',
    en: 'This year’s figures (counted by the dashboard from the events); by month and park on the dashboard.',
  },
  dashboardLink: { zh: '打开数据看板', en: 'Open the dashboard' },
  needsCount: { zh: '融资需求', en: 'Financing needs' },
  demanded: { zh: '融资需求金额', en: 'Financing asked for' },
  offeredTotal: { zh: '银行方案金额', en: 'Offered by banks' },
  offersCount: { zh: '银行方案', en: 'Offers' },
  vouchersGranted: { zh: '服务券发放', en: 'Vouchers granted' },
  vouchersSpent: { zh: '服务券抵扣', en: 'Vouchers spent' },
  vouchersBalance: { zh: '服务券余额', en: 'Vouchers left' },
  parkNeeds: { zh: '本园区融资需求', en: 'Your park’s financing needs' },
  // ── a need closed with its firm's withdrawal; facts missing from the profile ──
  needClosed: { zh: '已关闭', en: 'Closed' },
  closedNoAnswer: {
    zh: '企业已撤回项目信息，该需求已关闭，无需再答复。',
    en: 'The firm withdrew its profile: the need is closed and needs no answer.',
  },
  missingFactsTitle: { zh: '企业资料待补充', en: 'Your profile leaves facts out' },
  missingFactsLead: {
    zh: '您的项目信息未填写以下内容，部分产品的门槛因此无法核对，已标为“待确认”（银行受理时核实）：',
    en: 'Your profile does not give the facts below, so some products’ conditions could not be checked; they are marked “to be confirmed” (the bank checks them):',
  },
  missingFactsLink: { zh: '补充项目信息', en: 'Add them to your profile' },
  factRevenue: { zh: '上年营业收入', en: 'Revenue last year' },
  factFounded: { zh: '成立年份', en: 'Year founded' },
  factStage: { zh: '发展阶段', en: 'Growth stage' },
  parkOrders: { zh: '本园区研发服务订单', en: 'Your park’s R&D orders' },
  // ── partners' frame ──
  partnerNav: { zh: '合作机构导航', en: 'Partner navigation' },
  signOut: { zh: '退出登录', en: 'Sign out' },
} as const satisfies Record<string, Bilingual>;
