import {
  type Appeal,
  type AppealStatus,
  type ChannelView,
  type ConversionView,
  type DeliveryView,
  type FirmLeadView,
  type FunnelView,
  type InboxItem,
  type InvestmentView,
  type LeadHistoryEntry,
  type LeadLedger,
  type LeadListItem,
  type LeadMatches,
  type LeadView,
  type LegalMoveView,
  type MonthlyFigures,
  type NotificationView,
  PARKS,
  type ParkSummary,
  PIPELINE_STAGES,
  type Preferences,
  ProfileInput,
  parkName,
  type RankedLeadPage,
  type SlaClockView,
  STAGE_LABELS,
  type Stage,
  StageFacts,
  type TargetView,
  type TimeInStageView,
  type Visit,
} from '@parkmatch/contracts';
import { createTokenService, fieldErrors, type Principal } from '@parkmatch/service-kit';
import { type Context, Hono } from 'hono';
import type { Fetch } from '../src/api/http.ts';

// The services the portal reads — leads, matching, notifications, insights — faked in memory
// with the contracts' shapes: enough for the portal's own tests to drive every page through
// app.request(), no process started. Access follows the system's rule: a park's team sees
// the leads its park rated A–C or owns; city-wide staff see everything.

export const tokens = createTokenService('portal-test-secret-portal-test-secret');

/** The accounts the fakes know (password `demo1234`). */
export const ACCOUNTS: Record<
  string,
  { role: 'analyst' | 'manager' | 'admin' | 'bank-officer' | 'service-operator'; parkId?: string }
> = {
  dadukou: { role: 'analyst', parkId: 'dadukou-ivd' },
  'dadukou-2': { role: 'analyst', parkId: 'dadukou-ivd' },
  fuling: { role: 'analyst', parkId: 'fuling' },
  'dadukou-manager': { role: 'manager', parkId: 'dadukou-ivd' },
  'city-manager': { role: 'manager' },
  admin: { role: 'admin' },
  /** A firm-services account (a bank's officer): no team pages. */
  'bank-officer': { role: 'bank-officer' },
  /** A firm-services account (an R&D service operator's staff). */
  'lab-operator': { role: 'service-operator' },
};

const bilingual = (c: Context, text: { zh: string; en: string }) =>
  (c.req.header('accept-language') ?? '').startsWith('en') ? text.en : text.zh;

/** What the service says of a robot's or webhook's URL and secret. */
function robotErrors(body: { type: string; url: string; secret?: string | undefined }) {
  const errors: { path: string; message: string; messageEn: string }[] = [];
  if (!/^https?:\/\//.test(body.url ?? ''))
    errors.push({ path: 'url', message: '须为 http(s) 地址', messageEn: 'must be an http(s) URL' });
  else if (/^https?:\/\/(127\.|localhost|10\.)/.test(body.url))
    errors.push({
      path: 'url',
      message: '指向内网或本机地址，仅管理员可用',
      messageEn: 'a private address',
    });
  if ((body.type === 'dingtalk' || body.type === 'webhook') && !body.secret)
    errors.push({ path: 'secret', message: '必填', messageEn: 'required' });
  return errors;
}

const problem = (status: number, detail: string, errors?: unknown[]) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: 'error', status, detail, ...(errors ? { errors } : {}) }),
    {
      status,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

async function principalOf(request: Request): Promise<Principal | undefined> {
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return undefined;
  return tokens.verify(token).catch(() => undefined);
}

const cityWide = (p: Principal) => p.role !== 'firm' && p.parkId === undefined;
const manager = (p: Principal) => p.role === 'manager' || p.role === 'admin';

export interface FakeLead {
  id: string;
  profile: LeadView['profile'];
  stage: Stage;
  heldFrom?: (typeof PIPELINE_STAGES)[number] | undefined;
  stageEnteredAt: string;
  pipelineRevision: number;
  owner?: { parkId: string; by: string; since: string } | undefined;
  liaison?: { username: string; by: string; since: string } | undefined;
  facts: Record<string, Record<string, unknown>>;
  history: LeadHistoryEntry[];
  parks: LeadView['parks'];
  /** Each park's matched direction codes, as leads keeps them for the firm's view. */
  fits?: Record<string, string[]>;
  keyFirm?: { onLedger: boolean; by: string; at: string } | undefined;
  createdAt: string;
}

interface FakeLedger {
  expectations?: LeadLedger['expectations'];
  visits: Visit[];
  figures: MonthlyFigures[];
}

const FACT_STAGES = new Set(['signed', 'registered', 'construction', 'operating', 'on-hold', 'lost']);
const isPipeline = (stage: Stage): stage is (typeof PIPELINE_STAGES)[number] =>
  (PIPELINE_STAGES as readonly string[]).includes(stage);

const NEXT_APPEAL: Record<AppealStatus, AppealStatus[]> = {
  open: ['in-progress', 'resolved', 'rejected'],
  'in-progress': ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export class FakeServices {
  readonly leads = new Map<string, FakeLead>();
  readonly ledgers = new Map<string, FakeLedger>();
  readonly appeals: Appeal[] = [];
  readonly inbox: InboxItem[] = [];
  readonly clocks: SlaClockView[] = [];
  readonly preferences = new Map<string, Preferences>();
  readonly targets: TargetView[] = [];
  /** Every channel set up: the callers' own and the parks' shared ones. */
  readonly channels: (ChannelView & { secret?: string })[] = [];
  readonly parkPreferences = new Map<string, Preferences>();
  readonly notifications: { notification: NotificationView; deliveries: DeliveryView[] }[] = [];
  readonly deadLetters: DeliveryView[] = [];
  /** How a test message through a channel goes (`null`: sent). */
  testError: string | null = null;
  /** The catalog of Dadukou as matching keeps it; published versions replace it. */
  catalog: Record<string, unknown> & { version: number; directions: Record<string, unknown>[] };
  rerankDone = 0;
  /** Every request the portal made, as `METHOD path?query`. */
  readonly calls: string[] = [];
  /** Bodies the portal sent, by `METHOD path`. */
  readonly bodies = new Map<string, unknown>();
  /** Answer /healthz with 503. */
  down = false;
  /** Accounts an admin disabled: they cannot sign in, and a park's roster leaves them out. */
  readonly disabledAccounts = new Set<string>();
  /** Answer `GET /v1/users` as leads did before the roster: analysts are refused (403). */
  noRoster = false;
  /** The clock of the fakes. */
  now = () => new Date('2026-03-18T02:00:00.000Z');
  private next = 1;

  readonly parks: ParkSummary[] = [
    {
      id: 'dadukou-ivd',
      name: PARKS[0].name,
      version: 1,
      directions: [
        {
          code: 'ivd.mass-spec',
          kind: 'sub-sector',
          label: { zh: '临床质谱', en: 'Clinical mass spectrometry' },
          weight: 1,
        },
        { code: 'ivd.poct', kind: 'sub-sector', label: { zh: 'POCT快检', en: 'POCT' }, weight: 1 },
      ],
    },
  ];

  constructor() {
    this.catalog = {
      id: 'dadukou-ivd',
      version: 1,
      name: PARKS[0].name,
      directions: [
        {
          code: 'ivd.mass-spec',
          kind: 'sub-sector',
          weight: 1,
          stages: ['growth'],
          label: { zh: '临床质谱', en: 'Clinical mass spectrometry' },
        },
        { code: 'ivd.poct', kind: 'sub-sector', weight: 0.8, stages: [] },
      ],
      assets: [],
      firmCounts: [],
      gates: { requireDirectionMatch: true, excludedCodes: [] },
    };
  }

  readonly fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    this.calls.push(`${request.method} ${url.pathname}${url.search}`);
    if (init?.body && typeof init.body === 'string')
      this.bodies.set(`${request.method} ${url.pathname}`, JSON.parse(init.body));
    return this.app.fetch(request);
  };

  private iso = () => this.now().toISOString();

  addLead(
    profile: LeadView['profile'],
    parks: LeadView['parks'] = { 'dadukou-ivd': { tier: 'A', score: 85.9 } },
  ) {
    const id = `00000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`;
    const createdAt = '2026-01-05T02:00:00.000Z';
    this.leads.set(id, {
      id,
      profile,
      stage: 'lead',
      stageEnteredAt: createdAt,
      pipelineRevision: 1,
      facts: {},
      history: [],
      parks,
      createdAt,
    });
    for (const [parkId, rating] of Object.entries(parks)) {
      if (rating.tier === 'D') continue;
      this.inbox.push({
        id: `inbox-${parkId}-${id}`,
        parkId,
        leadId: id,
        kind: 'new-lead',
        tier: rating.tier,
        score: rating.score,
        firmName: profile.firm.name,
        projectTitle: profile.project.title,
        title: {
          zh: `新线索（${rating.tier}级）：${profile.firm.name}`,
          en: `New lead (${rating.tier}): ${profile.firm.name}`,
        },
        lines: { zh: ['契合承接方向「临床质谱」'], en: ['Fits “Clinical mass spectrometry”'] },
        reasons: { zh: ['契合承接方向「临床质谱」'], en: ['Fits “Clinical mass spectrometry”'] },
        createdAt: '2026-01-05T02:00:01.000Z',
        readAt: null,
      });
    }
    return id;
  }

  /** Claims a lead for a park, as the leads service would. */
  claim(leadId: string, parkId: string, by = 'dadukou') {
    const lead = this.leads.get(leadId);
    if (!lead) throw new Error(`no lead ${leadId}`);
    lead.owner = { parkId, by, since: this.iso() };
    lead.pipelineRevision += 1;
    lead.history.push({ kind: 'claimed', at: this.iso(), by, parkId });
    this.ledgers.set(leadId, { visits: [], figures: [] });
  }

  private canSee(p: Principal, lead: FakeLead) {
    if (p.role === 'firm') return p.leadId === lead.id;
    if (cityWide(p)) return true;
    if (lead.owner && lead.owner.parkId === p.parkId) return true;
    const rating = p.parkId ? lead.parks[p.parkId] : undefined;
    return rating !== undefined && rating.tier !== 'D';
  }

  private works(p: Principal, lead: FakeLead) {
    return lead.owner !== undefined && (cityWide(p) || lead.owner.parkId === p.parkId);
  }

  private legalMoves(p: Principal, lead: FakeLead): LegalMoveView[] {
    if (!this.works(p, lead) || lead.stage === 'withdrawn') return [];
    const facts = (to: Stage, needs: LegalMoveView['needs']): LegalMoveView['needs'] =>
      FACT_STAGES.has(to) ? [...needs, 'facts'] : needs;
    const mgr = (needs: LegalMoveView['needs']) => (manager(p) ? needs : ['manager' as const, ...needs]);
    if (lead.stage === 'on-hold')
      return [
        ...(lead.heldFrom ? [{ to: lead.heldFrom, kind: 'resume' as const, needs: [] }] : []),
        { to: 'lost', kind: 'lose', needs: ['facts'] },
      ];
    if (lead.stage === 'lost')
      return lead.heldFrom ? [{ to: lead.heldFrom, kind: 'reopen', needs: mgr(['note']) }] : [];
    if (!isPipeline(lead.stage)) return [];
    const at = PIPELINE_STAGES.indexOf(lead.stage);
    const moves: LegalMoveView[] = [];
    PIPELINE_STAGES.forEach((to, i) => {
      if (i === at + 1) moves.push({ to, kind: 'next', needs: facts(to, []) });
      else if (i > at + 1) moves.push({ to, kind: 'skip', needs: facts(to, ['note']) });
    });
    PIPELINE_STAGES.forEach((to, i) => {
      if (i < at) moves.push({ to, kind: 'back', needs: mgr(['note']) });
    });
    if (lead.stage !== 'operating')
      moves.push(
        { to: 'on-hold', kind: 'hold', needs: ['facts'] },
        { to: 'lost', kind: 'lose', needs: ['facts'] },
      );
    return moves;
  }

  private firmView(lead: FakeLead): FirmLeadView {
    return {
      id: lead.id,
      revision: 1,
      stage: lead.stage,
      stageLabel: STAGE_LABELS[lead.stage],
      interestedParks: Object.entries(lead.parks)
        .filter(([, rating]) => rating.tier !== 'D')
        .map(([parkId]) => ({
          parkId,
          name: parkName(parkId),
          directions: lead.fits?.[parkId] ?? [],
        })),
      profile: lead.profile,
      createdAt: lead.createdAt,
    };
  }

  private teamView(p: Principal, lead: FakeLead) {
    const parks = Object.fromEntries(
      Object.entries(lead.parks).filter(([parkId]) => cityWide(p) || parkId === p.parkId),
    );
    // 首报首谈, as leads answers: another park's team sees the owner and the stage of a claimed
    // lead, never the firm's contact, the liaison, the facts or the history.
    if (lead.owner && !this.works(p, lead)) {
      const { contact: _contact, consent: _consent, ...profile } = lead.profile;
      return {
        id: lead.id,
        revision: 1,
        stage: lead.stage,
        ...(lead.heldFrom ? { heldFrom: lead.heldFrom } : {}),
        stageEnteredAt: lead.stageEnteredAt,
        pipelineRevision: lead.pipelineRevision,
        owner: lead.owner,
        facts: {},
        history: [],
        profile,
        parks,
        createdAt: lead.createdAt,
        updatedAt: lead.createdAt,
        legalMoves: [],
      };
    }
    return {
      id: lead.id,
      revision: 1,
      stage: lead.stage,
      ...(lead.heldFrom ? { heldFrom: lead.heldFrom } : {}),
      stageEnteredAt: lead.stageEnteredAt,
      pipelineRevision: lead.pipelineRevision,
      ...(lead.owner ? { owner: lead.owner } : {}),
      ...(lead.liaison ? { liaison: lead.liaison } : {}),
      facts: lead.facts,
      history: lead.history,
      profile: lead.profile,
      parks,
      createdAt: lead.createdAt,
      updatedAt: lead.createdAt,
      legalMoves: this.legalMoves(p, lead),
    };
  }

  private listItem(p: Principal, lead: FakeLead): LeadListItem {
    const rating = Object.entries(lead.parks).find(([parkId]) => cityWide(p) || parkId === p.parkId);
    return {
      id: lead.id,
      firmName: lead.profile.firm.name,
      creditCode: lead.profile.firm.creditCode,
      projectTitle: lead.profile.project.title,
      stage: lead.stage,
      ...(lead.heldFrom ? { heldFrom: lead.heldFrom } : {}),
      stageEnteredAt: lead.stageEnteredAt,
      daysInStage: Math.floor((this.now().getTime() - Date.parse(lead.stageEnteredAt)) / 86_400_000),
      pipelineRevision: lead.pipelineRevision,
      ...(lead.owner ? { owner: lead.owner } : {}),
      ...(lead.liaison && (!lead.owner || this.works(p, lead)) ? { liaison: lead.liaison } : {}),
      rating: rating ? { parkId: rating[0], ...rating[1] } : null,
      updatedAt: lead.createdAt,
    };
  }

  private ledgerView(lead: FakeLead & { owner: NonNullable<FakeLead['owner']> }): LeadLedger {
    const ledger = this.ledgers.get(lead.id);
    return {
      leadId: lead.id,
      firmName: lead.profile.firm.name,
      stage: lead.stage,
      pipelineRevision: lead.pipelineRevision,
      owner: lead.owner,
      ...(lead.liaison ? { liaison: lead.liaison } : {}),
      ...(ledger?.expectations ? { expectations: ledger.expectations } : {}),
      keyFirm: {
        onLedger: lead.keyFirm ? lead.keyFirm.onLedger : lead.stage === 'operating',
        ...(lead.keyFirm ? { mark: lead.keyFirm } : {}),
      },
    };
  }

  private readonly app = this.routes();

  private routes() {
    const app = new Hono<{ Variables: { principal: Principal } }>();
    app.get('/healthz', (c) => (this.down ? c.json({ status: 'down' }, 503) : c.json({ status: 'ok' })));
    app.post('/v1/auth/token', async (c) => {
      const { username, password } = await c.req.json<{ username: string; password: string }>();
      const account = ACCOUNTS[username];
      if (!account || password !== 'demo1234') return problem(401, '用户名或密码错误');
      if (this.disabledAccounts.has(username)) return problem(403, '该账号已停用，请联系管理员');
      const token = await tokens.sign({ sub: username, ...account });
      return c.json({ token, expiresIn: 43_200, role: account.role });
    });
    app.post('/v1/profiles', async (c) => {
      const parsed = ProfileInput.safeParse(await c.req.json());
      if (!parsed.success)
        return problem(400, 'request failed validation; see errors', fieldErrors(parsed.error.issues));
      const profile = parsed.data;
      if ([...this.leads.values()].some((l) => l.profile.firm.creditCode === profile.firm.creditCode))
        return problem(409, '该企业（统一社会信用代码）已提交过项目信息');
      const id = this.addLead(profile);
      const accessToken = await tokens.sign({ sub: `firm:${id}`, role: 'firm', leadId: id }, 90 * 24 * 3600);
      return c.json({ id, revision: 1, stage: 'lead', accessToken }, 201);
    });
    app.on(['GET', 'PUT', 'DELETE'], '/v1/profiles/:id', async (c) => {
      const principal = await principalOf(c.req.raw);
      if (!principal) return problem(401, 'invalid token');
      const lead = this.leads.get(c.req.param('id'));
      if (!lead) return problem(404, 'no lead');
      const firm = principal.role === 'firm';
      if (firm && principal.leadId !== lead.id) return problem(403, 'not yours');
      if (!firm) return problem(403, 'firms only here');
      if (c.req.method === 'PUT') {
        const parsed = ProfileInput.safeParse(await c.req.json());
        if (!parsed.success) return problem(400, 'invalid', fieldErrors(parsed.error.issues));
        lead.profile = parsed.data;
      }
      if (c.req.method === 'DELETE') {
        lead.stage = 'withdrawn';
        delete lead.profile.contact;
        return c.body(null, 204);
      }
      return c.json(this.firmView(lead));
    });

    // ── team routes: a team token, and the lead visible to it ──────────────────
    for (const path of [
      '/v1/leads',
      '/v1/leads/*',
      '/v1/appeals/*',
      '/v1/exports/*',
      '/v1/inbox',
      '/v1/inbox/*',
      '/v1/sla-clocks',
      '/v1/notification-preferences',
      '/v1/channels',
      '/v1/channels/*',
      '/v1/notifications',
      '/v1/notifications/*',
      '/v1/dead-letters',
      '/v1/dead-letters/*',
      '/v1/ledgers/*',
      '/v1/parks/:parkId/*',
      '/v1/parks/:parkId',
      '/v1/metrics/*',
      '/v1/targets',
      '/v1/users',
    ]) {
      app.use(path, async (c, next) => {
        const principal = await principalOf(c.req.raw);
        if (!principal) return problem(401, 'invalid token');
        if (principal.role === 'firm') return problem(403, 'teams only');
        c.set('principal', principal);
        return next();
      });
    }
    const visible = (c: Context<{ Variables: { principal: Principal } }>) => {
      const lead = this.leads.get(c.req.param('id') ?? '');
      return lead && this.canSee(c.var.principal, lead) ? lead : undefined;
    };
    const owned = (c: Context<{ Variables: { principal: Principal } }>) => {
      const lead = visible(c);
      if (!lead) return { response: problem(404, bilingual(c, { zh: '没有线索', en: 'no lead' })) };
      if (!lead.owner)
        return { response: problem(409, bilingual(c, { zh: '尚未认领，还没有台账', en: 'no ledger yet' })) };
      if (!this.works(c.var.principal, lead)) return { response: problem(404, 'no lead') };
      return { lead: lead as FakeLead & { owner: NonNullable<FakeLead['owner']> } };
    };

    // A park's accounts, as leads lists them: admins and city managers any park's (or all), a
    // park's manager its own park's, an analyst its park's roster — its active analysts and
    // managers, with only username, role, park and `disabled`.
    app.get('/v1/users', (c) => {
      const p = c.var.principal;
      const asked = c.req.query('parkId');
      const analyst = p.role === 'analyst';
      if ((!analyst && p.role !== 'manager' && p.role !== 'admin') || (analyst && this.noRoster))
        return problem(403, bilingual(c, { zh: '无权查看账号', en: 'not yours to list' }));
      if (p.parkId && asked && asked !== p.parkId)
        return problem(403, bilingual(c, { zh: '只能查看本园区的账号', en: 'your own park only' }));
      const parkId = p.parkId ?? asked;
      const items = Object.entries(ACCOUNTS)
        .filter(([, account]) => !parkId || account.parkId === parkId)
        .map(([username, account]) => ({
          username,
          role: account.role,
          ...(account.parkId ? { parkId: account.parkId } : {}),
          disabled: this.disabledAccounts.has(username),
        }))
        .filter(
          (account) =>
            !analyst || (!account.disabled && (account.role === 'analyst' || account.role === 'manager')),
        )
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((account) => (analyst ? account : { ...account, createdAt: '2026-01-01T00:00:00.000Z' }));
      return c.json({ items });
    });

    app.get('/v1/leads', (c) => {
      const p = c.var.principal;
      const stage = c.req.query('stage');
      const owner = c.req.query('owner');
      const q = c.req.query('q');
      const items = [...this.leads.values()]
        .filter((lead) => this.canSee(p, lead))
        .filter((lead) => !stage || lead.stage === stage)
        .filter((lead) => !owner || (owner === 'none' ? !lead.owner : lead.owner?.parkId === owner))
        .filter(
          (lead) => !q || lead.profile.firm.name.includes(q) || lead.profile.firm.creditCode.includes(q),
        )
        .map((lead) => this.listItem(p, lead));
      const limit = Number(c.req.query('limit') ?? 50);
      return c.json({ items: items.slice(0, limit), nextCursor: items.length > limit ? 'more' : null });
    });
    app.get('/v1/leads/:id', (c) => {
      const lead = visible(c);
      if (!lead) return problem(404, bilingual(c, { zh: '没有线索', en: 'no lead' }));
      return c.json(this.teamView(c.var.principal, lead));
    });
    app.post('/v1/leads/:id/claim', async (c) => {
      const p = c.var.principal;
      const lead = visible(c);
      if (!lead) return problem(404, 'no lead');
      const body = await c.req.json<{ parkId?: string }>().catch(() => ({}) as { parkId?: string });
      const parkId = p.parkId ?? body.parkId;
      if (!parkId) return problem(400, 'name the park');
      if (lead.owner) {
        const name = PARKS.find((park) => park.id === lead.owner?.parkId)?.name ?? { zh: '?', en: '?' };
        return problem(
          409,
          bilingual(c, {
            zh: `该线索已由「${name.zh}」认领（首报首谈）`,
            en: `already claimed by ${name.en}`,
          }),
        );
      }
      const rating = lead.parks[parkId];
      if (!rating || rating.tier === 'D') return problem(403, 'not rated A–C');
      this.claim(lead.id, parkId, p.sub);
      return c.json(this.teamView(p, lead), 201);
    });
    app.post('/v1/leads/:id/transfer', async (c) => {
      const p = c.var.principal;
      const lead = visible(c);
      if (!lead) return problem(404, 'no lead');
      if (!cityWide(p) || !manager(p))
        return problem(403, bilingual(c, { zh: '只有市级管理员可以转移线索', en: 'city managers only' }));
      const body = await c.req.json<{ toParkId: string; reason: string; pipelineRevision: number }>();
      if (body.pipelineRevision !== lead.pipelineRevision)
        return problem(
          409,
          bilingual(c, {
            zh: `线索已被他人更新（版本 ${lead.pipelineRevision}），请刷新后再试`,
            en: `the lead changed meanwhile (revision ${lead.pipelineRevision}); reload and retry`,
          }),
        );
      if (!PARKS.some((park) => park.id === body.toParkId))
        return problem(400, 'invalid', [
          { path: 'toParkId', message: '未知园区', messageEn: 'unknown park' },
        ]);
      if (!lead.owner) return problem(409, bilingual(c, { zh: '尚未认领', en: 'not claimed yet' }));
      if (lead.owner.parkId === body.toParkId)
        return problem(409, 'same owner', [
          { path: 'toParkId', message: '已是归属园区', messageEn: 'already the owner' },
        ]);
      const from = lead.owner.parkId;
      lead.owner = { parkId: body.toParkId, by: p.sub, since: this.iso() };
      lead.liaison = undefined;
      lead.pipelineRevision += 1;
      lead.history.push({
        kind: 'transferred',
        at: this.iso(),
        by: p.sub,
        parkId: body.toParkId,
        from,
        to: body.toParkId,
        note: body.reason,
      });
      return c.json(this.teamView(p, lead));
    });
    app.post('/v1/leads/:id/stage', async (c) => {
      const p = c.var.principal;
      const lead = visible(c);
      if (!lead) return problem(404, 'no lead');
      const body = await c.req.json<{
        to: Stage;
        pipelineRevision: number;
        note?: string;
        facts?: Record<string, unknown>;
      }>();
      if (!lead.owner) return problem(409, 'claim it first');
      if (!this.works(p, lead))
        return problem(403, bilingual(c, { zh: '该线索由其他园区负责', en: 'another park owns it' }));
      if (body.pipelineRevision !== lead.pipelineRevision) {
        const label = STAGE_LABELS[lead.stage];
        return problem(
          409,
          bilingual(c, {
            zh: `线索已被他人更新（现为「${label.zh}」，版本 ${lead.pipelineRevision}），请刷新后再试`,
            en: `the lead changed meanwhile (now ${label.en}, revision ${lead.pipelineRevision}); reload and retry`,
          }),
        );
      }
      const move = this.legalMoves(p, lead).find((m) => m.to === body.to);
      if (!move) return problem(409, 'illegal move');
      if (move.needs.includes('manager')) return problem(403, 'a manager’s move');
      if (move.needs.includes('note') && !body.note)
        return problem(400, 'needs a note', [
          { path: 'note', message: '须说明理由', messageEn: 'a note is required' },
        ]);
      let facts: Record<string, unknown> | undefined;
      if (move.needs.includes('facts')) {
        const schema = StageFacts[body.to as keyof typeof StageFacts];
        const parsed = schema.safeParse(body.facts ?? {});
        if (!parsed.success) {
          const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['facts', ...issue.path] }));
          return problem(400, 'the stage facts are invalid', fieldErrors(issues));
        }
        facts = parsed.data as Record<string, unknown>;
        const today = this.iso().slice(0, 10);
        for (const field of ['signedOn', 'registeredOn', 'startedOn'])
          if (typeof facts[field] === 'string' && (facts[field] as string) > today)
            return problem(400, 'invalid', [
              {
                path: `facts.${field}`,
                message: `不能晚于今天（${today}）`,
                messageEn: `must not be after today (${today})`,
              },
            ]);
      }
      const held = move.kind === 'hold' || move.kind === 'lose';
      lead.history.push({
        kind: 'stage',
        at: this.iso(),
        by: p.sub,
        parkId: lead.owner.parkId,
        from: lead.stage,
        to: body.to,
        ...(body.note ? { note: body.note } : {}),
        ...(facts ? { facts } : {}),
      });
      lead.heldFrom = held ? (lead.heldFrom ?? (isPipeline(lead.stage) ? lead.stage : undefined)) : undefined;
      lead.stage = body.to;
      lead.stageEnteredAt = this.iso();
      lead.pipelineRevision += 1;
      if (facts) lead.facts[body.to] = facts;
      return c.json(this.teamView(p, lead));
    });

    // ── ledgers ─────────────────────────────────────────────────────────────
    app.get('/v1/leads/:id/ledger', (c) => {
      const found = owned(c);
      return 'response' in found ? found.response : c.json(this.ledgerView(found.lead));
    });
    app.put('/v1/leads/:id/liaison', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body = await c.req.json<{ username: string; pipelineRevision: number }>();
      if (body.pipelineRevision !== found.lead.pipelineRevision)
        return problem(409, bilingual(c, { zh: '线索已被他人更新', en: 'changed meanwhile' }));
      const account = ACCOUNTS[body.username];
      if (!account || account.parkId !== found.lead.owner.parkId)
        return problem(400, 'not an account of the park', [
          { path: 'username', message: '不是本园区的账号', messageEn: 'not an account of the owner park' },
        ]);
      found.lead.liaison = { username: body.username, by: c.var.principal.sub, since: this.iso() };
      found.lead.pipelineRevision += 1;
      return c.json(this.ledgerView(found.lead));
    });
    app.put('/v1/leads/:id/expectations', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body = await c.req.json<Record<string, number>>();
      const ledger = this.ledgers.get(found.lead.id) ?? { visits: [], figures: [] };
      ledger.expectations = { ...body, by: c.var.principal.sub, at: this.iso() };
      this.ledgers.set(found.lead.id, ledger);
      return c.json(this.ledgerView(found.lead));
    });
    app.get('/v1/leads/:id/visits', (c) => {
      const found = owned(c);
      return 'response' in found
        ? found.response
        : c.json({ items: this.ledgers.get(found.lead.id)?.visits ?? [] });
    });
    app.post('/v1/leads/:id/visits', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body = await c.req.json<Omit<Visit, 'id' | 'leadId' | 'parkId' | 'by' | 'createdAt'>>();
      if (body.date > this.iso().slice(0, 10))
        return problem(400, 'invalid', [
          { path: 'date', message: '不能晚于今天', messageEn: 'not in the future' },
        ]);
      const visit: Visit = {
        ...body,
        id: crypto.randomUUID(),
        leadId: found.lead.id,
        parkId: found.lead.owner.parkId,
        by: c.var.principal.sub,
        createdAt: this.iso(),
      };
      this.ledgers.get(found.lead.id)?.visits.unshift(visit);
      return c.json(visit, 201);
    });
    app.get('/v1/leads/:id/appeals', (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      return c.json({ items: this.appeals.filter((a) => a.leadId === found.lead.id), nextCursor: null });
    });
    app.post('/v1/leads/:id/appeals', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body =
        await c.req.json<Pick<Appeal, 'category' | 'title' | 'description' | 'department' | 'dueOn'>>();
      const appeal: Appeal = {
        ...body,
        id: crypto.randomUUID(),
        leadId: found.lead.id,
        parkId: found.lead.owner.parkId,
        status: 'open',
        overdue: body.dueOn < this.iso().slice(0, 10),
        revision: 1,
        history: [{ to: 'open', by: c.var.principal.sub, at: this.iso() }],
        openedBy: c.var.principal.sub,
        openedAt: this.iso(),
        updatedAt: this.iso(),
      };
      this.appeals.unshift(appeal);
      return c.json(appeal, 201);
    });
    app.patch('/v1/appeals/:id', async (c) => {
      const appeal = this.appeals.find((a) => a.id === c.req.param('id'));
      if (!appeal || (!cityWide(c.var.principal) && appeal.parkId !== c.var.principal.parkId))
        return problem(404, 'no appeal');
      const body = await c.req.json<{
        status: AppealStatus;
        revision: number;
        resolution?: string;
        rejectionReason?: string;
      }>();
      if (body.revision !== appeal.revision)
        return problem(409, bilingual(c, { zh: '诉求已被他人更新', en: 'the appeal changed meanwhile' }));
      if (!NEXT_APPEAL[appeal.status].includes(body.status)) return problem(409, 'illegal change');
      if (body.status === 'resolved' && !body.resolution)
        return problem(400, 'invalid', [
          {
            path: 'resolution',
            message: '改为该状态时必须填写解决情况',
            messageEn: 'required to mark it resolved',
          },
        ]);
      appeal.status = body.status;
      appeal.revision += 1;
      if (body.resolution) appeal.resolution = body.resolution;
      if (body.rejectionReason) appeal.rejectionReason = body.rejectionReason;
      return c.json(appeal);
    });
    app.get('/v1/leads/:id/figures', (c) => {
      const found = owned(c);
      return 'response' in found
        ? found.response
        : c.json({ items: this.ledgers.get(found.lead.id)?.figures ?? [] });
    });
    app.put('/v1/leads/:id/figures/:month', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body =
        await c.req.json<
          Omit<MonthlyFigures, 'leadId' | 'parkId' | 'month' | 'history' | 'reportedBy' | 'reportedAt'>
        >();
      const figures: MonthlyFigures = {
        ...body,
        leadId: found.lead.id,
        parkId: found.lead.owner.parkId,
        month: c.req.param('month'),
        history: [],
        reportedBy: c.var.principal.sub,
        reportedAt: this.iso(),
      };
      this.ledgers.get(found.lead.id)?.figures.unshift(figures);
      return c.json(figures, 201);
    });

    app.put('/v1/leads/:id/key-firm', async (c) => {
      const found = owned(c);
      if ('response' in found) return found.response;
      const body = await c.req.json<{ onLedger: boolean }>();
      found.lead.keyFirm = { onLedger: body.onLedger, by: c.var.principal.sub, at: this.iso() };
      return c.json(this.ledgerView(found.lead));
    });
    app.get('/v1/ledgers/key-firms', (c) => {
      const p = c.var.principal;
      const month = c.req.query('month') ?? this.iso().slice(0, 7);
      const parkId = c.req.query('parkId');
      if (parkId && !cityWide(p) && parkId !== p.parkId) return problem(403, 'not your park');
      const items = [...this.leads.values()]
        .filter((lead) => lead.owner && this.works(p, lead) && (!parkId || lead.owner.parkId === parkId))
        .map((lead) => ({
          lead,
          view: this.ledgerView(lead as FakeLead & { owner: NonNullable<FakeLead['owner']> }),
        }))
        .filter(({ view }) => view.keyFirm.onLedger)
        .map(({ lead, view }) => {
          const figures = this.ledgers.get(lead.id)?.figures.find((f) => f.month === month) ?? null;
          return {
            leadId: lead.id,
            firmName: lead.profile.firm.name,
            parkId: view.owner.parkId,
            stage: lead.stage,
            ...(lead.liaison ? { liaison: lead.liaison.username } : {}),
            onLedgerBecause: view.keyFirm.mark?.onLedger ? ('marked' as const) : ('operating' as const),
            status: figures ? ('reported' as const) : ('not-reported' as const),
            figures,
          };
        });
      return c.json({ month, items });
    });

    // ── exports: a CSV of what the caller may see ─────────────────────────────
    app.get('/v1/exports/:file', (c) => {
      const p = c.var.principal;
      const rows = [...this.leads.values()]
        .filter((lead) => this.canSee(p, lead))
        .map((lead) => lead.profile.firm.name);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`\uFEFF企业名称\r\n${rows.join('\r\n')}\r\n`));
          controller.close();
        },
      });
      const file = c.req.param('file');
      return new Response(body, {
        headers: {
          'content-type': file.endsWith('.csv')
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="leads_${p.parkId ?? 'city'}.${file.split('.')[1]}"; filename*=UTF-8''%E7%BA%BF%E7%B4%A2.${file.split('.')[1]}`,
        },
      });
    });

    // ── matching ────────────────────────────────────────────────────────────
    app.get('/v1/parks', (c) => c.json({ items: this.parks }));
    app.get('/v1/parks/:parkId', (c) => {
      if (c.req.param('parkId') !== 'dadukou-ivd') return problem(404, 'no park');
      if (!cityWide(c.var.principal) && c.var.principal.parkId !== 'dadukou-ivd')
        return problem(403, 'not your park');
      return c.json(this.catalog);
    });
    app.post('/v1/parks/:parkId/what-if', async (c) => {
      if (!manager(c.var.principal)) return problem(403, 'managers only');
      const { catalog } = await c.req.json<{ catalog: { directions: { code: string; weight: number }[] } }>();
      const unknown = catalog.directions.findIndex((d) => !d.code.startsWith('ivd.'));
      if (unknown >= 0)
        return problem(400, 'the catalog is not valid', [
          {
            path: `catalog.directions.${unknown}.code`,
            message: '分类中没有此代码',
            messageEn: 'unknown taxonomy code',
          },
        ]);
      const lead = [...this.leads.values()][0];
      const mover = lead
        ? [
            {
              leadId: lead.id,
              firmName: lead.profile.firm.name,
              rank: 1,
              score: 90.2,
              tier: 'A' as const,
              previousRank: 2,
              previousScore: 70.1,
              previousTier: 'B' as const,
            },
          ]
        : [];
      return c.json({
        parkId: 'dadukou-ivd',
        baseVersion: this.catalog.version,
        total: this.leads.size,
        top: mover,
        tierUp: mover,
        tierDown: [],
        tierUpCount: mover.length,
        tierDownCount: 0,
        enteredTop: [],
        leftTop: [],
      });
    });
    app.put('/v1/parks/:parkId/catalog', async (c) => {
      if (!manager(c.var.principal)) return problem(403, 'managers only');
      const { catalog } = await c.req.json<{ catalog: FakeServices['catalog'] }>();
      this.catalog = { ...catalog, version: this.catalog.version + 1 };
      this.rerankDone = 0;
      return c.json({ version: this.catalog.version, rerank: this.rerank() }, 202);
    });
    app.get('/v1/parks/:parkId/rerank', (c) =>
      this.catalog.version === 1 ? problem(404, 'never re-ranked') : c.json(this.rerank()),
    );
    app.get('/v1/parks/:parkId/ranked-leads', (c) => {
      const p = c.var.principal;
      const items = [...this.leads.values()]
        .filter((lead) => this.canSee(p, lead))
        .map((lead) => ({
          leadId: lead.id,
          firmName: lead.profile.firm.name,
          projectTitle: lead.profile.project.title,
          score: 85.9,
          tier: 'A' as const,
          matchedDirections: [{ code: 'ivd.mass-spec', strength: 0.9, evidence: ['质谱仪'] }],
          reasons: { zh: ['契合承接方向「临床质谱」'], en: ['Fits “Clinical mass spectrometry”'] },
        }));
      return c.json({ items, nextCursor: items.length > 0 ? 'next-page' : null } satisfies RankedLeadPage);
    });
    app.get('/v1/leads/:id/matches', (c) => {
      const lead = visible(c);
      if (!lead) return problem(404, 'no scores');
      const part = { value: 0.8, weight: 10, points: 8 };
      return c.json({
        leadId: lead.id,
        items: Object.entries(lead.parks)
          .filter(([parkId]) => cityWide(c.var.principal) || parkId === c.var.principal.parkId)
          .map(([parkId, rating]) => ({
            parkId,
            score: rating.score,
            tier: rating.tier,
            matchedDirections: [{ code: 'ivd.mass-spec', strength: 0.9, evidence: ['质谱仪', 'LC-MS/MS'] }],
            components: {
              directionFit: part,
              chainGap: part,
              stageFit: part,
              scale: part,
              needs: part,
              readiness: part,
              completeness: part,
            },
            reasons: { zh: ['契合承接方向「临床质谱」'], en: ['Fits “Clinical mass spectrometry”'] },
            engineVersion: '1.1.0',
            catalogVersion: 1,
          })),
      } satisfies LeadMatches);
    });

    // ── notifications ────────────────────────────────────────────────────────
    app.get('/v1/inbox', (c) => {
      const p = c.var.principal;
      const unread = c.req.query('unread');
      const items = this.inbox
        .filter((i) => cityWide(p) || i.parkId === p.parkId)
        .filter((i) => (unread === 'true' ? i.readAt === null : true));
      return c.json({ items, nextBefore: null });
    });
    app.post('/v1/inbox/:id/read', (c) => {
      const item = this.inbox.find((i) => i.id === c.req.param('id'));
      if (!item) return problem(404, 'no entry');
      item.readAt = this.iso();
      return c.json(item);
    });
    app.get('/v1/sla-clocks', (c) => {
      const p = c.var.principal;
      const parkId = c.req.query('parkId');
      if (parkId && !cityWide(p) && parkId !== p.parkId) return problem(403, 'not your park');
      return c.json({
        items: this.clocks.filter(
          (k) => (cityWide(p) || k.parkId === p.parkId) && (!parkId || k.parkId === parkId),
        ),
      });
    });
    app.get('/v1/notification-preferences', (c) => c.json(this.preferencesOf(c.var.principal)));
    app.put('/v1/notification-preferences', async (c) => {
      const body = await c.req.json<Pick<Preferences, 'rules' | 'quietHours'>>();
      const bad = body.rules.findIndex((r) => r.event === 'daily-digest' && r.channels.includes('inbox'));
      if (bad >= 0)
        return problem(422, 'the rules are not valid', [
          {
            path: `rules.${bad}.channels.0`,
            message: '日报只通过邮件、群机器人或 webhook 发送',
            messageEn: 'not the inbox',
          },
        ]);
      // As the service: a rule names the inbox or the caller's own channels, nobody else's.
      const own = ['inbox', 'ch-mail', ...this.ownChannels(c.var.principal).map((ch) => ch.id)];
      const foreign = body.rules.findIndex((r) => r.channels.some((id) => !own.includes(id)));
      if (foreign >= 0)
        return problem(422, 'the rules are not valid', [
          {
            path: `rules.${foreign}.channels`,
            message: '没有属于你的渠道',
            messageEn: 'no channel of yours',
          },
        ]);
      const saved = {
        ...this.preferencesOf(c.var.principal),
        ...body,
        defaults: false,
        updatedAt: this.iso(),
      };
      this.preferences.set(c.var.principal.sub, saved);
      return c.json(saved);
    });
    app.get('/v1/channels', (c) => {
      const p = c.var.principal;
      const parkId = c.req.query('parkId');
      if (parkId && !cityWide(p) && parkId !== p.parkId) return problem(403, 'not your park');
      const own: ChannelView = {
        id: 'ch-mail',
        type: 'email',
        name: '我的邮箱',
        subscriber: `account:${p.sub}`,
        parkId: null,
        target: 'm***@example.com',
        hasSecret: false,
        createdBy: p.sub,
        createdAt: this.iso(),
      };
      const shared = this.channels
        .filter((ch) => ch.subscriber.startsWith('park:') && (cityWide(p) || ch.parkId === p.parkId))
        .filter((ch) => !parkId || ch.parkId === parkId);
      const view = ({ secret: _secret, ...rest }: ChannelView & { secret?: string }) => rest;
      return c.json({ items: [own, ...this.ownChannels(p).map(view), ...shared.map(view)] });
    });
    app.post('/v1/channels', async (c) => {
      const p = c.var.principal;
      const body = await c.req.json<{
        type: ChannelView['type'];
        name: string;
        url: string;
        to?: string;
        secret?: string;
        owner?: { parkId: string } | 'me';
      }>();
      if (body.owner === undefined || body.owner === 'me') return this.ownChannel(c, body);
      if (!manager(p) || (!cityWide(p) && body.owner.parkId !== p.parkId))
        return problem(403, bilingual(c, { zh: '只有本园区经理可设置', en: "only the park's managers" }));
      const errors = robotErrors(body);
      if (errors.length > 0) return problem(400, 'invalid', errors);
      return c.json(this.addChannel(p, body, `park:${body.owner.parkId}`, body.owner.parkId), 201);
    });
    /** A channel the caller may test or remove: its own, or (managers) a shared one of its park. */
    const changeable = (c: Context<{ Variables: { principal: Principal } }>) => {
      const p = c.var.principal;
      const channel = this.channels.find((ch) => ch.id === c.req.param('id'));
      if (!channel) return { response: problem(404, 'no channel') };
      if (channel.subscriber === `account:${p.sub}`) return { channel };
      if (!channel.subscriber.startsWith('park:') || (!cityWide(p) && channel.parkId !== p.parkId))
        return { response: problem(404, 'no channel') };
      if (!manager(p))
        return { response: problem(403, bilingual(c, { zh: '无权修改此渠道', en: 'not yours' })) };
      return { channel };
    };
    app.post('/v1/channels/:id/test', (c) => {
      const found = changeable(c);
      if ('response' in found) return found.response;
      return c.json({ ok: this.testError === null, ms: 42, error: this.testError });
    });
    app.delete('/v1/channels/:id', (c) => {
      const found = changeable(c);
      if ('response' in found) return found.response;
      this.channels.splice(this.channels.indexOf(found.channel), 1);
      return c.body(null, 204);
    });
    app.get('/v1/parks/:parkId/notification-preferences', (c) => {
      const p = c.var.principal;
      const parkId = c.req.param('parkId');
      if (!cityWide(p) && parkId !== p.parkId) return problem(403, 'not your park');
      return c.json(
        this.parkPreferences.get(parkId) ?? {
          subscriber: `park:${parkId}`,
          parkId,
          rules: [],
          quietHours: null,
          defaults: true,
          updatedAt: null,
        },
      );
    });
    app.put('/v1/parks/:parkId/notification-preferences', async (c) => {
      const p = c.var.principal;
      const parkId = c.req.param('parkId');
      if (!manager(p) || (!cityWide(p) && parkId !== p.parkId)) return problem(403, 'managers only');
      const body = await c.req.json<Pick<Preferences, 'rules' | 'quietHours'>>();
      const ids = this.channels.filter((ch) => ch.parkId === parkId).map((ch) => ch.id);
      const bad = body.rules.findIndex((r) => r.channels.some((id) => !ids.includes(id)));
      if (bad >= 0)
        return problem(422, 'the rules are not valid', [
          {
            path: `rules.${bad}.channels`,
            message: '不是本园区的渠道',
            messageEn: 'not a channel of the park',
          },
        ]);
      const saved: Preferences = {
        subscriber: `park:${parkId}`,
        parkId,
        ...body,
        defaults: false,
        updatedAt: this.iso(),
      };
      this.parkPreferences.set(parkId, saved);
      return c.json(saved);
    });
    app.get('/v1/notifications', (c) => {
      const p = c.var.principal;
      const parkId = c.req.query('parkId');
      if (parkId && !cityWide(p) && parkId !== p.parkId) return problem(403, 'not your park');
      const items = this.notifications
        .map((n) => n.notification)
        .filter((n) => (cityWide(p) || n.parkId === p.parkId) && (!parkId || n.parkId === parkId));
      return c.json({ items, nextBefore: null });
    });
    app.get('/v1/notifications/:id', (c) => {
      const p = c.var.principal;
      const found = this.notifications.find((n) => n.notification.id === c.req.param('id'));
      if (!found || (!cityWide(p) && found.notification.parkId !== p.parkId)) return problem(404, 'none');
      return c.json(found);
    });
    app.get('/v1/dead-letters', (c) =>
      c.var.principal.role === 'admin'
        ? c.json({ items: this.deadLetters, nextBefore: null })
        : problem(403, 'admins only'),
    );
    app.post('/v1/dead-letters/:id/replay', (c) => {
      if (c.var.principal.role !== 'admin') return problem(403, 'admins only');
      const dead = this.deadLetters.find((d) => d.id === c.req.param('id'));
      if (!dead) return problem(404, 'no dead letter');
      this.deadLetters.splice(this.deadLetters.indexOf(dead), 1);
      return c.json({ ...dead, status: 'queued', replays: dead.replays + 1 }, 202);
    });

    // ── insights ─────────────────────────────────────────────────────────────
    app.get('/v1/metrics/:metric', (c) => this.metric(c));
    app.get('/v1/targets', (c) => {
      const scope = c.req.query('scope');
      const p = c.var.principal;
      if (scope && !cityWide(p) && scope !== p.parkId) return problem(403, 'not your park');
      return c.json({ items: this.targets.filter((t) => !scope || (t.scope.parkId ?? 'city') === scope) });
    });
    app.put('/v1/targets', async (c) => {
      const p = c.var.principal;
      const body = await c.req.json<{
        scope: string;
        year: number;
        targets: Record<string, number>;
        baseline?: Record<string, number>;
        note?: string;
      }>();
      if (!manager(p))
        return problem(403, bilingual(c, { zh: '分析员不能设定目标', en: 'analysts do not set targets' }));
      if (!cityWide(p) && body.scope !== p.parkId) return problem(403, 'not your park');
      const errors: { path: string; message: string; messageEn: string }[] = [];
      if (body.year < 2000 || body.year > 2100)
        errors.push({
          path: 'year',
          message: '须不小于 2000',
          messageEn: 'Too small: expected number to be >=2000',
        });
      if (Object.keys(body.targets).length === 0)
        errors.push({ path: 'targets', message: '至少给出一项指标', messageEn: 'give at least one measure' });
      if (errors.length > 0) return problem(400, 'invalid', errors);
      const at = this.iso();
      const change = {
        targets: body.targets,
        ...(body.baseline ? { baseline: body.baseline } : {}),
        ...(body.note ? { note: body.note } : {}),
        by: p.sub,
        at,
      };
      const existing = this.targets.find(
        (t) => (t.scope.parkId ?? 'city') === body.scope && t.year === body.year,
      );
      const progress = Object.entries(body.targets).map(([measure, target]) => ({
        measure: measure as TargetView['progress'][number]['measure'],
        target,
        baseline: body.baseline?.[measure] ?? 0,
        actual: body.baseline?.[measure] ?? 0,
        share: target > 0 ? (body.baseline?.[measure] ?? 0) / target : null,
        pacePerMonth: 0,
        neededPerMonth: target / 12,
        projected: body.baseline?.[measure] ?? 0,
        onPace: false,
      }));
      const view: TargetView = {
        scope: {
          parkId: body.scope === 'city' ? null : body.scope,
          name: PARKS.find((park) => park.id === body.scope)?.name ?? { zh: '全市', en: 'Chongqing' },
        },
        year: body.year,
        targets: body.targets,
        ...(body.baseline ? { baseline: body.baseline } : {}),
        window: { from: `${body.year}-01-01`, to: `${body.year}-12-31`, asOf: at },
        progress,
        history: [...(existing?.history ?? []), change],
        updatedBy: p.sub,
        updatedAt: at,
      };
      if (existing) this.targets.splice(this.targets.indexOf(existing), 1, view);
      else this.targets.push(view);
      return c.json(view, existing ? 200 : 201);
    });
    return app;
  }

  /** The channels the account set up for itself (`owner: "me"`). */
  private ownChannels(p: Principal) {
    return this.channels.filter((ch) => ch.subscriber === `account:${p.sub}`);
  }

  /** Sets up a channel of the caller's own: an email address, or a robot or webhook. */
  private ownChannel(
    c: Context<{ Variables: { principal: Principal } }>,
    body: { type: ChannelView['type']; name: string; url: string; to?: string; secret?: string },
  ) {
    const p = c.var.principal;
    const errors =
      body.type === 'email'
        ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.to ?? '')
          ? []
          : [{ path: 'to', message: '须为有效的电子邮件地址', messageEn: 'must be an email address' }]
        : robotErrors(body);
    if (errors.length > 0) return problem(400, 'invalid', errors);
    return c.json(this.addChannel(p, body, `account:${p.sub}`, p.parkId ?? null), 201);
  }

  /** Keeps a new channel (its secret too) and answers its view: the target masked, no secret. */
  private addChannel(
    p: Principal,
    body: { type: ChannelView['type']; name: string; url: string; to?: string; secret?: string },
    subscriber: string,
    parkId: string | null,
  ) {
    const channel = {
      id: `ch_${this.channels.length + 1}`,
      type: body.type,
      name: body.name,
      subscriber,
      parkId,
      target:
        body.type === 'email'
          ? (body.to ?? '').replace(/^(.)[^@]*/, '$1***')
          : body.url.replace(/(key|access_token|token)=[^&]+/, '$1=***'),
      hasSecret: body.secret !== undefined,
      createdBy: p.sub,
      createdAt: this.iso(),
      ...(body.secret ? { secret: body.secret } : {}),
    };
    this.channels.push(channel);
    const { secret: _secret, ...view } = channel;
    return view;
  }

  private preferencesOf(p: Principal): Preferences {
    return (
      this.preferences.get(p.sub) ?? {
        subscriber: `account:${p.sub}`,
        parkId: p.parkId ?? null,
        // As the service's defaults: a bank officer hears of the needs pushed to its bank.
        rules:
          p.role === 'bank-officer'
            ? [{ event: 'finance-pushed', channels: ['inbox'] }]
            : [
                { event: 'new-lead', minTier: 'B', channels: ['inbox'] },
                { event: 'sla-due', channels: ['inbox'] },
              ],
        quietHours: null,
        defaults: true,
        updatedAt: null,
      }
    );
  }

  private rerank() {
    return {
      parkId: 'dadukou-ivd',
      version: this.catalog.version,
      engineVersion: '1.1.0',
      status: this.rerankDone >= this.leads.size ? ('done' as const) : ('running' as const),
      total: this.leads.size,
      done: this.rerankDone,
      changedTiers: 0,
      queuedAt: this.iso(),
    };
  }

  /** The metrics, computed from the fake leads of the caller's scope (a park's: its own). */
  private metric(c: Context<{ Variables: { principal: Principal } }>) {
    const p = c.var.principal;
    const asked = c.req.query('parkId');
    if (asked && !cityWide(p) && asked !== p.parkId) return problem(403, 'not your park');
    const parkId = asked ?? p.parkId;
    const date = c.req.query('date');
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      return problem(400, 'the period is invalid', [
        { path: 'date', message: '日期格式有误', messageEn: 'bad date' },
      ]);
    const leads = [...this.leads.values()].filter(
      (l) => !parkId || l.parks[parkId] || l.owner?.parkId === parkId,
    );
    const scope = {
      parkId: parkId ?? null,
      name: PARKS.find((x) => x.id === parkId)?.name ?? { zh: '全市', en: 'City' },
    };
    const period = {
      kind: (c.req.query('period') ?? 'month') as 'month',
      from: '2026-03-01',
      to: '2026-03-31',
      asOf: this.iso(),
    };
    const head = { scope, period };
    const reached = (stage: (typeof PIPELINE_STAGES)[number]) =>
      leads.filter(
        (l) =>
          isPipeline(l.heldFrom ?? l.stage) &&
          PIPELINE_STAGES.indexOf(l.heldFrom ?? (l.stage as never)) >= PIPELINE_STAGES.indexOf(stage),
      ).length;
    const signed = leads.filter((l) => l.facts.signed);
    const invested = signed.reduce((sum, l) => sum + Number(l.facts.signed?.agreedInvestmentCny ?? 0), 0);
    const stages = PIPELINE_STAGES.map((stage) => ({ stage, label: STAGE_LABELS[stage] }));
    const dist = { median: 3, p90: 7 };
    switch (c.req.param('metric')) {
      case 'funnel':
        return c.json({
          ...head,
          stages: stages.map((s) => ({
            ...s,
            entered: reached(s.stage),
            atEnd: leads.filter((l) => l.stage === s.stage).length,
          })),
        } satisfies FunnelView);
      case 'conversion': {
        const step = (from: (typeof PIPELINE_STAGES)[number], to: (typeof PIPELINE_STAGES)[number]) => {
          const cohort = reached(from);
          const done = reached(to);
          return { from, to, cohort, reached: done, rate: cohort === 0 ? null : done / cohort };
        };
        return c.json({
          ...head,
          steps: PIPELINE_STAGES.slice(1).map((to, i) => step(PIPELINE_STAGES[i] ?? 'lead', to)),
          overall: [step('lead', 'signed'), step('lead', 'operating')],
        } satisfies ConversionView);
      }
      case 'time-in-stage':
        return c.json({
          ...head,
          stuckAfterDays: 30,
          unit: 'calendar',
          stages: stages.map((s) => ({
            ...s,
            left: 1,
            calendarDays: dist,
            workingDays: dist,
            current: 0,
            stuck: 0,
          })),
          stuck: [],
          stuckTotal: 0,
        } satisfies TimeInStageView);
      case 'investment':
        if (c.req.query('format') === 'csv')
          return new Response('\uFEFFmonth,signed\r\n2026-03,1\r\n', {
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="getInvestment.csv"',
            },
          });
        return c.json({
          ...head,
          signed: { leads: signed.length, agreedInvestmentCny: invested },
          operating: { leads: 0, expectedAnnualOutputCny: 0 },
          byStage: [
            {
              stage: 'signed',
              label: STAGE_LABELS.signed,
              leads: signed.length,
              agreedInvestmentCny: invested,
              expectedAnnualOutputCny: 0,
            },
          ],
          byMonth: [
            {
              month: '2026-03',
              signedLeads: signed.length,
              agreedInvestmentCny: invested,
              operatingLeads: 0,
              expectedAnnualOutputCny: 0,
            },
          ],
        } satisfies InvestmentView);
      default:
        return problem(404, 'no metric');
    }
  }
}
