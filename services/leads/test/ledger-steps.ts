import type { AppealInput, FiguresInput, ParkRating, VisitInput } from '@parkmatch/contracts';
import type { OutboxEntry, Role } from '@parkmatch/service-kit';
import type { OpenLeads } from './open-leads.ts';

// For tests of the two ledgers: leads owned by a park (written straight into the lead
// document, as a claim would leave it), team accounts, and valid bodies to vary.

export const OWNER = 'dadukou-ivd';
export const OTHER = 'bio-city';

/** The app clock of open-leads (2026-11-02T02:00Z) as the parks count days: Asia/Shanghai. */
export const TODAY = '2026-11-02';
export const THIS_MONTH = '2026-11';

/** The JSON body of a response, typed as the test expects it. */
export const body = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;

/** Both parks rate the lead as worth working: either could claim it. */
const RATINGS: Record<string, ParkRating> = {
  [OWNER]: { tier: 'A', score: 82 },
  [OTHER]: { tier: 'B', score: 61 },
};

/** When the office received the leads of ownedLead: the dates its ledgers record come after. */
export const RECEIVED = '2026-09-01T02:00:00.000Z';

/**
 * A lead rated by both parks, received on RECEIVED and owned by `parkId` since October (stage
 * and other fields as given); its id.
 */
export async function ownedLead(
  t: OpenLeads,
  seed = 1,
  { parkId = OWNER, ...fields }: { parkId?: string; stage?: string } = {},
): Promise<string> {
  const id = await t.ratedLead(RATINGS, seed);
  const owner = { parkId, by: `${parkId}-analyst`, since: '2026-10-01T02:00:00.000Z' };
  await t.leadDocs().updateOne({ _id: id }, { $set: { createdAt: RECEIVED, owner, ...fields } });
  return id;
}

/** A lead both parks rated that nobody claimed yet; its id. */
export const unownedLead = (t: OpenLeads, seed = 1): Promise<string> => t.ratedLead(RATINGS, seed);

/** A team account (for naming liaisons). */
export async function account(t: OpenLeads, username: string, role: Role, parkId?: string): Promise<void> {
  await t.users.insert({
    _id: username,
    role,
    ...(parkId ? { parkId } : {}),
    passwordHash: 'scrypt$x$y',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}

/** The firm's own token for its lead. */
export const firmToken = (t: OpenLeads, leadId: string): Promise<string> =>
  t.token({ sub: `firm:${leadId}`, role: 'firm', leadId });

export const visit = (overrides: Partial<VisitInput> = {}): VisitInput => ({
  date: '2026-10-28',
  participants: ['王主任', '企业李总'],
  summary: '企业计划扩建化学发光试剂产线，关注洁净厂房交付时间',
  nextStep: '提供标准厂房平面图',
  nextStepDueOn: '2026-11-10',
  ...overrides,
});

export const appeal = (overrides: Partial<AppealInput> = {}): AppealInput => ({
  category: 'registration',
  title: '二类医疗器械注册证审评加快',
  description: '企业三个试剂产品等待注册检验，希望协调市药监局提前介入',
  department: '区市场监管局',
  dueOn: '2026-11-30',
  ...overrides,
});

export const figures = (overrides: Partial<FiguresInput> = {}): FiguresInput => ({
  mainBusiness: '化学发光免疫诊断试剂',
  productionScale: '年产试剂 500 万人份',
  revenueCny: 12_500_000,
  taxCny: 830_000,
  employees: 146,
  certificatesObtained: 2,
  ...overrides,
});

/** The topics of events waiting in an outbox (OpenLeads.waitingEvents). */
export const outboxTopics = (entries: readonly OutboxEntry[]): string[] =>
  entries.map((entry) => entry.topic);

/** The payload of one event waiting in an outbox (OpenLeads.waitingEvents). */
export const outboxPayload = (entries: readonly OutboxEntry[], index: number): Record<string, unknown> =>
  JSON.parse(entries.at(index)?.value ?? '{}').payload;
