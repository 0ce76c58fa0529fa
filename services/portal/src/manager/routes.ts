import {
  type Bilingual,
  CatalogDirection,
  DIRECTION_KINDS,
  GROWTH_STAGES,
  PARKS,
  type ParkCatalog,
  type ProblemView,
} from '@parkmatch/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Api, CallContext } from '../api/index.ts';
import { METRICS, type MetricName, PERIODS, type PeriodKind } from '../api/insights.ts';
import type { WhatIf } from '../api/matching.ts';
import type { ParkDirectory } from '../api/park-directory.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { messagePage, notFoundPage } from '../layout/errors.ts';
import type { Form } from '../session/form.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { isCityWide, memberOf, signInAgain } from '../team/member.ts';
import { teamNav } from '../team/nav.ts';
import { proxyDownload } from '../team/pipeline-routes.ts';
import { type CatalogPageOptions, catalogPage, type DirectionRow, NEW_ROWS, rowsOf } from './catalog-page.ts';
import { type DashboardFilters, dashboardPage } from './dashboard-page.ts';
import { MANAGER_TEXT as T } from './text.ts';

// The managers' pages: the dashboard (insights' metrics and targets, drawn on the server) with
// its tables as CSV, and the park catalog editor (matching's what-if before publishing, then
// the re-rank's progress). Every call carries the member's token: the services decide what a
// park's team, a park's manager and city-wide staff may read or change.

export interface ManagerRouteDeps {
  api: Api;
  directory: ParkDirectory;
  resumeSealer: Sealer;
  now: () => number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z]+(\.[a-z0-9-]+)*$/;
/** Movers listed in a preview. */
const WHAT_IF_LIMIT = 20;
const MAX_ROWS = 100;

const problemText = (problem: ProblemView) => problem.detail ?? problem.title;

/**
 * The dashboard's question, from the address. A period the pages do not offer (`week`, a word
 * they do not know) is not read as a month: figures of a month under a question about a week
 * would mislead.
 */
function dashboardFilters(c: PortalContext, member: TeamMember) {
  const asked = c.req.query('period') ?? '';
  const period: PeriodKind = PERIODS.find((p) => p === asked) ?? 'month';
  const periodOk = asked === '' || period === asked;
  const date = (c.req.query('date') ?? '').trim();
  const park = isCityWide(member) ? (PARKS.find((p) => p.id === c.req.query('park'))?.id ?? '') : '';
  const filters: DashboardFilters = { park, period, date };
  return { filters, periodOk, dateOk: date === '' || (DATE.test(date) && !Number.isNaN(Date.parse(date))) };
}

// ── the catalog form ────────────────────────────────────────────────────────

const MESSAGES = {
  code: { zh: '代码格式应如 ivd.mass-spec（小写字母、数字、点和连字符）', en: 'A code like ivd.mass-spec' },
  weight: { zh: '权重应为 0 到 1 之间的数字', en: 'The weight is a number from 0 to 1' },
  duplicate: { zh: '代码重复', en: 'This code is listed twice' },
  kind: { zh: '请选择类型', en: 'Pick a kind' },
  none: { zh: '至少保留一个承接方向', en: 'Keep at least one direction' },
} as const satisfies Record<string, Bilingual>;

/** The rows as typed (the blank ones too, so the form comes back as it was). */
function readRows(form: Form): DirectionRow[] {
  const count = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(form.get('rows'), 10) || 0));
  return Array.from({ length: count }, (_, i) => ({
    code: form.get(`d.${i}.code`).trim(),
    kind: form.get(`d.${i}.kind`),
    weight: form.get(`d.${i}.weight`).trim(),
    stages: form.all(`d.${i}.stages`),
    remove: form.get(`d.${i}.remove`) === 'true',
  }));
}

/**
 * The draft's directions from the rows: kept rows with a code, their labels carried over from
 * the catalog in force; `index` maps each direction back to its row (for the service's errors).
 */
function directionsOf(rows: readonly DirectionRow[], catalog: ParkCatalog, lang: Lang) {
  const errors: Record<string, string> = {};
  const directions: CatalogDirection[] = [];
  const index: number[] = [];
  const inForce = new Map(catalog.directions.map((d) => [d.code, d]));
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.remove || row.code === '') return;
    const field = (name: string) => `d.${i}.${name}`;
    if (!CODE.test(row.code)) errors[field('code')] = pick(MESSAGES.code, lang);
    else if (seen.has(row.code)) errors[field('code')] = pick(MESSAGES.duplicate, lang);
    seen.add(row.code);
    const kind = DIRECTION_KINDS.find((k) => k === row.kind);
    if (!kind) errors[field('kind')] = pick(MESSAGES.kind, lang);
    const weight = Number(row.weight.replace(/[，,]/g, '.'));
    if (row.weight === '' || !Number.isFinite(weight) || weight < 0 || weight > 1)
      errors[field('weight')] = pick(MESSAGES.weight, lang);
    const stages = GROWTH_STAGES.filter((stage) => row.stages.includes(stage));
    const before = inForce.get(row.code);
    directions.push({ ...before, code: row.code, kind: kind ?? 'sub-sector', weight, stages });
    index.push(i);
  });
  return { directions, index, errors };
}

/** The service's field errors (`catalog.directions.<n>.<field>`) beside the rows they belong to. */
function catalogErrors(problem: ProblemView, index: readonly number[], lang: Lang) {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const error of problem.errors ?? []) {
    const message = lang === 'zh' ? error.message : (error.messageEn ?? error.message);
    const match = /^catalog\.directions\.(\d+)\.(code|kind|weight|stages)/.exec(error.path);
    const row = match ? index[Number(match[1])] : undefined;
    if (match && row !== undefined) errors[`d.${row}.${match[2]}`] ??= message;
    else general.push(message);
  }
  if ((problem.errors ?? []).length === 0) general.push(problemText(problem));
  return { errors, general };
}

const blankRows = (): DirectionRow[] =>
  Array.from({ length: NEW_ROWS }, () => ({
    code: '',
    kind: 'sub-sector',
    weight: '0.6',
    stages: [],
    remove: false,
  }));

const Draft = z.array(CatalogDirection).min(1).max(MAX_ROWS);

export function managerRoutes({ api, directory, resumeSealer, now }: ManagerRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  // ── dashboard ─────────────────────────────────────────────────────────────

  app.get('/team/dashboard', async (c) => {
    const member = memberOf(c);
    const lang = c.var.lang;
    const insights = api.insights;
    const nav = await teamNav(c, api, member, 'dashboard');
    if (!insights)
      return messagePage(c, { title: T.notConfigured, body: T.notConfiguredBody, status: 503, team: nav });
    const { filters, dateOk, periodOk } = dashboardFilters(c, member);
    const errors: { field?: string; message: string }[] = [];
    if (!dateOk)
      errors.push({ field: 'date', message: lang === 'zh' ? '请选择有效日期' : 'Enter a valid date' });
    if (!periodOk) {
      errors.push({ field: 'period', message: pick(T.periodUnsupported, lang) });
      return dashboardPage(c, { filters, cityWide: isCityWide(member), errors, nowMs: now(), nav });
    }
    const q = {
      parkId: filters.park || undefined,
      period: filters.period,
      date: dateOk ? filters.date || undefined : undefined,
    };
    const ctx = callContext(c, member.token);
    const scope = filters.park || member.parkId || 'city';
    const [funnel, conversion, timeInStage, investment, targets] = await Promise.all([
      insights.funnel(q, ctx),
      insights.conversion(q, ctx),
      insights.timeInStage(q, ctx),
      insights.investment(q, ctx),
      insights.targets(scope, ctx),
    ]);
    const answers = [funnel, conversion, timeInStage, investment, targets];
    if (answers.some((a) => !a.ok && a.status === 401)) return signInAgain(c);
    for (const answer of answers) {
      if (answer.ok) continue;
      const message = problemText(answer.problem);
      if (!errors.some((e) => e.message === message)) errors.push({ message });
    }
    const data =
      funnel.ok && conversion.ok && timeInStage.ok && investment.ok
        ? {
            funnel: funnel.data,
            conversion: conversion.data,
            timeInStage: timeInStage.data,
            investment: investment.data,
            targets: targets.ok ? targets.data.items : [],
          }
        : undefined;
    return dashboardPage(c, { filters, cityWide: isCityWide(member), data, errors, nowMs: now(), nav });
  });

  /** One metric's table as CSV, streamed through from insights. */
  app.get('/team/dashboard/csv/:metric', async (c) => {
    const member = memberOf(c);
    const metric = METRICS.find((m) => m === c.req.param('metric')) as MetricName | undefined;
    if (!metric || !api.insights) return notFoundPage(c, await teamNav(c, api, member));
    const { filters, dateOk, periodOk } = dashboardFilters(c, member);
    if (!periodOk)
      return messagePage(c, {
        title: T.dashboardTitle,
        body: T.periodUnsupported,
        status: 400,
        team: await teamNav(c, api, member),
      });
    const q = {
      parkId: filters.park || undefined,
      period: filters.period,
      date: dateOk ? filters.date || undefined : undefined,
    };
    const result = await api.insights.csv(metric, q, undefined, callContext(c, member.token));
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, '/team/dashboard');
      const text = problemText(result.problem);
      return messagePage(c, {
        title: T.dashboardTitle,
        body: { zh: text, en: text },
        status: 400,
        team: await teamNav(c, api, member),
      });
    }
    return proxyDownload(result.data);
  });

  // ── catalog editor ────────────────────────────────────────────────────────

  /** The catalog page: managers only; the park asked for (city-wide staff) or the member's own. */
  async function catalogContext(c: PortalContext, member: TeamMember) {
    const nav = await teamNav(c, api, member, 'catalog');
    if (member.role === 'analyst')
      return {
        response: await messagePage(c, {
          title: T.managersOnly,
          body: T.managersOnlyBody,
          status: 403,
          team: nav,
        }),
      };
    const parkId = member.parkId ?? PARKS.find((p) => p.id === c.req.query('park'))?.id ?? PARKS[0].id;
    const ctx = callContext(c, member.token);
    const [catalog, parks] = await Promise.all([
      api.matching.catalog(parkId, ctx),
      directory.parks(c.var.lang),
    ]);
    if (!catalog.ok && catalog.status === 401)
      return { response: signInAgain(c, `/team/catalog?park=${parkId}`) };
    const codes = new Map<string, Bilingual>();
    const own = catalog.ok ? catalog.data.directions : [];
    for (const d of own) if (d.label) codes.set(d.code, d.label);
    for (const park of parks ?? [])
      for (const d of park.directions) if (!codes.has(d.code)) codes.set(d.code, d.label);
    const base: Omit<CatalogPageOptions, 'rows' | 'errors' | 'general'> = {
      parkId,
      choosePark: isCityWide(member),
      catalog: catalog.ok ? catalog.data : undefined,
      codes,
      nav,
    };
    return {
      base,
      catalog: catalog.ok ? catalog.data : undefined,
      problem: catalog.ok ? undefined : catalog.problem,
      ctx,
    };
  }

  /**
   * The firm names of the leads a what-if names only by id: those that left the top were in the
   * top of the list in force, which the park's ranked leads (the stored scores) give with names.
   */
  async function firmNamesOf(whatIf: WhatIf, parkId: string, ctx: CallContext) {
    const named = new Set([...whatIf.top, ...whatIf.tierUp, ...whatIf.tierDown].map((m) => m.leadId));
    const missing = [...whatIf.leftTop, ...whatIf.enteredTop].filter((id) => !named.has(id));
    const names = new Map<string, string>();
    if (missing.length === 0) return names;
    const ranked = await api.matching
      .rankedLeads(parkId, { limit: WHAT_IF_LIMIT }, ctx)
      .catch(() => undefined);
    if (ranked?.ok) for (const item of ranked.data.items) names.set(item.leadId, item.firmName);
    // Any still unnamed (a lead the ranked list no longer shows): the lead itself, as the member may read it.
    const rest = missing.filter((id) => !names.has(id)).slice(0, WHAT_IF_LIMIT);
    const leads = await Promise.all(rest.map((id) => api.leads.teamLead(id, ctx).catch(() => undefined)));
    leads.forEach((lead, i) => {
      const id = rest[i];
      if (lead?.ok && id) names.set(id, lead.data.profile.firm.name);
    });
    return names;
  }

  app.get('/team/catalog', async (c) => {
    const member = memberOf(c);
    const found = await catalogContext(c, member);
    if ('response' in found) return found.response;
    const { base, catalog, problem, ctx } = found;
    const rerank = await api.matching.rerank(base.parkId, ctx);
    const published = Number(c.req.query('published'));
    return catalogPage(c, {
      ...base,
      rows: [...rowsOf(catalog?.directions ?? []), ...blankRows()],
      errors: {},
      general: problem ? [problemText(problem)] : [],
      rerank: rerank.ok ? rerank.data : undefined,
      published: Number.isInteger(published) && published > 0 ? published : undefined,
    });
  });

  app.post('/team/catalog/preview', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const found = await catalogContext(c, member);
    if ('response' in found) return found.response;
    const { base, catalog, problem, ctx } = found;
    const rows = readRows(form);
    if (!catalog)
      return catalogPage(c, { ...base, rows, errors: {}, general: problem ? [problemText(problem)] : [] });
    const lang = c.var.lang;
    const { directions, index, errors } = directionsOf(rows, catalog, lang);
    const general = directions.length === 0 ? [pick(MESSAGES.none, lang)] : [];
    if (Object.keys(errors).length > 0 || general.length > 0)
      return catalogPage(c, { ...base, rows, errors, general });
    const draft = { ...catalog, directions };
    const result = await api.matching.whatIf(base.parkId, draft, WHAT_IF_LIMIT, ctx);
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, `/team/catalog?park=${base.parkId}`);
      return catalogPage(c, { ...base, rows, ...catalogErrors(result.problem, index, lang) });
    }
    return catalogPage(c, {
      ...base,
      rows,
      errors: {},
      general: [],
      whatIf: result.data,
      firmNames: await firmNamesOf(result.data, base.parkId, ctx),
      draft: JSON.stringify(directions),
    });
  });

  app.post('/team/catalog/publish', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const found = await catalogContext(c, member);
    if ('response' in found) return found.response;
    const { base, catalog, problem, ctx } = found;
    const lang = c.var.lang;
    let parsed: z.ZodSafeParseResult<CatalogDirection[]> | undefined;
    try {
      parsed = Draft.safeParse(JSON.parse(form.get('draft')));
    } catch {
      parsed = undefined;
    }
    if (!catalog || !parsed?.success) {
      const rows = [...rowsOf(catalog?.directions ?? []), ...blankRows()];
      const general = [problem ? problemText(problem) : pick(T.badDraft, lang)];
      return catalogPage(c, { ...base, rows, errors: {}, general });
    }
    const directions = parsed.data;
    const note = form.get('note').trim().slice(0, 500) || undefined;
    const result = await api.matching.publishCatalog(base.parkId, { ...catalog, directions }, note, ctx);
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, `/team/catalog?park=${base.parkId}`);
      const rows = [...rowsOf(directions), ...blankRows()];
      return catalogPage(c, {
        ...base,
        rows,
        ...catalogErrors(
          result.problem,
          directions.map((_, i) => i),
          lang,
        ),
        note,
      });
    }
    return c.redirect(
      `/team/catalog?park=${encodeURIComponent(base.parkId)}&published=${result.data.version}#rerank`,
      303,
    );
  });

  return app;
}
