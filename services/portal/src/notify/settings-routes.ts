import { INBOX_CHANNEL, type NotificationKind, type Preferences } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { Html } from '../layout/html.ts';
import { teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import { homeOf, type MemberRole, type TeamMember } from '../session/session.ts';
import { memberOf, signInAgain } from '../team/member.ts';
import {
  type ChannelForm,
  channelFormErrors,
  messageOf,
  problemText,
  readChannel,
  typedValues,
} from './channel-form.ts';
import { testedFlash, testedMs, testOutcome } from './channel-section.ts';
import { readSettings, type SettingsView } from './settings-form.ts';
import { type PersonalSettingsOptions, personalSettings } from './settings-page.ts';
import { CHANNEL_TEXT, SETTINGS_TEXT as T } from './text.ts';

// One's own notification settings on the notifications service, with one's own token: the
// rules and quiet hours (`/v1/notification-preferences`) and one's own channels (`owner: "me"`).
// The team's page (/team/settings) and the bank's (/bank/settings) are this, at their own
// address, in their own frame, offering their own events. Who may change a channel is the
// service's to say; secrets go to it once and never come back.

export interface PersonalSettingsDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

/** The page around the settings (the team's navigation, the bank's bar), ready to draw. */
export type Frame = (title: string, body: Html) => Response | Promise<Response>;

export interface SettingsPlace {
  /** Where the page lives; its forms post there and below. */
  base: string;
  events: readonly NotificationKind[];
  /** Who may post the page's forms (pages are guarded by the caller's middleware). */
  roles: (role: MemberRole) => boolean;
  frame: (c: PortalContext, member: TeamMember) => Promise<Frame>;
}

const EMPTY: SettingsView = {
  rules: [],
  quiet: { on: false, start: '22:00', end: '08:00' },
  defaults: false,
};

const viewOf = (p: Preferences): SettingsView => ({
  rules: p.rules,
  quiet: {
    on: p.quietHours !== null,
    start: p.quietHours?.start ?? '22:00',
    end: p.quietHours?.end ?? '08:00',
  },
  defaults: p.defaults,
});

const problemMessages = (
  problem: { detail?: string | undefined; title: string; errors?: { message: string }[] | undefined },
  lang: Lang,
) => {
  const listed = (problem.errors ?? []).map((e) => messageOf(e, lang));
  return listed.length > 0 ? listed : [problem.detail ?? problem.title];
};

export function personalSettingsRoutes(
  { api, resumeSealer, now }: PersonalSettingsDeps,
  { base, events, roles, frame }: SettingsPlace,
) {
  const app = new Hono<PortalEnv>();

  /** One's own channels (a park's shared robots, listed too, are set for the park, not here). */
  async function ownChannels(c: PortalContext, member: TeamMember) {
    const result = await api.notifications.channels(callContext(c, member.token));
    const items = result.ok
      ? result.data.items.filter((ch) => ch.subscriber === `account:${member.username}`)
      : [];
    return { result, items };
  }

  /** The page with what the service holds now; `view` is what was posted and refused. */
  async function render(
    c: PortalContext,
    member: TeamMember,
    extra: Partial<Pick<PersonalSettingsOptions, 'form' | 'flash' | 'errors'>> & { view?: SettingsView } = {},
  ) {
    const ctx = callContext(c, member.token);
    const [draw, prefs, channels] = await Promise.all([
      frame(c, member),
      api.notifications.preferences(ctx),
      ownChannels(c, member),
    ]);
    if ((!prefs.ok && prefs.status === 401) || (!channels.result.ok && channels.result.status === 401))
      return signInAgain(c, base);
    const errors = [...(extra.errors ?? [])];
    for (const answer of [prefs, channels.result])
      if (!answer.ok)
        for (const message of problemMessages(answer.problem, c.var.lang))
          if (!errors.includes(message)) errors.push(message);
    const options: PersonalSettingsOptions = {
      base,
      events,
      view: extra.view ?? (prefs.ok ? viewOf(prefs.data) : EMPTY),
      channels: channels.items,
      form: extra.form,
      flash: extra.flash,
      errors,
    };
    return draw(pick(T.settingsTitle, c.var.lang), personalSettings(c, options));
  }

  /** A posted form from an account this page is for; or the page to show instead. */
  const posted = async (c: PortalContext) => {
    const p = await teamForm(c, { resumeSealer, now });
    if ('response' in p) return p;
    if (!roles(p.member.role)) return { response: c.redirect(homeOf(p.member.role), 303) };
    return p;
  };

  const FLASHES = { added: CHANNEL_TEXT.added, removed: CHANNEL_TEXT.removed } as const;

  app.get(base, async (c) => {
    const lang = c.var.lang;
    const done = Object.entries(FLASHES).find(([key]) => c.req.query('done') === key)?.[1];
    const flash = c.req.query('saved') === '1' ? T.saved : done;
    const tested = testedFlash(c.req.query('tested'), lang);
    return render(
      c,
      memberOf(c),
      flash ? { flash: { kind: 'info', text: pick(flash, lang) } } : tested ? { flash: tested } : {},
    );
  });

  app.post(base, async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const { member, form } = p;
    const ctx = callContext(c, member.token);
    const [channels, current] = await Promise.all([
      ownChannels(c, member),
      api.notifications.preferences(ctx),
    ]);
    if ((!current.ok && current.status === 401) || (!channels.result.ok && channels.result.status === 401))
      return signInAgain(c, base);
    const { input, view } = readSettings(form, [INBOX_CHANNEL, ...channels.items.map((ch) => ch.id)], events);
    // The service replaces every rule: those for events this page does not offer (an admin's
    // team rules, on the bank's page) are sent back as they are — so they must be known first.
    if (!current.ok) return render(c, member, { view, errors: problemMessages(current.problem, c.var.lang) });
    const kept = current.data.rules.filter((rule) => !events.includes(rule.event));
    const result = await api.notifications.setPreferences(
      { ...input, rules: [...input.rules, ...kept] },
      ctx,
    );
    if (result.ok) return c.redirect(`${base}?saved=1`, 303);
    if (result.status === 401) return signInAgain(c, base);
    return render(c, member, { view, errors: problemMessages(result.problem, c.var.lang) });
  });

  app.post(`${base}/channels`, async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const { member, form } = p;
    const lang = c.var.lang;
    // The secret is never drawn again, whatever happens.
    const values = typedValues(form);
    const { input, errors } = readChannel(form, 'me', lang);
    if (!input) return render(c, member, { form: { values, errors, general: [] } });
    const result = await api.notifications.createChannel(input, callContext(c, member.token));
    if (result.ok) return c.redirect(`${base}?done=added#rules`, 303);
    if (result.status === 401) return signInAgain(c, base);
    const refused: ChannelForm = { values, ...channelFormErrors(result.problem, lang) };
    return render(c, member, { form: refused });
  });

  app.post(`${base}/channels/:id/test`, async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const result = await api.notifications.testChannel(c.req.param('id'), callContext(c, p.member.token));
    if (!result.ok && result.status === 401) return signInAgain(c, base);
    // Sent: shown at an address of its own, so reloading the page does not send another test.
    const ms = testedMs(result);
    if (ms !== undefined) return c.redirect(`${base}?tested=${ms}#my-channels`, 303);
    return render(c, p.member, { flash: testOutcome(result, c.var.lang) });
  });

  app.post(`${base}/channels/:id/delete`, async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const result = await api.notifications.removeChannel(c.req.param('id'), callContext(c, p.member.token));
    if (result.ok) return c.redirect(`${base}?done=removed#my-channels`, 303);
    if (result.status === 401) return signInAgain(c, base);
    return render(c, p.member, { flash: { kind: 'warning', text: problemText(result.problem) } });
  });

  return app;
}
