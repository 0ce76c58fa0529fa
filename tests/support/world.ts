import { vi } from 'vitest';
import { creditCode } from '../e2e/fixtures.ts';
import { getJson, postJson, signIn, type TestSystem } from './system.ts';

// A small world on a started system, the same for the hostile-input suite and the authorization
// matrix: team accounts of two parks and the city, and for each park ("own" and "other") a lead
// it rated A–C and owns, its firm's token, an appeal, a shared channel, an inbox entry and a
// notification. Everything is made through the public APIs, as an admin would.

export const OWN_PARK = 'dadukou-ivd';
export const OTHER_PARK = 'bio-city';
export const PASSWORD = 'hostile-test-1234';

/** The accounts of the world, by the role they play in the matrix. */
export const ACCOUNTS = {
  analystOwn: { username: 'hx-analyst', role: 'analyst', parkId: OWN_PARK },
  managerOwn: { username: 'hx-manager', role: 'manager', parkId: OWN_PARK },
  cityManager: { username: 'hx-city', role: 'manager' },
  analystOther: { username: 'hx-bio-analyst', role: 'analyst', parkId: OTHER_PARK },
} as const;

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

/** Builds the world on a system whose four API services run. */
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
    };
  }
  for (const target of Object.values(targets)) {
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
    default:
      return undefined;
  }
}
