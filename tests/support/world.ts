import { vi } from 'vitest';
import { creditCode } from '../e2e/fixtures.ts';
import { getJson, postJson, signIn, type TestSystem } from './system.ts';

// A small world on a started system, the same for the hostile-input suite and the authorization
// matrix: team accounts of two parks and the city, and for each park ("own" and "other") a lead
// it rated A–C and owns, its firm's token, an appeal, a shared channel, an inbox entry and a
// notification. On firm-services each side has a bank and a service operator of its own (the
// world's bank officer and service operator act for the own side's), a credit product of that
// bank, a financing need of the side's firm pushed to it (and so an entry in the bank's inbox),
// a service of that operator, an order of the firm for it completed with a report file, and a
// pending voucher application. Everything is made through the public APIs, as an admin would.

export const OWN_PARK = 'dadukou-ivd';
export const OTHER_PARK = 'bio-city';
export const PASSWORD = 'hostile-test-1234';

/** The accounts of the world, by the role they play in the matrix. */
export const ACCOUNTS = {
  analystOwn: { username: 'hx-analyst', role: 'analyst', parkId: OWN_PARK },
  managerOwn: { username: 'hx-manager', role: 'manager', parkId: OWN_PARK },
  cityManager: { username: 'hx-city', role: 'manager' },
  analystOther: { username: 'hx-bio-analyst', role: 'analyst', parkId: OTHER_PARK },
  /** An officer of the own side's bank (firm-services), no park. */
  bankOfficer: { username: 'hx-bank-officer', role: 'bank-officer' },
  /** Staff of the own side's service operator (firm-services), no park. */
  serviceOperator: { username: 'hx-operator', role: 'service-operator' },
} as const;

/** The banks and service operators of each side, with their members (the other side's have no account). */
export const ORGS = {
  own: {
    bank: { id: 'hx-own-bank', kind: 'bank', name: { zh: '本方测试银行' }, members: ['hx-bank-officer'] },
    operator: {
      id: 'hx-own-operator',
      kind: 'operator',
      name: { zh: '本方测试检测平台' },
      members: ['hx-operator'],
    },
  },
  other: {
    bank: {
      id: 'hx-other-bank',
      kind: 'bank',
      name: { zh: '他方测试银行' },
      members: ['hx-other-bank-officer'],
    },
    operator: {
      id: 'hx-other-operator',
      kind: 'operator',
      name: { zh: '他方测试检测平台' },
      members: ['hx-other-operator'],
    },
  },
} as const;

/** A side's credit product: open to any firm, park, purpose and collateral. */
export function productOf(side: Side) {
  return {
    bankId: ORGS[side].bank.id,
    name: { zh: side === 'own' ? '本方科技贷' : '他方科技贷' },
    type: 'commercial-value-loan',
    amountCny: [100_000, 50_000_000],
    termMonths: [1, 60],
    ratePct: [3.5, 6],
  };
}

/** A side's platform service, suggested to a firm that needs registration or clinical samples. */
export function serviceOf(side: Side) {
  return {
    operatorId: ORGS[side].operator.id,
    subPlatform: 'testing',
    category: 'method-validation',
    name: { zh: side === 'own' ? '本方方法学验证' : '他方方法学验证' },
    priceCny: 20_000,
    unit: { zh: '每项', en: 'per item' },
    leadTimeDays: 10,
    servesNeeds: ['registration', 'clinical-samples', 'gmp-facility'],
  };
}

/** A financing need of a firm that every side's product takes. */
export const needOf = (leadId: string) => ({
  leadId,
  amountCny: 2_000_000,
  purpose: 'working-capital',
  termMonths: 12,
  collateral: ['none'],
  urgency: 'normal',
});

/** Accounts that only stand by, one per park, for operations on an account ({username}). */
const BYSTANDERS = { own: 'hx-own-bystander', other: 'hx-other-bystander' } as const;

/** Contact data of each lead's firm: what must never reach a reader who may not see that lead. */
export const CONTACTS = {
  own: { name: '欧阳联系人', phone: '13912345678', email: 'hx-own-contact@example.com' },
  other: { name: '司马联系人', phone: '13787654321', email: 'hx-other-contact@example.com' },
} as const;

export type Side = 'own' | 'other';

export interface Target {
  side: Side;
  parkId: string;
  leadId: string;
  firmToken: string;
  /** The profile the lead was submitted with (an update that changes nothing sends it again). */
  profile: unknown;
  appealId: string;
  channelId: string;
  inboxId: string;
  notificationId: string;
  /** A team member of the lead's owner park (who may be its liaison). */
  liaison: string;
  /** A team account of the park, for operations on an account. */
  account: string;
  /** firm-services: the side's bank, its product, the side's firm's need pushed to it, that push's bank inbox entry. */
  bankId: string;
  productId: string;
  needId: string;
  bankInboxId: string;
  /** firm-services: the side's operator, its service, the firm's order for it (completed, with a report file). */
  operatorId: string;
  serviceId: string;
  orderId: string;
  /** firm-services: a pending voucher application of the side's firm. */
  applicationId: string;
}

export interface World {
  system: TestSystem;
  admin: string;
  tokens: Record<keyof typeof ACCOUNTS, string>;
  targets: Record<Side, Target>;
}

/** A clinical mass-spectrometry maker: Dadukou rates it A–C (Bio-City does not matter). */
function massSpec(seed: string, contact: (typeof CONTACTS)[Side]) {
  return {
    firm: {
      name: `谱析质谱仪器有限公司${seed}`,
      creditCode: creditCode(`91320500MA${seed}`),
      province: '江苏',
      city: '苏州',
      foundedYear: 2018,
      employees: 85,
    },
    project: {
      title: '临床质谱仪生产基地',
      type: 'production',
      description: '我们生产三重四极杆液质联用仪（LC-MS/MS）和配套的临床质谱检测试剂盒。',
      growthStage: 'growth',
      needs: ['registration', 'clinical-samples'],
    },
    contact: { ...contact },
    consent: { dataUse: true },
  };
}

/** An antibody and ADC maker: Bio-City rates it A–C, Dadukou D. */
function antibodies(seed: string, contact: (typeof CONTACTS)[Side]) {
  return {
    firm: {
      name: `康源抗体药业有限公司${seed}`,
      creditCode: creditCode(`91310115MA${seed}`),
      province: '上海',
      city: '上海',
      foundedYear: 2015,
      employees: 300,
      qualifications: ['high-tech', 'specialised-sme'],
      patents: 40,
    },
    project: {
      title: '单克隆抗体与ADC药物产业化基地',
      type: 'production',
      description:
        '我们研发生产单克隆抗体、双特异性抗体和抗体偶联药物（ADC），建设细胞培养和原液生产线，需要GMP车间。',
      products: ['PD-1单克隆抗体', 'HER2双特异性抗体', 'ADC'],
      technologies: ['细胞培养', '抗体偶联'],
      growthStage: 'growth',
      plannedInvestmentCny: 500_000_000,
      expectedAnnualOutputCny: 800_000_000,
      timelineMonths: 12,
      needs: ['gmp-facility', 'talent', 'financing'],
    },
    contact: { ...contact },
    consent: { dataUse: true },
  };
}

let seedCounter = 0;
/** A fresh 7-character seed for firm names and credit codes (digits and allowed letters). */
export function freshSeed(): string {
  seedCounter += 1;
  return `${(Date.now() % 1e5).toString().padStart(5, '0')}${String(seedCounter).padStart(2, '0')}`.slice(-7);
}

interface Rated {
  parks?: Record<string, { tier: string }>;
}

/** Submits a profile, waits until the park rated it A–C and has the lead claimed for that park. */
export async function ownedLead(
  system: TestSystem,
  admin: string,
  side: Side,
): Promise<{ leadId: string; firmToken: string; profile: unknown }> {
  const leads = system.urls.leads;
  const parkId = side === 'own' ? OWN_PARK : OTHER_PARK;
  const seed = freshSeed();
  const profile = side === 'own' ? massSpec(seed, CONTACTS.own) : antibodies(seed, CONTACTS.other);
  const res = await postJson(`${leads}/v1/profiles`, profile);
  if (res.status !== 201) throw new Error(`profile for ${side}: ${res.status} ${await res.text()}`);
  const { id: leadId, accessToken: firmToken } = (await res.json()) as { id: string; accessToken: string };
  await vi.waitFor(
    async () => {
      const { body } = await getJson<Rated>(`${leads}/v1/profiles/${leadId}`, admin);
      const tiers = Object.fromEntries(Object.entries(body.parks ?? {}).map(([p, r]) => [p, r.tier]));
      const mine = tiers[parkId];
      if (!mine) throw new Error(`${parkId} has not rated ${leadId} yet`);
      if (mine === 'D') throw new Error(`${parkId} rated the ${side} lead D: change the fixture profile`);
      const elsewhere = side === 'own' ? tiers[OTHER_PARK] : tiers[OWN_PARK];
      if (elsewhere === undefined) throw new Error('the other park has not rated it yet');
      if (elsewhere !== 'D')
        throw new Error(`the ${side} lead must be rated D by the other park (got ${elsewhere})`);
    },
    { timeout: 30_000, interval: 100 },
  );
  const claim = await postJson(`${leads}/v1/leads/${leadId}/claim`, { parkId }, admin);
  if (claim.status !== 201) throw new Error(`claim ${side}: ${claim.status} ${await claim.text()}`);
  return { leadId, firmToken, profile };
}

async function firstId(url: string, token: string, what: string): Promise<string> {
  let id: string | undefined;
  await vi.waitFor(
    async () => {
      const { status, body } = await getJson<{ items?: { id?: string; _id?: string }[] }>(url, token);
      const item = body.items?.[0];
      id = item?.id ?? item?._id;
      if (!id) throw new Error(`no ${what} yet at ${url} (${status})`);
    },
    { timeout: 30_000, interval: 150 },
  );
  return id as string;
}

async function created(res: Response, what: string): Promise<{ id: string }> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A team account made by an admin (a fresh name unless one is given), with the world's password. */
export async function newAccount(
  system: TestSystem,
  admin: string,
  account: { role: string; parkId?: string },
  username = `hx-${account.role}-${freshSeed().toLowerCase()}`,
): Promise<{ username: string }> {
  const res = await postJson(
    `${system.urls.leads}/v1/users`,
    { username, password: PASSWORD, ...account },
    admin,
  );
  if (res.status !== 201 && res.status !== 409)
    throw new Error(`account ${username}: ${res.status} ${await res.text()}`);
  return { username };
}

/** An appeal on a lead, opened by an admin. */
export async function newAppeal(system: TestSystem, admin: string, leadId: string): Promise<{ id: string }> {
  const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return created(
    await postJson(
      `${system.urls.leads}/v1/leads/${leadId}/appeals`,
      {
        category: 'registration',
        title: '注册证加急',
        description: '需要加快二类证审评',
        department: '药监',
        dueOn,
      },
      admin,
    ),
    `appeal on ${leadId}`,
  );
}

/** A park's shared webhook channel (to a closed local port), set up by an admin. */
export async function newChannel(system: TestSystem, admin: string, parkId: string): Promise<{ id: string }> {
  return created(
    await postJson(
      `${system.urls.notifications}/v1/channels`,
      {
        type: 'webhook',
        name: `hx-${parkId}`,
        owner: { parkId },
        url: 'http://127.0.0.1:9/hook',
        secret: 'hostile-secret-123',
      },
      admin,
    ),
    `channel of ${parkId}`,
  );
}

async function sent(res: Response, what: string): Promise<void> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

const send = (method: string, url: string, body: unknown, token: string) =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

/** A financing need of the target's firm, pushed by an admin to the target's product. */
export async function newPushedNeed(
  system: TestSystem,
  admin: string,
  target: Pick<Target, 'leadId' | 'productId'>,
): Promise<{ id: string }> {
  const base = `${system.urls['firm-services']}/v1/finance/needs`;
  const need = await created(await postJson(base, needOf(target.leadId), admin), 'financing need');
  await sent(
    await postJson(`${base}/${need.id}/pushes`, { productIds: [target.productId] }, admin),
    `push of ${need.id}`,
  );
  return need;
}

/** An order of the target's firm for the target's service, placed by an admin; accepted on request. */
export async function newOrder(
  system: TestSystem,
  admin: string,
  target: Pick<Target, 'leadId' | 'serviceId'>,
  accepted = false,
): Promise<{ id: string }> {
  const base = `${system.urls['firm-services']}/v1/rnd/orders`;
  const order = await created(
    await postJson(base, { leadId: target.leadId, serviceId: target.serviceId, quantity: 1 }, admin),
    'order',
  );
  if (accepted)
    await sent(await postJson(`${base}/${order.id}/status`, { status: 'accepted' }, admin), 'accepting');
  return order;
}

/** A pending voucher application of the target's firm, made by an admin on its behalf. */
export async function newApplication(
  system: TestSystem,
  admin: string,
  leadId: string,
): Promise<{ id: string }> {
  const res = await postJson(
    `${system.urls['firm-services']}/v1/vouchers/applications`,
    { leadId, requestedCny: 20_000, purpose: '检测服务' },
    admin,
  );
  if (res.status !== 201) throw new Error(`voucher application: ${res.status} ${await res.text()}`);
  const account = (await res.json()) as { applications: { id: string; status: string }[] };
  const id = account.applications.filter((a) => a.status === 'pending').at(-1)?.id;
  if (!id) throw new Error('voucher application: no pending application in the account');
  return { id };
}

/** firm-services' part of a side: its orgs, product, service, and the firm's need, order, application. */
async function firmServicesOf(
  system: TestSystem,
  admin: string,
  side: Side,
  lead: { leadId: string; parkId: string },
) {
  const url = system.urls['firm-services'];
  const { bank, operator } = ORGS[side];
  for (const { id, ...org } of [bank, operator])
    await sent(await send('PUT', `${url}/v1/orgs/${id}`, org, admin), `org ${id}`);
  const productId = `${bank.id}-loan`;
  const serviceId = `${operator.id}-validation`;
  await sent(await send('PUT', `${url}/v1/finance/products/${productId}`, productOf(side), admin), productId);
  await sent(await send('PUT', `${url}/v1/rnd/services/${serviceId}`, serviceOf(side), admin), serviceId);
  // The firm is known to firm-services (from the leads service's events) with its owner park.
  await vi.waitFor(
    async () => {
      const { status, body } = await getJson<{ parkId?: string }>(`${url}/v1/vouchers/${lead.leadId}`, admin);
      if (status !== 200 || body.parkId !== lead.parkId)
        throw new Error(`firm-services does not know ${lead.leadId} in ${lead.parkId} yet (${status})`);
    },
    { timeout: 30_000, interval: 100 },
  );
  const target = { leadId: lead.leadId, productId, serviceId };
  const need = await newPushedNeed(system, admin, target);
  const order = await newOrder(system, admin, target, true);
  const report = {
    kind: 'file',
    name: 'report.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4 method validation report').toString('base64'),
  };
  await sent(await postJson(`${url}/v1/rnd/orders/${order.id}/report`, report, admin), 'report');
  const application = await newApplication(system, admin, lead.leadId);
  return {
    bankId: bank.id,
    productId,
    needId: need.id,
    operatorId: operator.id,
    serviceId,
    orderId: order.id,
    applicationId: application.id,
  };
}

/** Builds the world on a system whose five API services run. */
export async function buildWorld(system: TestSystem): Promise<World> {
  const { leads, notifications } = system.urls;
  const admin = await signIn(leads, 'admin', 'admin');
  for (const account of Object.values(ACCOUNTS)) {
    const res = await postJson(`${leads}/v1/users`, { ...account, password: PASSWORD }, admin);
    if (res.status !== 201 && res.status !== 409) throw new Error(`user: ${res.status} ${await res.text()}`);
  }
  const tokens = Object.fromEntries(
    await Promise.all(
      Object.entries(ACCOUNTS).map(async ([key, a]) => [key, await signIn(leads, a.username, PASSWORD)]),
    ),
  ) as Record<keyof typeof ACCOUNTS, string>;

  const targets = {} as Record<Side, Target>;
  for (const side of ['own', 'other'] as const) {
    const parkId = side === 'own' ? OWN_PARK : OTHER_PARK;
    const { leadId, firmToken, profile } = await ownedLead(system, admin, side);
    const appeal = await newAppeal(system, admin, leadId);
    const channel = await newChannel(system, admin, parkId);
    targets[side] = {
      side,
      parkId,
      leadId,
      firmToken,
      profile,
      appealId: appeal.id,
      channelId: channel.id,
      inboxId: '',
      notificationId: '',
      liaison: side === 'own' ? ACCOUNTS.analystOwn.username : ACCOUNTS.analystOther.username,
      account: (await newAccount(system, admin, { role: 'analyst', parkId }, BYSTANDERS[side])).username,
      ...(await firmServicesOf(system, admin, side, { leadId, parkId })),
      bankInboxId: '',
    };
  }
  for (const target of Object.values(targets)) {
    target.bankInboxId = await firstId(
      `${notifications}/v1/bank-inbox?bankId=${target.bankId}`,
      admin,
      'bank inbox entry',
    );
    target.inboxId = await firstId(`${notifications}/v1/inbox?parkId=${target.parkId}`, admin, 'inbox entry');
    target.notificationId = await firstId(
      `${notifications}/v1/notifications?parkId=${target.parkId}`,
      admin,
      'notification',
    );
  }
  return { system, admin, tokens, targets };
}

/** The value of a path (or query) parameter for a target, by the parameter's name. */
export function parameterValue(name: string, target: Target): string | undefined {
  switch (name) {
    case 'leadId':
      return target.leadId;
    case 'parkId':
    case 'scope':
      return target.parkId;
    case 'appealId':
      return target.appealId;
    case 'channelId':
      return target.channelId;
    case 'id':
      return target.inboxId;
    case 'notificationId':
      return target.notificationId;
    case 'deliveryId':
      return 'no-such-delivery';
    case 'month':
      return '2026-01';
    case 'version':
      return '1';
    case 'date':
      return '2026-10-09';
    case 'username':
      return target.account;
    case 'orgId':
    case 'bankId':
      return target.bankId;
    case 'productId':
      return target.productId;
    case 'needId':
      return target.needId;
    case 'operatorId':
      return target.operatorId;
    case 'serviceId':
      return target.serviceId;
    case 'orderId':
      return target.orderId;
    case 'applicationId':
      return target.applicationId;
    default:
      return undefined;
  }
}
