import { PARKS, type ProblemView } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { shanghaiDay } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { messagePage } from '../layout/errors.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { isCityWide, memberOf, signInAgain } from '../team/member.ts';
import { teamNav } from '../team/nav.ts';
import { readTarget } from './target-form.ts';
import { type TargetFormState, type TargetsPageOptions, targetsPage } from './targets-page.ts';
import { MANAGER_TEXT } from './text.ts';

// Targets on the insights service, with the member's token: a park's managers set their
// park's, city-wide staff the city's and any park's (the service decides); analysts look.

export interface TargetRouteDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

const CITY = 'city';

const scopesOf = (member: TeamMember): string[] =>
  isCityWide(member) ? [CITY, ...PARKS.map((p) => p.id)] : member.parkId ? [member.parkId] : [];

const scopeOf = (c: PortalContext, member: TeamMember): string => {
  const scopes = scopesOf(member);
  const asked = c.req.query('scope');
  return scopes.find((s) => s === asked) ?? scopes[0] ?? CITY;
};

/** The service's refusal beside the fields it names (`targets.firms`, `year` …); the rest above. */
export function targetFormErrors(problem: ProblemView, fields: ReadonlySet<string>, lang: Lang) {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const error of problem.errors ?? []) {
    const message = lang === 'zh' ? error.message : (error.messageEn ?? error.message);
    if (fields.has(error.path) && !(error.path in errors)) errors[error.path] = message;
    else general.push(message);
  }
  if ((problem.errors ?? []).length === 0) general.push(problem.detail ?? problem.title);
  return { errors, general };
}

export function targetRoutes({ api, resumeSealer, now }: TargetRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  async function render(
    c: PortalContext,
    member: TeamMember,
    scope: string,
    extra: Partial<Pick<TargetsPageOptions, 'form' | 'saved' | 'year'>> = {},
  ) {
    const nav = await teamNav(c, api, member, 'targets');
    const insights = api.insights;
    if (!insights)
      return messagePage(c, {
        title: MANAGER_TEXT.notConfigured,
        body: MANAGER_TEXT.notConfiguredBody,
        status: 503,
        team: nav,
      });
    const result = await insights.targets(scope, callContext(c, member.token));
    if (!result.ok && result.status === 401) return signInAgain(c, `/team/targets?scope=${scope}`);
    const asked = Number(c.req.query('year'));
    const thisYear = Number(shanghaiDay(now()).slice(0, 4));
    return targetsPage(c, {
      scope,
      scopes: scopesOf(member),
      manages: member.role !== 'analyst',
      targets: result.ok ? result.data.items : [],
      year: Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear,
      saved: false,
      errors: result.ok ? [] : [result.problem.detail ?? result.problem.title],
      nav,
      ...extra,
    });
  }

  app.get('/team/targets', async (c) => {
    const member = memberOf(c);
    return render(c, member, scopeOf(c, member), { saved: c.req.query('saved') === '1' });
  });

  app.post('/team/targets', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const lang = c.var.lang;
    const scope = scopeOf(c, member);
    const { input, errors } = readTarget(form, scope, lang);
    const state = (s: Omit<TargetFormState, 'values'>): TargetFormState => ({ values: form, ...s });
    if (!input) return render(c, member, scope, { form: state({ errors, general: [] }) });
    if (!api.insights) return render(c, member, scope);
    const result = await api.insights.setTarget(input, callContext(c, member.token));
    if (result.ok)
      return c.redirect(
        `/team/targets?scope=${encodeURIComponent(scope)}&year=${result.data.year}&saved=1#target-${result.data.year}`,
        303,
      );
    if (result.status === 401) return signInAgain(c, `/team/targets?scope=${scope}`);
    const fields = new Set(form.entries().map(([name]) => name));
    return render(c, member, scope, { form: state(targetFormErrors(result.problem, fields, lang)) });
  });

  return app;
}
