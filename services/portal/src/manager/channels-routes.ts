import { type ChannelView, PARKS } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { notFoundPage } from '../layout/errors.ts';
import {
  channelFormErrors,
  messageOf,
  problemText,
  readChannel,
  typedValues,
} from '../notify/channel-form.ts';
import { testedFlash, testedMs, testOutcome } from '../notify/channel-section.ts';
import { readSettings } from '../notify/settings-form.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { isCityWide, memberOf, signInAgain } from '../team/member.ts';
import { teamNav } from '../team/nav.ts';
import {
  type ChannelsPageOptions,
  channelsPage,
  notificationPage,
  CHANNELS_TEXT as T,
} from './channels-page.ts';

// A park's notification channels on the notifications service, with the member's token: the
// service decides who may set up, test or remove a park's robot (its managers, admins) and
// who may only look (its analysts). Secrets go to the service once and never come back.

export interface ChannelRouteDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

/** Recent notifications listed; dead letters listed (admins). */
const RECENT = 10;
const DEAD_LETTERS = 50;

/** The park the page is about: the member's own, or the one city-wide staff asked for. */
const parkOf = (c: PortalContext, member: TeamMember): string =>
  member.parkId ?? PARKS.find((p) => p.id === c.req.query('park'))?.id ?? PARKS[0].id;

export function channelRoutes({ api, resumeSealer, now }: ChannelRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  /** Everything the page shows for the park, read in parallel. */
  async function render(
    c: PortalContext,
    member: TeamMember,
    parkId: string,
    extra: Partial<Pick<ChannelsPageOptions, 'form' | 'rulesErrors' | 'flash'>> = {},
  ) {
    const ctx = callContext(c, member.token);
    const admin = member.role === 'admin';
    const [nav, channels, prefs, recent, dead] = await Promise.all([
      teamNav(c, api, member, 'channels'),
      api.notifications.channels(ctx, parkId),
      api.notifications.parkPreferences(parkId, ctx),
      api.notifications.notifications({ parkId, limit: RECENT }, ctx),
      admin ? api.notifications.deadLetters(DEAD_LETTERS, ctx) : undefined,
    ]);
    const answers = [channels, prefs, recent, ...(dead ? [dead] : [])];
    if (answers.some((a) => !a.ok && a.status === 401))
      return signInAgain(c, `/team/channels?park=${parkId}`);
    const errors: string[] = [];
    for (const answer of answers)
      if (!answer.ok && !errors.includes(problemText(answer.problem)))
        errors.push(problemText(answer.problem));
    const shared: ChannelView[] = channels.ok
      ? channels.data.items.filter((ch) => ch.subscriber === `park:${parkId}`)
      : [];
    return channelsPage(c, {
      parkId,
      choosePark: isCityWide(member),
      manages: member.role !== 'analyst',
      admin,
      channels: shared,
      rules: prefs.ok ? prefs.data.rules : [],
      rulesDefault: prefs.ok ? prefs.data.defaults : false,
      notifications: recent.ok ? recent.data.items : [],
      deadLetters: dead?.ok ? dead.data.items : undefined,
      errors,
      nav,
      ...extra,
    });
  }

  const FLASHES = {
    added: T.added,
    removed: T.removed,
    rules: T.rulesSaved,
    replayed: T.replayed,
  } as const;

  app.get('/team/channels', async (c) => {
    const member = memberOf(c);
    const done = Object.entries(FLASHES).find(([key]) => c.req.query('done') === key);
    return render(c, member, parkOf(c, member), {
      flash: done
        ? { kind: 'info', text: pick(done[1], c.var.lang) }
        : testedFlash(c.req.query('tested'), c.var.lang),
    });
  });

  app.get('/team/channels/notifications/:id', async (c) => {
    const member = memberOf(c);
    const parkId = parkOf(c, member);
    const ctx = callContext(c, member.token);
    const [nav, detail] = await Promise.all([
      teamNav(c, api, member, 'channels'),
      api.notifications.notification(c.req.param('id'), ctx),
    ]);
    if (!detail.ok) {
      if (detail.status === 401) return signInAgain(c);
      return notFoundPage(c, nav);
    }
    return notificationPage(c, { parkId, ...detail.data, nav });
  });

  const back = (parkId: string, done: keyof typeof FLASHES, anchor: string) =>
    `/team/channels?park=${encodeURIComponent(parkId)}&done=${done}#${anchor}`;

  app.post('/team/channels/new', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const lang = c.var.lang;
    const parkId = parkOf(c, member);
    // The secret is never drawn again, whatever happens.
    const values = typedValues(form);
    const { input, errors } = readChannel(form, { parkId }, lang);
    if (!input) return render(c, member, parkId, { form: { values, errors, general: [] } });
    const result = await api.notifications.createChannel(input, callContext(c, member.token));
    if (result.ok) return c.redirect(back(parkId, 'added', 'rules'), 303);
    if (result.status === 401) return signInAgain(c, `/team/channels?park=${parkId}`);
    return render(c, member, parkId, { form: { values, ...channelFormErrors(result.problem, lang) } });
  });

  app.post('/team/channels/rules', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const lang = c.var.lang;
    const parkId = parkOf(c, member);
    const ctx = callContext(c, member.token);
    const [channels, current] = await Promise.all([
      api.notifications.channels(ctx, parkId),
      api.notifications.parkPreferences(parkId, ctx),
    ]);
    if ((!channels.ok && channels.status === 401) || (!current.ok && current.status === 401))
      return signInAgain(c, `/team/channels?park=${parkId}`);
    const ids = channels.ok
      ? channels.data.items.filter((ch) => ch.subscriber === `park:${parkId}`).map((ch) => ch.id)
      : [];
    const { input } = readSettings(form, ids);
    // The page sets no quiet hours for the park: those in force are kept.
    const quietHours = current.ok ? current.data.quietHours : null;
    const result = await api.notifications.setParkPreferences(
      parkId,
      { rules: input.rules, quietHours },
      ctx,
    );
    if (result.ok) return c.redirect(back(parkId, 'rules', 'rules'), 303);
    if (result.status === 401) return signInAgain(c, `/team/channels?park=${parkId}`);
    const listed = (result.problem.errors ?? []).map((e) => messageOf(e, lang));
    return render(c, member, parkId, {
      rulesErrors: listed.length > 0 ? listed : [problemText(result.problem)],
    });
  });

  app.post('/team/channels/:id/test', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member } = posted;
    const parkId = parkOf(c, member);
    const result = await api.notifications.testChannel(c.req.param('id'), callContext(c, member.token));
    if (!result.ok && result.status === 401) return signInAgain(c, `/team/channels?park=${parkId}`);
    // Sent: shown at an address of its own, so reloading the page does not send another test.
    const ms = testedMs(result);
    if (ms !== undefined)
      return c.redirect(`/team/channels?park=${encodeURIComponent(parkId)}&tested=${ms}#channels`, 303);
    return render(c, member, parkId, { flash: testOutcome(result, c.var.lang) });
  });

  app.post('/team/channels/:id/delete', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member } = posted;
    const parkId = parkOf(c, member);
    const result = await api.notifications.removeChannel(c.req.param('id'), callContext(c, member.token));
    if (result.ok) return c.redirect(back(parkId, 'removed', 'channels'), 303);
    if (result.status === 401) return signInAgain(c, `/team/channels?park=${parkId}`);
    return render(c, member, parkId, { flash: { kind: 'warning', text: problemText(result.problem) } });
  });

  app.post('/team/channels/dead-letters/:id/replay', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member } = posted;
    const parkId = parkOf(c, member);
    const result = await api.notifications.replay(c.req.param('id'), callContext(c, member.token));
    if (result.ok) return c.redirect(back(parkId, 'replayed', 'dead-letters'), 303);
    if (result.status === 401) return signInAgain(c, `/team/channels?park=${parkId}`);
    return render(c, member, parkId, { flash: { kind: 'warning', text: problemText(result.problem) } });
  });

  return app;
}
