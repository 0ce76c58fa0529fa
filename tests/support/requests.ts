import { creditCode } from '../e2e/fixtures.ts';
import { type Operation, sampleOf } from './operations.ts';
import { getJson } from './system.ts';
import {
  ACCOUNTS,
  freshSeed,
  needOf,
  ORGS,
  PASSWORD,
  parameterValue,
  productOf,
  serviceOf,
  type Target,
  type World,
} from './world.ts';

// A valid request for every declared operation against a target of the world: path and query
// parameters by name (world.ts), the body built from the declared schema (operations.ts). Only
// where a schema cannot say what is valid (a credit code's check character, the lead's current
// revision, a catalog, the target's firm, bank, product or service named in the body) does an
// operation have an entry below — a new endpoint needs none unless its body holds such a value.

export interface ValidRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

type Override = (world: World, target: Target, base: ValidRequest) => Promise<Partial<ValidRequest>>;

const revisionOf = async (world: World, leadId: string): Promise<number> => {
  const { body } = await getJson<{ pipelineRevision?: number }>(
    `${world.system.urls.leads}/v1/leads/${leadId}`,
    world.admin,
  );
  return body.pipelineRevision ?? 1;
};

const profile = (seed: string) => ({
  firm: {
    name: `合规测试医疗器械有限公司${seed}`,
    creditCode: creditCode(`91500104MA${seed}`),
    province: '重庆',
    city: '重庆',
  },
  project: {
    title: '体外诊断试剂生产',
    type: 'production',
    description: '化学发光免疫诊断试剂的研发和生产。',
  },
  contact: { name: '测试联系人', phone: '023-68881234' },
  consent: { dataUse: true },
});

const OVERRIDES: Record<string, Override> = {
  issueToken: async () => ({ body: { username: ACCOUNTS.analystOwn.username, password: PASSWORD } }),
  changeOwnPassword: async () => ({
    body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-changed` },
  }),
  createUser: async (_w, target) => ({
    body: {
      username: `hx-u-${freshSeed().toLowerCase()}`,
      password: PASSWORD,
      role: 'analyst',
      parkId: target.parkId,
    },
  }),
  submitProfile: async () => ({ body: profile(freshSeed()) }),
  // The lead's own profile again: its ratings, and so who may see it, stay as they are.
  updateProfile: async (_w, target) => ({ body: target.profile }),
  claimLead: async (_w, target) => ({ body: { parkId: target.parkId } }),
  transferLead: async (world, target) => ({
    body: {
      toParkId: target.side === 'own' ? 'liangjiang' : 'gaoxin',
      reason: '企业更适合该园区',
      pipelineRevision: await revisionOf(world, target.leadId),
    },
  }),
  moveLeadStage: async (world, target) => ({
    body: { to: 'contacted', pipelineRevision: await revisionOf(world, target.leadId) },
  }),
  assignLiaison: async (world, target) => ({
    body: { username: target.liaison, pipelineRevision: await revisionOf(world, target.leadId) },
  }),
  changeAppealStatus: async (world, target) => {
    const { body } = await getJson<{ revision?: number }>(
      `${world.system.urls.leads}/v1/appeals/${target.appealId}`,
      world.admin,
    );
    return { body: { status: 'in-progress', revision: body.revision ?? 1, note: '已受理' } };
  },
  publishCatalog: async (world, target) => ({ body: { catalog: await catalogOf(world, target.parkId) } }),
  previewCatalog: async (world, target) => ({ body: { catalog: await catalogOf(world, target.parkId) } }),
  createChannel: async (_w, target) => ({
    body: {
      type: 'webhook',
      name: 'hx-channel',
      owner: { parkId: target.parkId },
      url: 'https://1.1.1.1/parkmatch-hook', // a public address, no name to resolve
      secret: 'hostile-secret-123',
    },
  }),
  setTarget: async (_w, target) => ({ body: { scope: target.parkId, year: 2026, targets: { firms: 12 } } }),
  // The entry of the side's bank inbox (`id` names the team inbox's entries elsewhere).
  markBankInboxEntryRead: async (_w, target, base) => ({
    params: { ...base.params, id: target.bankInboxId },
  }),
  // firm-services: an organisation, product or service put again as it is (nothing changes).
  putOrg: async (_w, target) => {
    const { id: _id, ...org } = ORGS[target.side].bank;
    return { body: org };
  },
  putFinanceProduct: async (_w, target) => ({ body: productOf(target.side) }),
  putRndService: async (_w, target) => ({ body: serviceOf(target.side) }),
  registerFinancingNeed: async (_w, target) => ({ body: needOf(target.leadId) }),
  // Pushed there already: the need is left as it is.
  pushFinancingNeed: async (_w, target) => ({ body: { productIds: [target.productId] } }),
  answerFinancingNeed: async () => ({ body: { status: 'reviewing', note: '已受理，审查中' } }),
  placeRndOrder: async (_w, target) => ({
    body: { leadId: target.leadId, serviceId: target.serviceId, quantity: 1, voucherCny: 0 },
  }),
  // Declining is the operator's move (a firm or its park cancels instead).
  changeRndOrderStatus: async () => ({ body: { status: 'declined', reason: '样本不符合要求' } }),
  completeRndOrder: async () => ({
    body: { kind: 'link', url: 'https://example.com/reports/validation.pdf', name: '方法学验证报告' },
  }),
  applyForVouchers: async (_w, target) => ({
    body: { leadId: target.leadId, requestedCny: 10_000, purpose: '方法学验证检测' },
  }),
  decideVoucherApplication: async () => ({ body: { decision: 'rejected', reason: '材料不全' } }),
};

async function catalogOf(world: World, parkId: string): Promise<unknown> {
  const { status, body } = await getJson<{ catalog?: unknown }>(
    `${world.system.urls.matching}/v1/parks/${parkId}`,
    world.admin,
  );
  if (status !== 200) throw new Error(`catalog of ${parkId}: ${status}`);
  return body.catalog ?? body;
}

/** Query parameters that name the target (its park, lead, bank or operator): the own/other dimension of a list. */
const TARGET_QUERY = new Set(['parkId', 'leadId', 'scope', 'bankId', 'operatorId']);

/** A request the operation should accept from a principal allowed to make it. */
export async function validRequest(world: World, op: Operation, target: Target): Promise<ValidRequest> {
  const params: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of op.parameters) {
    const known = parameterValue(p.name, target);
    if (p.in === 'path') params[p.name] = known ?? String(sampleOf(op, p.schema));
    else if (p.in === 'query' && TARGET_QUERY.has(p.name) && known !== undefined) query[p.name] = known;
    else if (p.in === 'query' && p.required) query[p.name] = String(sampleOf(op, p.schema));
  }
  const base: ValidRequest = { params, query, body: op.body ? sampleOf(op, op.body) : undefined };
  const override = OVERRIDES[op.operationId];
  return override ? { ...base, ...(await override(world, target, base)) } : base;
}
