import {
  APPEAL_CATEGORIES,
  APPEAL_STATUS_LABELS,
  APPEAL_STATUSES,
  type AppealChange,
  type Bilingual,
  LOST_REASONS,
  type MoveRequest,
  PARK_IDS,
  type ProblemView,
  STAGE_LABELS,
  Stage,
} from '@parkmatch/contracts';
import { Hono } from 'hono';
import { type Api, type ApiResult, UpstreamError } from '../api/index.ts';
import type { TeamLead } from '../api/leads.ts';
import { directionLabels, type ParkDirectory, withParkNames } from '../api/park-directory.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { colon } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { messagePage, notFoundPage } from '../layout/errors.ts';
import { type Html, html } from '../layout/html.ts';
import type { Form } from '../session/form.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { type LeadLedgers, leadPage } from './lead-page.ts';
import type { Colleague } from './ledger-card.ts';
import { isCityWide, LEAD_ID, memberOf, signInAgain } from './member.ts';
import { teamNav } from './nav.ts';
import { TEAM_TEXT } from './text.ts';
import { FormReader, type FormState, refusalState } from './work-form.ts';
import { WORK_TEXT as T } from './work-text.ts';

// A lead's page and the forms on it: claim, move, the liaison, expectations, a visit, an
// appeal and its status, monthly figures. Every form posts here, is checked (CSRF, the
// member), read (money in 万元 → CNY) and sent to the leads service with the member's token;
// success goes back to the page (303) with a note of what was done, a refusal draws the page
// again with what was typed and what to fix, a stale revision says where the lead is now.

export interface LeadRouteDeps {
  api: Api;
  directory: ParkDirectory;
  resumeSealer: Sealer;
  now: () => number;
}

/** What a form did, named in the address it goes back to (`?done=`), and its words. */
const DONE: Record<string, { text: Bilingual; anchor: string }> = {
  claimed: { text: T.doneClaimed, anchor: 'pipeline' },
  moved: { text: T.doneMoved, anchor: 'pipeline' },
  liaison: { text: T.doneLiaison, anchor: 'ledger' },
  expectations: { text: T.doneExpectations, anchor: 'ledger' },
  visit: { text: T.doneVisit, anchor: 'visits' },
  appeal: { text: T.doneAppeal, anchor: 'appeals' },
  'appeal-status': { text: T.doneAppealStatus, anchor: 'appeals' },
  figures: { text: T.doneFigures, anchor: 'figures' },
  transferred: { text: T.doneTransferred, anchor: 'ownership' },
  'key-firm': { text: T.doneKeyFirm, anchor: 'figures' },
};

/** The clocks of a lead are listed per park: at most this many running clocks are read. */
const CLOCK_LIMIT = 500;

const leadHref = (leadId: string, parkId: string | undefined, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({ ...(parkId ? { park: parkId } : {}), ...extra }).toString();
  return `/team/leads/${encodeURIComponent(leadId)}${query ? `?${query}` : ''}`;
};

/** A form's fields a service's field error may be shown beside (hidden ones are not). */
const HIDDEN = new Set(['_csrf', 'to', 'pipelineRevision', 'revision', 'parkId']);
const visibleFields = (form: Form) => {
  const names = new Set(form.entries().map(([name]) => name));
  return (path: string): string | undefined => {
    const parts = path.split('.');
    const name = parts[0] === 'facts' ? parts.slice(0, 2).join('.') : (parts[0] ?? '');
    return names.has(name) && !HIDDEN.has(name) ? name : undefined;
  };
};

const problemText = (problem: ProblemView) => problem.detail ?? problem.title;

/** A form refused because of where the lead (or an appeal) stands: what the service said, what was posted. */
interface Conflict {
  status: number;
  text: string;
  /** The pipeline revision the form was drawn with, when it had one. */
  pipelineRevision?: number | undefined;
  /** An appeal's status form: the appeal, and the revision it was drawn with. */
  appeal?: { id: string; revision: number | undefined } | undefined;
}

const postedNumber = (form: Form, name: string): number | undefined => {
  const value = Number.parseInt(form.get(name), 10);
  return Number.isInteger(value) ? value : undefined;
};

/**
 * A refused form, worded for a person: when someone changed the lead (or the appeal) since the
 * page was drawn, where it stands now and to try again on the page as it is — never the
 * service's revision numbers; otherwise what the service said, and the current stage.
 */
function conflictNotice(
  conflict: Conflict,
  lead: TeamLead,
  ledgers: LeadLedgers | undefined,
  lang: Lang,
): Html {
  const stage = pick(STAGE_LABELS[lead.stage], lang);
  const appeal = conflict.appeal && ledgers?.appeals.find((a) => a.id === conflict.appeal?.id);
  if (conflict.status === 409 && appeal && appeal.revision !== conflict.appeal?.revision) {
    const status = pick(APPEAL_STATUS_LABELS[appeal.status], lang);
    return lang === 'zh'
      ? html`此诉求已被他人更新，当前状态为「<strong>${status}</strong>」，请在最新页面上重试。`
      : html`Someone changed this problem meanwhile; it is now <strong>${status}</strong>. Try again on the page as it is now.`;
  }
  if (
    conflict.status === 409 &&
    conflict.pipelineRevision !== undefined &&
    conflict.pipelineRevision !== lead.pipelineRevision
  )
    return lang === 'zh'
      ? html`此线索已被他人更新，当前阶段为「<strong>${stage}</strong>」，请在最新页面上重试。`
      : html`Someone changed this lead meanwhile; it is now at <strong>${stage}</strong>. Try again on the page as it is now.`;
  return html`<strong>${pick(T.notSaved, lang)}${colon(lang)}</strong>${conflict.text}<br>${pick(T.currentStage, lang)}${colon(lang)}<strong>${stage}</strong>${lang === 'zh' ? '。' : '. '}${pick(T.checkAndRetry, lang)}`;
}

// ── reading the forms ───────────────────────────────────────────────────────

function readFacts(r: FormReader, to: Stage): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    if (value !== undefined) facts[name] = value;
  };
  switch (to) {
    case 'signed':
      put('agreedInvestmentCny', r.wan('facts.agreedInvestmentCny', true));
      put('signedOn', r.date('facts.signedOn', true));
      break;
    case 'registered':
      put('entityName', r.text('facts.entityName', true, 100));
      put('creditCode', r.text('facts.creditCode', true, 18)?.toUpperCase());
      put('registeredCapitalCny', r.wan('facts.registeredCapitalCny', true));
      put('registeredOn', r.date('facts.registeredOn', true));
      break;
    case 'construction':
      put('startedOn', r.date('facts.startedOn', true));
      put('expectedAnnualOutputCny', r.wan('facts.expectedAnnualOutputCny'));
      break;
    case 'operating':
      put('startedOn', r.date('facts.startedOn', true));
      put('expectedAnnualOutputCny', r.wan('facts.expectedAnnualOutputCny', true));
      break;
    case 'on-hold':
      put('resumeOn', r.date('facts.resumeOn', true));
      break;
    case 'lost': {
      const reason = r.choice('facts.reason', LOST_REASONS, true);
      put('reason', reason);
      put('detail', r.text('facts.detail', reason === 'other', 500));
      break;
    }
    default:
      break;
  }
  return facts;
}

/** A move as posted: where to, on which revision, why, with the facts of the stage entered. */
export function readMove(form: Form, lang: Lang): { request?: MoveRequest; errors: Record<string, string> } {
  const r = new FormReader(form, lang);
  const to = r.choice('to', Stage.options, true);
  const pipelineRevision = r.integer('pipelineRevision', true);
  const note = r.text('note', false, 2000);
  const hasFacts = form.entries().some(([name]) => name.startsWith('facts.'));
  const facts = to && hasFacts ? readFacts(r, to) : undefined;
  if (!r.ok || !to || pipelineRevision === undefined) return { errors: r.errors };
  return {
    request: {
      to,
      pipelineRevision,
      ...(note ? { note } : {}),
      ...(facts ? { facts } : {}),
    },
    errors: {},
  };
}

export function leadRoutes({ api, directory, resumeSealer, now }: LeadRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  /**
   * Whom the liaison of a lead owned by `parkId` may be: the park's analysts and managers whose
   * accounts are not disabled. Undefined when leads cannot say — a service older than the roster
   * refuses analysts, or it is not reachable — and the form asks for a username as it used to.
   */
  async function loadRoster(c: PortalContext, member: TeamMember, parkId: string) {
    try {
      const accounts = await api.leads.parkAccounts(parkId, callContext(c, member.token));
      if (!accounts.ok) return undefined;
      // Admins and managers are given every account of the park: keep the active team.
      const roster = accounts.data.items.flatMap(({ username, role, parkId: park, disabled }): Colleague[] =>
        !disabled && park === parkId && (role === 'analyst' || role === 'manager')
          ? [{ username, role }]
          : [],
      );
      return roster.length > 0 ? roster : undefined;
    } catch (error) {
      if (error instanceof UpstreamError) return undefined;
      throw error;
    }
  }

  /** The ledgers of a lead the member works, or undefined when they cannot be read. */
  async function loadLedgers(c: PortalContext, member: TeamMember, leadId: string, parkId: string) {
    const ctx = callContext(c, member.token);
    const [ledger, visits, appeals, figures, roster] = await Promise.all([
      api.leads.ledger(leadId, ctx),
      api.leads.visits(leadId, ctx),
      api.leads.appeals(leadId, ctx),
      api.leads.figures(leadId, ctx),
      loadRoster(c, member, parkId),
    ]);
    if ([ledger, visits, appeals, figures].some((r) => !r.ok && r.status === 401))
      return 'signed-out' as const;
    if (!ledger.ok) return undefined;
    const ledgers: LeadLedgers = {
      ledger: ledger.data,
      visits: visits.ok ? visits.data.items : [],
      appeals: appeals.ok ? appeals.data.items : [],
      figures: figures.ok ? figures.data.items : [],
      roster,
    };
    return ledgers;
  }

  /** The lead's running SLA clocks (none when notifications cannot say). */
  async function loadClocks(c: PortalContext, member: TeamMember, leadId: string, parkId: string) {
    try {
      const result = await api.notifications.slaClocks(
        { parkId, status: 'running', limit: CLOCK_LIMIT },
        callContext(c, member.token),
      );
      return result.ok ? result.data.items.filter((clock) => clock.leadId === leadId) : [];
    } catch {
      return [];
    }
  }

  /** The lead page, with what a form brought back or what just happened. */
  async function render(
    c: PortalContext,
    member: TeamMember,
    leadId: string,
    extra: { state?: FormState | undefined; conflict?: Conflict } = {},
  ) {
    const ctx = callContext(c, member.token);
    const [nav, lead, matches, parks] = await Promise.all([
      teamNav(c, api, member),
      api.leads.teamLead(leadId, ctx),
      api.matching.leadMatches(leadId, ctx),
      directory.parks(c.var.lang),
    ]);
    if (!lead.ok) {
      if (lead.status === 401) return signInAgain(c, leadHref(leadId, c.req.query('park')));
      return messagePage(c, {
        title: TEAM_TEXT.leadTitle,
        body: TEAM_TEXT.leadMissing,
        status: 404,
        team: nav,
      });
    }
    if (!matches.ok && matches.status === 401) return signInAgain(c, leadHref(leadId, c.req.query('park')));
    const owner = lead.data.owner;
    const works = owner !== undefined && (isCityWide(member) || owner.parkId === member.parkId);
    const [ledgers, clocks] = await Promise.all([
      works && owner ? loadLedgers(c, member, leadId, owner.parkId) : undefined,
      works && owner ? loadClocks(c, member, leadId, owner.parkId) : [],
    ]);
    if (ledgers === 'signed-out') return signInAgain(c, leadHref(leadId, c.req.query('park')));
    const items = matches.ok ? matches.data.items : [];
    const asked = c.req.query('park');
    const parkId =
      items.find((m) => m.parkId === asked)?.parkId ??
      items.find((m) => m.parkId === member.parkId)?.parkId ??
      items[0]?.parkId;
    const done = DONE[c.req.query('done') ?? ''];
    const lang = c.var.lang;
    const conflict = extra.conflict;
    const notice = conflict
      ? { kind: 'warning' as const, body: conflictNotice(conflict, lead.data, ledgers, lang) }
      : done
        ? { kind: 'info' as const, body: pick(done.text, lang) }
        : undefined;
    return leadPage(c, {
      lead: lead.data,
      matches: items,
      parkId,
      askedPark: items.some((m) => m.parkId === asked) ? asked : undefined,
      directions: directionLabels(parks, parkId),
      nav,
      matchesMissing: !matches.ok,
      member,
      works,
      nowMs: now(),
      clocks,
      ledgers,
      state: extra.state,
      notice,
    });
  }

  app.get('/team/leads/:leadId', async (c) => {
    const member = memberOf(c);
    const leadId = c.req.param('leadId');
    if (!LEAD_ID.test(leadId)) return notFoundPage(c, await teamNav(c, api, member));
    return render(c, member, leadId.toLowerCase());
  });

  /**
   * One form of the lead page: checked, read, sent; then back to the page (done), or the page
   * again with what to fix (a refusal) or where the lead stands now (a conflict).
   */
  const handle =
    (
      done: keyof typeof DONE,
      keyOf: (c: PortalContext, form: Form) => string,
      send: (
        c: PortalContext,
        form: Form,
        member: TeamMember,
        leadId: string,
      ) => Promise<{ errors: Record<string, string> } | ApiResult<unknown>>,
    ) =>
    async (c: PortalContext) => {
      const posted = await teamForm(c, { resumeSealer, now });
      if ('response' in posted) return posted.response;
      const { member, form } = posted;
      const leadId = (c.req.param('leadId') ?? '').toLowerCase();
      if (!LEAD_ID.test(leadId)) return notFoundPage(c, await teamNav(c, api, member));
      const lang = c.var.lang;
      const key = keyOf(c, form);
      const parkId = c.req.query('park');
      const outcome = await send(c, form, member, leadId);
      if ('errors' in outcome)
        return render(c, member, leadId, {
          state: { key, values: form, errors: outcome.errors, general: [] },
        });
      if (outcome.ok)
        return c.redirect(`${leadHref(leadId, parkId, { done })}#${DONE[done]?.anchor ?? 'pipeline'}`, 303);
      if (outcome.status === 401) return signInAgain(c, leadHref(leadId, parkId));
      const fields = visibleFields(form);
      const fieldErrors = (outcome.problem.errors ?? []).some((error) => fields(error.path) !== undefined);
      if ((outcome.status === 409 || outcome.status === 403) && !fieldErrors) {
        // Changed meanwhile, claimed by another park, not the member's to do: say so above
        // the page as it stands now, with its current stage, and keep what was typed.
        return render(c, member, leadId, {
          conflict: {
            status: outcome.status,
            text: withParkNames(problemText(outcome.problem), lang),
            pipelineRevision: postedNumber(form, 'pipelineRevision'),
            ...(key.startsWith('appeal:')
              ? { appeal: { id: key.slice('appeal:'.length), revision: postedNumber(form, 'revision') } }
              : {}),
          },
          state: { key, values: form, errors: {}, general: [] },
        });
      }
      // Refused, or a conflict about a field the member typed (a transfer to the owner park
      // itself): what to fix beside the fields.
      return render(c, member, leadId, { state: refusalState(key, form, outcome.problem, lang, fields) });
    };

  app.post(
    '/team/leads/:leadId/claim',
    handle(
      'claimed',
      () => 'claim',
      async (c, form, member, leadId) =>
        api.leads.claim(
          leadId,
          member.parkId ?? (form.get('parkId') || undefined),
          callContext(c, member.token),
        ),
    ),
  );

  app.post(
    '/team/leads/:leadId/transfer',
    handle(
      'transferred',
      () => 'transfer',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const toParkId = r.choice('toParkId', PARK_IDS, true);
        const reason = r.text('reason', true, 500);
        // The revision the page showed: a lead changed meanwhile is not transferred blindly.
        const pipelineRevision = r.integer('pipelineRevision', true);
        if (!r.ok || !toParkId || !reason || pipelineRevision === undefined) return { errors: r.errors };
        return api.leads.transfer(
          leadId,
          { toParkId, reason, pipelineRevision },
          callContext(c, member.token),
        );
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/key-firm',
    handle(
      'key-firm',
      () => 'key-firm',
      async (c, form, member, leadId) => {
        const onLedger = form.get('onLedger');
        if (onLedger !== 'true' && onLedger !== 'false') return { errors: { onLedger: '?' } };
        return api.leads.markKeyFirm(leadId, { onLedger: onLedger === 'true' }, callContext(c, member.token));
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/stage',
    handle(
      'moved',
      (_c, form) => `move:${form.get('to')}`,
      async (c, form, member, leadId) => {
        const { request, errors } = readMove(form, c.var.lang);
        if (!request) return { errors };
        return api.leads.move(leadId, request, callContext(c, member.token));
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/liaison',
    handle(
      'liaison',
      () => 'liaison',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const username = r.text('username', true, 100);
        const pipelineRevision = r.integer('pipelineRevision', true);
        if (!r.ok || !username || pipelineRevision === undefined) return { errors: r.errors };
        return api.leads.assignLiaison(leadId, { username, pipelineRevision }, callContext(c, member.token));
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/expectations',
    handle(
      'expectations',
      () => 'expectations',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const output = r.wan('expectedAnnualOutputCny');
        const sales = r.wan('expectedAnnualSalesCny');
        if (!r.ok) return { errors: r.errors };
        return api.leads.setExpectations(
          leadId,
          {
            ...(output === undefined ? {} : { expectedAnnualOutputCny: output }),
            ...(sales === undefined ? {} : { expectedAnnualSalesCny: sales }),
          },
          callContext(c, member.token),
        );
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/visits',
    handle(
      'visit',
      () => 'visit',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const date = r.date('date', true);
        const participants = r.list('participants', true);
        const summary = r.text('summary', true, 5000);
        const nextStep = r.text('nextStep', false, 1000);
        const nextStepDueOn = r.date('nextStepDueOn');
        if (!r.ok || !date || !participants || !summary) return { errors: r.errors };
        return api.leads.logVisit(
          leadId,
          {
            date,
            participants,
            summary,
            ...(nextStep ? { nextStep } : {}),
            ...(nextStepDueOn ? { nextStepDueOn } : {}),
          },
          callContext(c, member.token),
        );
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/appeals',
    handle(
      'appeal',
      () => 'appeal',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const category = r.choice('category', APPEAL_CATEGORIES, true);
        const title = r.text('title', true, 200);
        const description = r.text('description', true, 5000);
        const department = r.text('department', true, 100);
        const dueOn = r.date('dueOn', true);
        if (!r.ok || !category || !title || !description || !department || !dueOn)
          return { errors: r.errors };
        return api.leads.openAppeal(
          leadId,
          { category, title, description, department, dueOn },
          callContext(c, member.token),
        );
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/appeals/:appealId',
    handle(
      'appeal-status',
      (c) => `appeal:${c.req.param('appealId') ?? ''}`,
      async (c, form, member) => {
        const appealId = c.req.param('appealId') ?? '';
        const r = new FormReader(form, c.var.lang);
        const status = r.choice('status', APPEAL_STATUSES, true);
        const revision = r.integer('revision', true);
        const resolution = r.text('resolution', status === 'resolved', 2000);
        const rejectionReason = r.text('rejectionReason', status === 'rejected', 2000);
        const note = r.text('note', false, 1000);
        if (!r.ok || !status || revision === undefined || !LEAD_ID.test(appealId))
          return { errors: r.errors };
        const change: AppealChange = {
          status,
          revision,
          ...(status === 'resolved' && resolution ? { resolution } : {}),
          ...(status === 'rejected' && rejectionReason ? { rejectionReason } : {}),
          ...(note ? { note } : {}),
        };
        return api.leads.changeAppeal(appealId, change, callContext(c, member.token));
      },
    ),
  );

  app.post(
    '/team/leads/:leadId/figures',
    handle(
      'figures',
      () => 'figures',
      async (c, form, member, leadId) => {
        const r = new FormReader(form, c.var.lang);
        const month = r.month('month', true);
        const mainBusiness = r.text('mainBusiness', true, 500);
        const productionScale = r.text('productionScale', true, 500);
        const revenueCny = r.wan('revenueCny', true);
        const taxCny = r.wan('taxCny', true);
        const employees = r.integer('employees', true);
        const certificatesObtained = r.integer('certificatesObtained', true);
        if (
          !r.ok ||
          !month ||
          !mainBusiness ||
          !productionScale ||
          revenueCny === undefined ||
          taxCny === undefined ||
          employees === undefined ||
          certificatesObtained === undefined
        )
          return { errors: r.errors };
        return api.leads.reportFigures(
          leadId,
          month,
          { mainBusiness, productionScale, revenueCny, taxCny, employees, certificatesObtained },
          callContext(c, member.token),
        );
      },
    ),
  );

  return app;
}
