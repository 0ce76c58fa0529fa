import { PARK_IDS, type ParkId, type SlaClockView, Stage, TIERS, type Tier } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { EXPORTS, type ExportFile } from '../api/leads.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { messagePage, notFoundPage } from '../layout/errors.ts';
import { requireTeamPage } from '../session/guard.ts';
import type { TeamMember } from '../session/session.ts';
import { BOARD_STAGES, type BoardColumn, boardPage } from './board-page.ts';
import { type ListFilters, listPage } from './list-page.ts';
import { isCityWide, memberOf, signInAgain } from './member.ts';
import { teamNav } from './nav.ts';
import { clocksByLead } from './sla.ts';
import { WORK_TEXT as T } from './work-text.ts';

// The pipeline board, the lead list and the exports: read from the leads service's lead list
// with the member's token (so a team sees exactly what it may), SLA badges from the
// notifications service's clocks, and the spreadsheets streamed through with their names.

export interface PipelineRouteDeps {
  api: Api;
  now: () => number;
}

/** Leads in each column of the board; more are in the list. */
const BOARD_COLUMN = 30;
const LIST_PAGE = 50;
const CLOCK_LIMIT = 500;

const textParam = (value: string | undefined, max = 100) => (value ?? '').trim().slice(0, max);

/** The owner filter as the leads service takes it: a park the member may name, or `none`. */
function ownerParam(member: TeamMember, asked: string | undefined): ParkId | 'none' | undefined {
  if (asked === 'none') return 'none';
  const park = PARK_IDS.find((id) => id === asked);
  if (!park) return undefined;
  return isCityWide(member) || park === member.parkId ? park : undefined;
}

export function pipelineRoutes({ api, now }: PipelineRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  /** Running SLA clocks of what the member may see, by lead (none when notifications cannot say). */
  async function clocks(c: PortalContext, member: TeamMember): Promise<Map<string, SlaClockView[]>> {
    try {
      const result = await api.notifications.slaClocks(
        { parkId: member.parkId, status: 'running', limit: CLOCK_LIMIT },
        callContext(c, member.token),
      );
      return clocksByLead(result.ok ? result.data.items : []);
    } catch {
      return new Map();
    }
  }

  app.get('/team/board', async (c) => {
    const member = memberOf(c);
    const q = textParam(c.req.query('q'));
    const owner = ownerParam(member, c.req.query('owner'));
    const ctx = callContext(c, member.token);
    const [nav, byLead, ...answers] = await Promise.all([
      teamNav(c, api, member, 'board'),
      clocks(c, member),
      ...BOARD_STAGES.map((stage) =>
        api.leads.listLeads({ stage, owner, q: q || undefined, limit: BOARD_COLUMN }, ctx),
      ),
    ]);
    if (answers.some((answer) => !answer.ok && answer.status === 401)) return signInAgain(c);
    const errors: { message: string }[] = [];
    const columns: BoardColumn[] = BOARD_STAGES.map((stage, i) => {
      const answer = answers[i];
      if (!answer?.ok) {
        const message = answer ? (answer.problem.detail ?? answer.problem.title) : '';
        if (message && !errors.some((e) => e.message === message)) errors.push({ message });
        return { stage, items: [], more: false };
      }
      return { stage, items: answer.data.items, more: answer.data.nextCursor !== null };
    });
    return boardPage(c, {
      filters: { q, owner: owner ?? '' },
      columns,
      clocks: byLead,
      cityWide: isCityWide(member),
      ownPark: member.parkId,
      nowMs: now(),
      errors,
      nav,
    });
  });

  app.get('/team/pipeline', async (c) => {
    const member = memberOf(c);
    const cityWide = isCityWide(member);
    const tiers: readonly Tier[] = cityWide ? TIERS : TIERS.filter((t) => t !== 'D');
    const stage = Stage.options.find((s) => s === c.req.query('stage'));
    const tier = tiers.find((t) => t === c.req.query('tier'));
    const owner = ownerParam(member, c.req.query('owner'));
    const filters: ListFilters = {
      stage,
      tier,
      owner: owner ?? '',
      liaison: textParam(c.req.query('liaison')),
      q: textParam(c.req.query('q')),
      cursor: textParam(c.req.query('cursor'), 300) || undefined,
    };
    const [nav, byLead, result] = await Promise.all([
      teamNav(c, api, member, 'list'),
      clocks(c, member),
      api.leads.listLeads(
        {
          stage,
          tier,
          owner,
          liaison: filters.liaison || undefined,
          q: filters.q || undefined,
          cursor: filters.cursor,
          limit: LIST_PAGE,
        },
        callContext(c, member.token),
      ),
    ]);
    if (!result.ok && result.status === 401) return signInAgain(c);
    return listPage(c, {
      filters,
      items: result.ok ? result.data.items : [],
      nextCursor: result.ok ? result.data.nextCursor : null,
      clocks: byLead,
      cityWide,
      ownPark: member.parkId,
      tiers,
      nowMs: now(),
      errors: result.ok ? [] : [{ message: result.problem.detail ?? result.problem.title }],
      nav,
    });
  });

  /** A spreadsheet, streamed through with the member's token, its type and file name kept. */
  app.get('/team/exports/:file', async (c) => {
    const member = memberOf(c);
    const file = EXPORTS.find((name) => name === c.req.param('file')) as ExportFile | undefined;
    if (!file) return notFoundPage(c, await teamNav(c, api, member));
    const result = await api.leads.exportFile(file, callContext(c, member.token));
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, '/team/pipeline');
      return messagePage(c, {
        title: T.exports,
        body: {
          zh: result.problem.detail ?? result.problem.title,
          en: result.problem.detail ?? result.problem.title,
        },
        status: result.status === 403 ? 403 : 400,
        team: await teamNav(c, api, member),
      });
    }
    return proxyDownload(result.data);
  });

  return app;
}

/** A service's file answer passed on as it streams: its type, name and length kept, never cached. */
export function proxyDownload(upstream: Response): Response {
  const headers = new Headers({ 'cache-control': 'private, no-store' });
  for (const name of ['content-type', 'content-disposition', 'content-length']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}
