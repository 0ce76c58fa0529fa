import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AppealPage,
  type LeadListItem,
  type LeadListPage,
  type LeadView,
  type ProfileInput,
  STAGE_LABELS,
  type Stage,
} from '@parkmatch/contracts';
import { type Answer, Api, inPool, why } from './api.ts';
import { DemoClock } from './clock.ts';
import { loadFirmServicesCatalogue, playFirmServicesStory } from './firm-services.ts';
import { DEMO_FIRMS } from './firms.ts';
import { playStory, type Tally } from './history.ts';
import { checkStories, STORIES, type Story } from './stories.ts';
import { setDemoTargets } from './targets.ts';

// Demo data for the local runtime, loaded through the public APIs as the admin, like an
// office moving onto parkmatch with its ledgers: team accounts for every park (and a liaison
// per park), the demo firms' profiles received over the past months, then in the background
// each lead's history (claims, stage moves with their facts, liaisons, a transfer, visits,
// appeals, the key firms' monthly figures) with the times it happened, and Dadukou's targets
// on insights. Safe on every start: it reads what exists first and adds only what is missing.

export const DEMO_PASSWORD = 'demo1234';

const DEMO_USERS = [
  { username: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
  { username: 'biocity', role: 'analyst', parkId: 'bio-city' },
  { username: 'liangjiang', role: 'analyst', parkId: 'liangjiang' },
  { username: 'gaoxin', role: 'analyst', parkId: 'gaoxin' },
  { username: 'changshou', role: 'analyst', parkId: 'changshou' },
  { username: 'fuling', role: 'analyst', parkId: 'fuling' },
  { username: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
  { username: 'city-manager', role: 'manager' },
  // One liaison (联络员) per park: the named contact of the firms it looks after.
  { username: 'dadukou-liaison', role: 'analyst', parkId: 'dadukou-ivd' },
  { username: 'biocity-liaison', role: 'analyst', parkId: 'bio-city' },
  { username: 'liangjiang-liaison', role: 'analyst', parkId: 'liangjiang' },
  { username: 'gaoxin-liaison', role: 'analyst', parkId: 'gaoxin' },
  { username: 'changshou-liaison', role: 'analyst', parkId: 'changshou' },
  { username: 'fuling-liaison', role: 'analyst', parkId: 'fuling' },
] as const;

export const DEMO_USERNAMES: readonly string[] = DEMO_USERS.map((u) => u.username);

/** A profile received without a story (it fits no park): this many days ago. */
const UNPLANNED_RECEIVED_DAYS = 20;
/** Leads played at once. */
const CONCURRENCY = 6;

interface Options {
  urls: Record<string, string>;
  say: (msg: string) => void;
  adminUsername?: string;
  adminPassword?: string;
  /** The load's "now" (tests); the stories' days count back from it. */
  now?: Date;
  /** How long to wait for matching's ratings before claiming. */
  ratingTimeoutMs?: number;
}

export interface DemoSummary {
  accounts: number;
  leads: number;
  /** Profiles this run submitted (the others were there). */
  newProfiles: number;
  byStage: Partial<Record<Stage, number>>;
  visits: number;
  appeals: { total: number; open: number; overdue: number };
  figures: number;
  refusals: number;
  transfers: number;
  skipped: number;
  kept: number;
  incomplete: number;
  targets: number;
  seconds: number;
}

export interface DemoLoad {
  accounts: number;
  /** The profiles and the leads' history, loading in the background; resolves with what the demo holds. */
  history: Promise<DemoSummary>;
}

/** The ten profiles of profiles.json, then the other demo firms. */
export function demoProfiles(): ProfileInput[] {
  const file = path.join(import.meta.dirname, 'profiles.json');
  const listed = JSON.parse(readFileSync(file, 'utf8')) as ProfileInput[];
  return [...listed, ...Object.values(DEMO_FIRMS)];
}

/** Every lead the admin sees, by credit code. */
async function leadsByCreditCode(api: Api): Promise<Map<string, LeadListItem>> {
  const found = new Map<string, LeadListItem>();
  let cursor: string | null = null;
  do {
    const page: Answer<LeadListPage> = await api.get<LeadListPage>(
      `/v1/leads?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200) throw new Error(`demo data: cannot list the leads (${why(page)})`);
    for (const item of page.body.items) found.set(item.creditCode, item);
    cursor = page.body.nextCursor;
  } while (cursor);
  return found;
}

export async function loadDemoData(options: Options): Promise<DemoLoad> {
  const { urls, say } = options;
  const started = Date.now();
  const leadsUrl = urls.leads;
  if (!leadsUrl) throw new Error('no leads URL');
  const api = new Api(leadsUrl);
  const auth = await api.post<{ token: string }>('/v1/auth/token', {
    username: options.adminUsername ?? process.env.ADMIN_USERNAME ?? 'admin',
    password: options.adminPassword ?? process.env.ADMIN_PASSWORD ?? 'admin',
  });
  if (auth.status !== 200) throw new Error(`demo data: admin sign-in failed (${auth.status})`);
  api.token = auth.body.token;
  const clock = new DemoClock(options.now ?? new Date());
  checkStories(STORIES);

  for (const user of DEMO_USERS) {
    const res = await api.post('/v1/users', { ...user, password: DEMO_PASSWORD });
    if (res.status !== 201 && res.status !== 409) throw new Error(`demo user ${user.username}: ${why(res)}`);
  }

  say(
    `demo data: ${DEMO_USERS.length} team accounts ready (password ${DEMO_PASSWORD}); ` +
      'the demo firms’ profiles and their history load in the background',
  );
  const firmServicesUrl = urls['firm-services'];
  if (firmServicesUrl) {
    const loaded = await loadFirmServicesCatalogue(api, firmServicesUrl, DEMO_PASSWORD);
    say(
      `demo data: firm services: ${loaded.products} banks’ credit products, ${loaded.services} R&D platform ` +
        `services, ${loaded.accounts} bank officer and service operator accounts (such as cqrcb-officer, testing-operator)`,
    );
  }

  const history = loadHistory({ ...options, api, clock, started });
  return { accounts: DEMO_USERS.length, history };
}

/** Submits the demo profiles not there yet, each received on the day its story begins. */
async function submitProfiles(api: Api, clock: DemoClock): Promise<number> {
  const storyOf = new Map(STORIES.map((story) => [story.creditCode, story]));
  const known = await leadsByCreditCode(api);
  let added = 0;
  for (const profile of demoProfiles()) {
    if (known.has(profile.firm.creditCode)) continue;
    const received = storyOf.get(profile.firm.creditCode)?.received ?? UNPLANNED_RECEIVED_DAYS;
    const res = await api.post(`/v1/profiles?at=${encodeURIComponent(clock.at(received, 0))}`, profile);
    if (res.status === 201) added++;
    else if (res.status !== 409) throw new Error(`demo profile ${profile.firm.name}: ${why(res)}`);
  }
  return added;
}

async function loadHistory(options: Options & { api: Api; clock: DemoClock; started: number }) {
  const { api, clock, say, urls } = options;
  const warn = (message: string) => say(`demo data: ${message}`);
  const newProfiles = await submitProfiles(api, clock);
  const tally: Tally = {
    refusals: 0,
    transfers: 0,
    skipped: 0,
    tooRecent: 0,
    kept: 0,
    incomplete: 0,
    visits: 0,
    figures: 0,
  };
  const known = await leadsByCreditCode(api);
  const stories: { story: Story; leadId: string }[] = [];
  for (const story of STORIES) {
    const lead = known.get(story.creditCode);
    if (lead) stories.push({ story, leadId: lead.id });
    else warn(`no lead for ${story.creditCode}; its story is skipped`);
  }

  // Matching rates every new profile at every park; a park claims only what it rated A–C.
  const unrated = stories.filter(
    ({ story }) => story.steps.some((s) => s.kind === 'claim') && !known.get(story.creditCode)?.owner,
  );
  await waitForRatings(api, unrated, options.ratingTimeoutMs ?? 60_000);

  await inPool(stories, CONCURRENCY, ({ story, leadId }) =>
    playStory({ api, clock, tally, warn }, story, leadId),
  );

  let targets = 0;
  if (urls.insights) {
    const insights = new Api(urls.insights, api.token);
    targets = await setDemoTargets(insights, clock.year(), warn).catch((error: unknown) => {
      warn(`targets: insights not reached (${error instanceof Error ? error.message : String(error)})`);
      return 0;
    });
  }

  const firmServicesUrl = urls['firm-services'];
  if (firmServicesUrl)
    await playFirmServicesStory(api, firmServicesUrl, DEMO_PASSWORD)
      .then((line) => say(`demo data: firm services: ${line}`))
      .catch((error: unknown) =>
        warn(`firm services story not played (${error instanceof Error ? error.message : String(error)})`),
      );

  const summary = await summarize(api, tally, newProfiles, targets, options.started);
  if (tally.tooRecent > 0)
    warn(
      `${tally.tooRecent} leads were received (in an earlier .data/) after their history begins, so it ` +
        'cannot be put before them: left as they are — delete .data/ for the full demo',
    );
  say(summaryLine(summary));
  return summary;
}

/** Polls each lead (GET /v1/profiles/{id} as admin) until its park rated it, up to `timeoutMs`. */
async function waitForRatings(api: Api, leads: { story: Story; leadId: string }[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let waiting = leads;
  while (waiting.length > 0 && Date.now() < deadline) {
    const still: typeof waiting = [];
    await inPool(waiting, 8, async (item) => {
      const res = await api.get<LeadView>(`/v1/profiles/${item.leadId}`);
      if (res.status !== 200 || !res.body.parks[item.story.park]) still.push(item);
    });
    waiting = still;
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function summarize(
  api: Api,
  tally: Tally,
  newProfiles: number,
  targets: number,
  started: number,
): Promise<DemoSummary> {
  const leads = [...(await leadsByCreditCode(api)).values()];
  const byStage: Partial<Record<Stage, number>> = {};
  for (const lead of leads) byStage[lead.stage] = (byStage[lead.stage] ?? 0) + 1;
  const appeals = { total: 0, open: 0, overdue: 0 };
  let cursor: string | null = null;
  do {
    const page: Answer<AppealPage> = await api.get<AppealPage>(
      `/v1/appeals?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200) break;
    for (const appeal of page.body.items) {
      appeals.total++;
      if (appeal.status === 'open' || appeal.status === 'in-progress') appeals.open++;
      if (appeal.overdue) appeals.overdue++;
    }
    cursor = page.body.nextCursor;
  } while (cursor);
  return {
    accounts: DEMO_USERS.length,
    leads: leads.length,
    newProfiles,
    byStage,
    visits: tally.visits,
    appeals,
    figures: tally.figures,
    refusals: tally.refusals,
    transfers: tally.transfers,
    skipped: tally.skipped + tally.tooRecent,
    kept: tally.kept,
    incomplete: tally.incomplete,
    targets,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

const STAGE_ORDER: Stage[] = [
  'lead',
  'contacted',
  'site-visit',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
  'on-hold',
  'lost',
  'withdrawn',
];

export function summaryLine(s: DemoSummary): string {
  const stages = STAGE_ORDER.map((stage) => `${STAGE_LABELS[stage].zh} ${s.byStage[stage] ?? 0}`).join(' · ');
  const left = [
    s.skipped > 0 ? `${s.skipped} skipped` : '',
    s.kept > 0 ? `${s.kept} worked since, left as they are` : '',
    s.incomplete > 0 ? `${s.incomplete} incomplete (see above)` : '',
  ].filter(Boolean);
  return (
    `demo data: ${s.leads} leads (${s.newProfiles} new; ${stages}), ${s.visits} visits, ${s.appeals.total} appeals ` +
    `(${s.appeals.open} open, ${s.appeals.overdue} overdue), ${s.figures} monthly figures, ` +
    `${s.accounts} accounts${s.targets > 0 ? `, ${s.targets} targets set` : ''}` +
    `${left.length > 0 ? `; ${left.join(', ')}` : ''} — ${s.seconds} s`
  );
}
