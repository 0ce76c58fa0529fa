import { PARKS, TIERS, type Tier } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { directionLabels, type ParkDirectory } from '../api/park-directory.ts';
import { callContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { messagePage } from '../layout/errors.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import { isTeamPath } from '../session/resume.ts';
import type { Sealer } from '../session/seal.ts';
import { inboxPage } from './inbox-page.ts';
import { memberOf, signInAgain } from './member.ts';
import { teamNav } from './nav.ts';
import { type RankedFilters, rankedPage } from './ranked-page.ts';
import { TEAM_TEXT as T } from './text.ts';

// The investment team's pages: inbox, ranked leads, a lead. Each reads the services with
// the member's own token, so a team sees exactly what the services let it see.

export interface TeamDeps {
  api: Api;
  directory: ParkDirectory;
  resumeSealer: Sealer;
  now: () => number;
}

const INBOX_PAGE = 30;
const RANKED_PAGE = 20;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const DIRECTION = /^[a-z]+(\.[a-z0-9-]+)*$/;

export function teamRoutes({ api, directory, resumeSealer, now }: TeamDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team', requireTeamPage());
  app.use('/team/*', requireTeamPage());

  app.get('/team', (c) => c.redirect('/team/inbox', 303));

  app.get('/team/inbox', async (c) => {
    const member = memberOf(c);
    const unreadOnly = c.req.query('show') === 'unread';
    const before = c.req.query('before');
    const since = before && ISO_TIME.test(before) ? before : undefined;
    const [nav, list] = await Promise.all([
      teamNav(c, api, member, 'inbox'),
      api.notifications.inbox(
        { unread: unreadOnly ? true : undefined, before: since, limit: INBOX_PAGE },
        callContext(c, member.token),
      ),
    ]);
    if (!list.ok) {
      if (list.status === 401) return signInAgain(c);
      return messagePage(c, {
        title: T.inboxTitle,
        body: {
          zh: list.problem.detail ?? list.problem.title,
          en: list.problem.detail ?? list.problem.title,
        },
        status: 400,
        team: nav,
      });
    }
    const url = new URL(c.req.url);
    return inboxPage(c, {
      items: list.data.items,
      nextBefore: list.data.nextBefore,
      unreadOnly,
      back: url.pathname + url.search,
      paged: since !== undefined,
      nav,
    });
  });

  app.post('/team/inbox/:id/read', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const result = await api.notifications.markRead(c.req.param('id'), callContext(c, member.token));
    if (!result.ok && result.status === 401) return signInAgain(c);
    const back = form.get('back');
    return c.redirect(isTeamPath(back) ? back : '/team/inbox', 303);
  });

  app.get('/team/leads', async (c) => {
    const member = memberOf(c);
    const lang = c.var.lang;
    const cityWide = member.parkId === undefined;
    const asked = c.req.query('park');
    const parkId = member.parkId ?? PARKS.find((park) => park.id === asked)?.id ?? PARKS[0].id;
    const tiers: readonly Tier[] = cityWide ? TIERS : TIERS.filter((t) => t !== 'D');
    const tier = tiers.find((t) => t === c.req.query('tier'));
    const directionAsked = c.req.query('direction');
    const direction = directionAsked && DIRECTION.test(directionAsked) ? directionAsked : undefined;
    const minScoreText = (c.req.query('minScore') ?? '').trim();
    const minScore = minScoreText === '' ? undefined : Number(minScoreText);
    const errors: { field?: string; message: string }[] = [];
    const minScoreOk =
      minScore === undefined || (Number.isFinite(minScore) && minScore >= 0 && minScore <= 100);
    if (!minScoreOk) errors.push({ field: 'minScore', message: pick(T.badMinScore, lang) });
    const cursor = c.req.query('cursor')?.slice(0, 200) || undefined;
    const from = Math.max(0, Math.trunc(Number(c.req.query('from') ?? 0)) || 0);
    const filters: RankedFilters = {
      parkId,
      tier,
      direction,
      minScore: minScoreText,
      cursor,
      from: cursor ? from : 0,
    };

    const [nav, parks, result] = await Promise.all([
      teamNav(c, api, member, 'leads'),
      directory.parks(lang),
      api.matching.rankedLeads(
        parkId,
        { limit: RANKED_PAGE, cursor, tier, direction, minScore: minScoreOk ? minScore : undefined },
        callContext(c, member.token),
      ),
    ]);
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c);
      errors.push({ message: result.problem.detail ?? result.problem.title });
    }
    const park = parks?.find((p) => p.id === parkId);
    return rankedPage(c, {
      filters,
      items: result.ok ? result.data.items : [],
      nextCursor: result.ok ? result.data.nextCursor : null,
      tiers,
      choosePark: cityWide,
      directions: directionLabels(parks, parkId),
      parkDirections: park?.directions ?? [],
      errors,
      nav,
    });
  });

  return app;
}
