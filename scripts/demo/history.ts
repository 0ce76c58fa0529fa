import type {
  Appeal,
  AppealPage,
  FiguresInput,
  LeadHistoryEntry,
  LeadLedger,
  ParkId,
  Stage,
  TeamLeadView,
  VisitList,
} from '@parkmatch/contracts';
import { type Answer, type Api, why } from './api.ts';
import { addDays, type DemoClock, monthsBetween } from './clock.ts';
import { creditCode, REGIONS } from './firms.ts';
import type { AppealPlan, FiguresPlan, Step, Story, VisitPlan } from './stories.ts';

// Plays one story through the public API as the admin importing the office's history: each
// pipeline step with the time it happened (`at`), then the lead's ledgers (visits, appeals,
// monthly figures). What the lead already records is read first and not done again, so a
// second run changes nothing; a lead whose history went another way (someone worked it in
// the demo) is left as it is.

export interface Tally {
  refusals: number;
  transfers: number;
  /** Leads whose story could not be played (rated D, never rated, received after it begins). */
  skipped: number;
  /** Leads received (in an earlier .data/) after their story begins: the past cannot go before them. */
  tooRecent: number;
  /** Leads someone worked in another way: left as they are. */
  kept: number;
  /** Stories stopped by an unexpected answer. */
  incomplete: number;
  visits: number;
  figures: number;
}

export interface StoryContext {
  api: Api;
  clock: DemoClock;
  tally: Tally;
  warn: (message: string) => void;
}

/** The history entry a step leaves, or undefined for a step that leaves none (a refused claim). */
function entryOf(story: Story, step: Step): Pick<LeadHistoryEntry, 'kind' | 'parkId' | 'to'> | undefined {
  switch (step.kind) {
    case 'claim':
      return { kind: 'claimed', parkId: story.park };
    case 'liaison':
      return { kind: 'liaison', to: step.username };
    case 'move':
      return { kind: 'stage', to: step.to };
    case 'hold':
      return { kind: 'stage', to: 'on-hold' };
    case 'lose':
      return { kind: 'stage', to: 'lost' };
    case 'transfer':
      return { kind: 'transferred', to: step.toParkId };
    case 'withdraw':
      return { kind: 'stage', to: 'withdrawn' };
    case 'refused-claim':
      return undefined;
  }
}

const sameEntry = (entry: LeadHistoryEntry, expected: Pick<LeadHistoryEntry, 'kind' | 'parkId' | 'to'>) =>
  entry.kind === expected.kind &&
  (expected.kind === 'claimed' ? entry.parkId === expected.parkId : entry.to === expected.to);

/** The district each park registers its new firms in (GB/T 2260). */
const PARK_REGION: Record<ParkId, string> = {
  'dadukou-ivd': REGIONS.dadukou,
  'bio-city': REGIONS.banan,
  liangjiang: REGIONS.yubei,
  gaoxin: REGIONS.jiulongpo,
  changshou: REGIONS.changshou,
  fuling: REGIONS.fuling,
};

/** The firm's new local company: `集庆生物科技（厦门）有限公司` → `集庆生物科技（重庆）有限公司`. */
function localEntity(name: string): string {
  if (/[（(][^）)]+[）)]/.test(name))
    return name.replace(/[（(][^）)]+[）)]/, (m) => (m.startsWith('(') ? '(Chongqing)' : '（重庆）'));
  if (name.startsWith('重庆')) return name.replace(/(股份)?有限公司$/, '（新区）有限公司');
  return `${name.replace(/^(上海|北京|深圳|杭州|苏州|南京)/, '').replace(/(股份)?有限公司$/, '')}（重庆）有限公司`;
}

/** The facts a move into `to` records, from the firm's profile and the day of the move. */
function factsFor(
  step: Step,
  lead: TeamLeadView,
  owner: ParkId,
  clock: DemoClock,
): Record<string, unknown> | undefined {
  const project = lead.profile.project;
  const investment = project.plannedInvestmentCny ?? 50_000_000;
  const output = project.expectedAnnualOutputCny ?? Math.round(investment * 1.5);
  if (step.kind === 'hold') return { resumeOn: clock.date(-step.resumeInDays) };
  if (step.kind === 'lose') return { reason: step.reason, detail: step.detail };
  if (step.kind !== 'move') return undefined;
  const on = clock.date(step.day);
  switch (step.to) {
    case 'signed':
      return { agreedInvestmentCny: investment, signedOn: on };
    case 'registered':
      return {
        entityName: localEntity(lead.profile.firm.name),
        creditCode: creditCode(PARK_REGION[owner], lead.profile.firm.creditCode.slice(10, 17)),
        registeredCapitalCny: Math.max(5_000_000, Math.round((investment * 0.2) / 1_000_000) * 1_000_000),
        registeredOn: on,
      };
    case 'construction':
      return { startedOn: on, expectedAnnualOutputCny: output };
    case 'operating':
      return { startedOn: on, expectedAnnualOutputCny: output };
    default:
      return undefined;
  }
}

class StoryStopped extends Error {}

/** Plays the story on the lead; what the lead already records is not done again. */
export async function playStory(ctx: StoryContext, story: Story, leadId: string): Promise<void> {
  const { api, clock, tally } = ctx;
  const read = await api.get<TeamLeadView>(`/v1/leads/${leadId}`);
  if (read.status !== 200) {
    ctx.warn(`lead ${leadId}: cannot read it (${why(read)})`);
    tally.incomplete++;
    return;
  }
  let lead = read.body;
  const name = lead.profile.firm.name;
  const fail = (what: string, answer: Answer): never => {
    ctx.warn(`${name}: ${what} refused (${why(answer)}); its story stops here`);
    tally.incomplete++;
    throw new StoryStopped();
  };

  // Where the lead stands: the steps its history already holds must be the story's first ones.
  const recorded = story.steps.filter((step) => entryOf(story, step) !== undefined);
  const history = lead.history;
  const prefix =
    history.length <= recorded.length &&
    history.every((entry, i) => sameEntry(entry, entryOf(story, recorded[i] as Step) as LeadHistoryEntry));
  if (!prefix) {
    tally.kept++;
    return;
  }
  const pending = story.steps.slice(
    history.length === 0 ? 0 : story.steps.indexOf(recorded[history.length - 1] as Step) + 1,
  );
  const claimPending = pending.some((step) => step.kind === 'claim');
  if (claimPending) {
    const rating = lead.parks[story.park];
    if (!rating) {
      ctx.warn(`${name}: ${story.park} has not rated it yet; its story is skipped`);
      tally.skipped++;
      return;
    }
    if (rating.tier === 'D') {
      ctx.warn(`${name}: ${story.park} rated it D, so the park cannot claim it; its story is skipped`);
      tally.skipped++;
      return;
    }
  }
  const firstPast = pending.find((step) => 'day' in step);
  if (firstPast && 'day' in firstPast && lead.createdAt > clock.at(firstPast.day, 0)) {
    // Received (in an earlier .data/) after its story begins: the past cannot be put before it.
    tally.tooRecent++;
    return;
  }

  let revision = lead.pipelineRevision;
  const afterLead = (answer: Answer<TeamLeadView>) => {
    lead = answer.body;
    revision = lead.pipelineRevision;
  };
  try {
    let justClaimed = false;
    for (const step of pending) {
      if (step.kind === 'withdraw') continue; // last, after the ledgers
      const slot = story.steps.indexOf(step) + 1;
      const at = 'day' in step ? clock.at(step.day, slot) : undefined;
      const owner = (lead.owner?.parkId ?? story.park) as ParkId;
      switch (step.kind) {
        case 'claim': {
          const answer = await api.post<TeamLeadView>(`/v1/leads/${leadId}/claim`, {
            parkId: story.park,
            at,
          });
          if (answer.status === 201) afterLead(answer);
          else if (
            answer.status === 409 &&
            (answer.body as { owner?: { parkId: string } }).owner?.parkId === story.park
          ) {
            afterLead(await api.get<TeamLeadView>(`/v1/leads/${leadId}`));
          } else fail('claim', answer);
          justClaimed = true;
          continue;
        }
        case 'refused-claim': {
          // 首报首谈: another park tries after the owner claimed it, and is told who owns it.
          if (!justClaimed) continue;
          const answer = await api.post(`/v1/leads/${leadId}/claim`, { parkId: step.parkId });
          if (answer.status === 409) tally.refusals++;
          else ctx.warn(`${name}: a second park’s claim answered ${answer.status}, not 409`);
          continue;
        }
        case 'liaison': {
          const answer = await api.put<LeadLedger>(`/v1/leads/${leadId}/liaison`, {
            username: step.username,
            pipelineRevision: revision,
            at,
          });
          if (answer.status !== 200) fail(`liaison ${step.username}`, answer);
          revision = answer.body.pipelineRevision;
          break;
        }
        case 'transfer': {
          const answer = await api.post<TeamLeadView>(`/v1/leads/${leadId}/transfer`, {
            toParkId: step.toParkId,
            reason: step.reason,
            pipelineRevision: revision,
            at,
          });
          if (answer.status !== 200) fail(`transfer to ${step.toParkId}`, answer);
          afterLead(answer);
          tally.transfers++;
          break;
        }
        default: {
          const to: Stage = step.kind === 'move' ? step.to : step.kind === 'hold' ? 'on-hold' : 'lost';
          const facts = factsFor(step, lead, owner, clock);
          const note = step.kind === 'hold' ? step.note : undefined;
          const answer = await api.post<TeamLeadView>(`/v1/leads/${leadId}/stage`, {
            to,
            pipelineRevision: revision,
            at,
            ...(facts ? { facts } : {}),
            ...(note ? { note } : {}),
          });
          if (answer.status !== 200) fail(`move to ${to}`, answer);
          afterLead(answer);
        }
      }
      justClaimed = false;
    }
    if (lead.owner && lead.stage !== 'withdrawn')
      await keepLedgers(ctx, story, leadId, name, lead.owner.since);
    if (pending.some((step) => step.kind === 'withdraw')) {
      // The firm withdraws (PIPL): contact data erased, the lead closed; idempotent.
      const answer = await api.delete(`/v1/profiles/${leadId}`);
      if (answer.status !== 204) fail('withdrawal', answer);
    }
  } catch (error) {
    if (!(error instanceof StoryStopped)) throw error;
  }
}

/** Visits, appeals and monthly figures of an owned lead, each added once. */
async function keepLedgers(
  ctx: StoryContext,
  story: Story,
  leadId: string,
  name: string,
  ownerSince: string,
) {
  if (story.visits) await keepVisits(ctx, leadId, name, story.visits);
  for (const plan of story.appeals ?? []) await keepAppeal(ctx, leadId, name, plan, ownerSince);
  if (story.figures) await keepFigures(ctx, leadId, name, story.figures);
}

async function keepVisits(ctx: StoryContext, leadId: string, name: string, plans: VisitPlan[]) {
  const { api, clock } = ctx;
  const listed = await api.get<VisitList>(`/v1/leads/${leadId}/visits`);
  const known = listed.status === 200 ? listed.body.items : [];
  for (const plan of plans) {
    const date = clock.date(plan.day);
    if (!known.some((v) => v.summary === plan.summary)) {
      const answer = await api.post(`/v1/leads/${leadId}/visits`, {
        date,
        participants: plan.participants,
        summary: plan.summary,
        ...(plan.next ? { nextStep: plan.next.step, nextStepDueOn: addDays(date, plan.next.inDays) } : {}),
      });
      if (answer.status !== 201) {
        ctx.warn(`${name}: visit of ${date} refused (${why(answer)})`);
        continue;
      }
    }
    ctx.tally.visits++;
  }
}

async function keepAppeal(
  ctx: StoryContext,
  leadId: string,
  name: string,
  plan: AppealPlan,
  ownerSince: string,
) {
  const { api, clock } = ctx;
  const listed = await api.get<AppealPage>(`/v1/leads/${leadId}/appeals?limit=200`);
  let appeal: Appeal | undefined =
    listed.status === 200 ? listed.body.items.find((a) => a.title === plan.title) : undefined;
  if (!appeal) {
    const openedAt = clock.at(plan.day, 20);
    const answer = await api.post<Appeal>(`/v1/leads/${leadId}/appeals`, {
      category: plan.category,
      title: plan.title,
      description: plan.description,
      department: plan.department,
      dueOn: addDays(clock.date(plan.day), plan.dueInDays),
      // Opened after the park took the lead over (a transfer moves its ledger along).
      openedAt: openedAt < ownerSince ? ownerSince : openedAt,
    });
    if (answer.status !== 201) {
      ctx.warn(`${name}: appeal “${plan.title}” refused (${why(answer)})`);
      return;
    }
    appeal = answer.body;
  }
  const { closed } = plan;
  if (closed && (appeal.status === 'open' || appeal.status === 'in-progress')) {
    const answer = await api.patch(`/v1/appeals/${appeal.id}`, {
      status: closed.resolved ? 'resolved' : 'rejected',
      ...(closed.resolved ? { resolution: closed.resolved } : { rejectionReason: closed.rejected }),
      revision: appeal.revision,
      closedAt: clock.at(closed.day, 21),
    });
    if (answer.status !== 200) ctx.warn(`${name}: closing “${plan.title}” refused (${why(answer)})`);
  } else if (plan.inProgress && appeal.status === 'open') {
    const answer = await api.patch(`/v1/appeals/${appeal.id}`, {
      status: 'in-progress',
      revision: appeal.revision,
    });
    if (answer.status !== 200) ctx.warn(`${name}: “${plan.title}” not taken up (${why(answer)})`);
  }
}

/** The month figures are counted from: a plan's `revenue` is this month's. */
export const FIGURES_EPOCH = '2025-12';

/** A key firm's figures for a month: the same month always gives the same figures (idempotent PUT). */
export function figuresFor(plan: FiguresPlan, month: string): FiguresInput {
  const k = monthsBetween(FIGURES_EPOCH, month);
  const calendarMonth = Number(month.slice(5));
  // Spring Festival in January–February, the year-end push in December.
  const season = calendarMonth === 2 ? 0.78 : calendarMonth === 1 ? 0.92 : calendarMonth === 12 ? 1.12 : 1;
  const revenueCny = Math.round((plan.revenue * (1 + plan.growth) ** k * season) / 10_000) * 10_000;
  const n = plan.certificates.length;
  return {
    mainBusiness: plan.mainBusiness,
    productionScale: plan.productionScale,
    revenueCny,
    taxCny: Math.round((revenueCny * 0.068) / 1_000) * 1_000,
    employees: Math.round(plan.employees * (1 + 0.008 * k)),
    certificatesObtained: plan.certificates[((k % n) + n) % n] ?? 0,
  };
}

/** The twelve months before this one: PUT is idempotent, so they are simply sent again. */
async function keepFigures(ctx: StoryContext, leadId: string, name: string, plan: FiguresPlan) {
  for (let back = 12; back >= 1; back--) {
    const month = ctx.clock.month(back);
    const answer = await ctx.api.put(`/v1/leads/${leadId}/figures/${month}`, figuresFor(plan, month));
    if (answer.status === 200 || answer.status === 201) ctx.tally.figures++;
    else ctx.warn(`${name}: figures of ${month} refused (${why(answer)})`);
  }
}
