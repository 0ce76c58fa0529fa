import {
  type Bilingual,
  type ChannelView,
  INBOX_CHANNEL,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Preferences,
  type PreferencesInput,
  type SubscriptionRule,
  TIERED_KINDS,
} from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, fieldId, input, notice } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { MANAGER_TEXT as T } from '../manager/text.ts';
import type { Form } from '../session/form.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { memberOf, signInAgain } from './member.ts';
import { teamNav } from './nav.ts';
import { INBOX_KIND_LABELS } from './text.ts';

// A member's notification settings (the notifications service's preferences): for each event,
// the channels it reaches the member on — the inbox and the member's own channels — the
// lowest tier worth hearing of for the tiered events, and the quiet hours.

export interface SettingsDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

export const KIND_LABELS: Record<NotificationKind, Bilingual> = {
  ...INBOX_KIND_LABELS,
  'daily-digest': { zh: '每日摘要', en: 'Daily digest' },
};

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MIN_TIERS = ['A', 'B', 'C'] as const;

interface SettingsView {
  rules: readonly SubscriptionRule[];
  quiet: { on: boolean; start: string; end: string };
  defaults: boolean;
}

const viewOf = (p: Preferences): SettingsView => ({
  rules: p.rules,
  quiet: {
    on: p.quietHours !== null,
    start: p.quietHours?.start ?? '22:00',
    end: p.quietHours?.end ?? '08:00',
  },
  defaults: p.defaults,
});

/** The settings as posted: a rule for each event with at least one channel ticked. */
export function readSettings(
  form: Form,
  channels: readonly string[],
): { input: PreferencesInput; view: SettingsView } {
  const rules: SubscriptionRule[] = [];
  for (const event of NOTIFICATION_KINDS) {
    // The digest goes out on push channels only: the form never offers it the inbox.
    const ticked = form
      .all(`rule.${event}`)
      .filter((id) => channels.includes(id) && !(event === 'daily-digest' && id === INBOX_CHANNEL));
    if (ticked.length === 0) continue;
    const minTier = TIERED_KINDS.includes(event)
      ? MIN_TIERS.find((t) => t === form.get(`minTier.${event}`))
      : undefined;
    rules.push({ event, channels: [...new Set(ticked)], ...(minTier ? { minTier } : {}) });
  }
  const on = form.get('quiet.on') === 'true';
  const start = form.get('quiet.start');
  const end = form.get('quiet.end');
  const quietHours = on && HHMM.test(start) && HHMM.test(end) ? { start, end } : null;
  return { input: { rules, quietHours }, view: { rules, quiet: { on, start, end }, defaults: false } };
}

function settingsPage(
  c: PortalContext,
  o: { view: SettingsView; channels: readonly ChannelView[]; nav: TeamNav; errors: string[]; saved: boolean },
) {
  const lang = c.var.lang;
  const columns: { id: string; label: string }[] = [
    { id: INBOX_CHANNEL, label: pick(T.inbox, lang) },
    ...o.channels.map((ch) => ({ id: ch.id, label: ch.name })),
  ];
  const ruleOf = (event: NotificationKind) => o.view.rules.find((r) => r.event === event);
  const cell = (event: NotificationKind, column: { id: string; label: string }): Html => {
    if (event === 'daily-digest' && column.id === INBOX_CHANNEL) return html`<td class="muted">–</td>`;
    const id = fieldId(`rule.${event}.${column.id}`);
    const checked = ruleOf(event)?.channels.includes(column.id) ?? false;
    return html`<td><input type="checkbox" id="${id}" name="rule.${event}" value="${column.id}"${checked ? html` checked` : ''}><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${column.label}</label></td>`;
  };
  const tierCell = (event: NotificationKind): Html => {
    if (!TIERED_KINDS.includes(event)) return html`<td></td>`;
    const id = fieldId(`minTier.${event}`);
    const current = ruleOf(event)?.minTier ?? '';
    return html`<td><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${pick(T.minTier, lang)}</label><select id="${id}" name="minTier.${event}"><option value="">${pick(T.anyTier, lang)}</option>${MIN_TIERS.map((t) => html`<option value="${t}"${t === current ? html` selected` : ''}>${t}</option>`)}</select></td>`;
  };
  return page(c, {
    title: pick(T.settingsTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.settingsTitle, lang)}</h1>
<p class="lead">${pick(T.settingsLead, lang)}</p>
${o.saved ? notice('info', pick(T.saved, lang)) : ''}
${errorSummary(
  o.errors.map((message) => ({ message })),
  lang,
)}
${o.view.defaults ? html`<p class="muted">${pick(T.defaults, lang)}</p>` : ''}
<form method="post" action="/team/settings" class="card settings-form">
  ${csrfField(c)}
  <div class="table-wrap"><table class="data settings">
    <caption>${pick(T.channels, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.event, lang)}</th>${columns.map((col) => html`<th scope="col">${col.label}</th>`)}<th scope="col">${pick(T.minTier, lang)}</th></tr></thead>
    <tbody>${NOTIFICATION_KINDS.map((event) => html`<tr><th scope="row">${pick(KIND_LABELS[event], lang)}</th>${columns.map((col) => cell(event, col))}${tierCell(event)}</tr>`)}</tbody>
  </table></div>
  ${o.channels.length === 0 ? html`<p class="hint">${pick(T.noPushChannel, lang)}</p>` : ''}
  <fieldset class="field">
    <legend>${pick(T.quietHours, lang)}</legend>
    <div class="option"><input type="checkbox" id="f-quiet-on" name="quiet.on" value="true"${o.view.quiet.on ? html` checked` : ''}><label for="f-quiet-on">${pick(T.quietOn, lang)}</label></div>
    <div class="row-grid">
      ${input({ name: 'quiet.start', type: 'time', label: pick(T.quietStart, lang), value: o.view.quiet.start, markOptional: false, lang })}
      ${input({ name: 'quiet.end', type: 'time', label: pick(T.quietEnd, lang), value: o.view.quiet.end, markOptional: false, lang })}
    </div>
  </fieldset>
  <div class="actions"><button type="submit" class="primary">${pick(T.save, lang)}</button></div>
</form>`,
  });
}

const problemMessages = (
  problem: {
    detail?: string | undefined;
    title: string;
    errors?: { message: string; messageEn?: string | undefined }[] | undefined;
  },
  lang: Lang,
) => {
  const listed = (problem.errors ?? []).map((e) => (lang === 'zh' ? e.message : (e.messageEn ?? e.message)));
  return listed.length > 0 ? listed : [problem.detail ?? problem.title];
};

export function settingsRoutes({ api, resumeSealer, now }: SettingsDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  /** The member's own channels (a park's shared robots are set for the park, not here). */
  async function ownChannels(c: PortalContext, member: TeamMember) {
    const result = await api.notifications.channels(callContext(c, member.token));
    return result.ok ? result.data.items.filter((ch) => ch.subscriber === `account:${member.username}`) : [];
  }

  app.get('/team/settings', async (c) => {
    const member = memberOf(c);
    const ctx = callContext(c, member.token);
    const [nav, prefs, channels] = await Promise.all([
      teamNav(c, api, member, 'settings'),
      api.notifications.preferences(ctx),
      ownChannels(c, member),
    ]);
    if (!prefs.ok) {
      if (prefs.status === 401) return signInAgain(c);
      return settingsPage(c, {
        view: { rules: [], quiet: { on: false, start: '22:00', end: '08:00' }, defaults: false },
        channels,
        nav,
        errors: problemMessages(prefs.problem, c.var.lang),
        saved: false,
      });
    }
    return settingsPage(c, {
      view: viewOf(prefs.data),
      channels,
      nav,
      errors: [],
      saved: c.req.query('saved') === '1',
    });
  });

  app.post('/team/settings', async (c) => {
    const posted = await teamForm(c, { resumeSealer, now });
    if ('response' in posted) return posted.response;
    const { member, form } = posted;
    const channels = await ownChannels(c, member);
    const { input: body, view } = readSettings(form, [INBOX_CHANNEL, ...channels.map((ch) => ch.id)]);
    const result = await api.notifications.setPreferences(body, callContext(c, member.token));
    if (result.ok) return c.redirect('/team/settings?saved=1', 303);
    if (result.status === 401) return signInAgain(c, '/team/settings');
    const nav = await teamNav(c, api, member, 'settings');
    return settingsPage(c, {
      view,
      channels,
      nav,
      errors: problemMessages(result.problem, c.var.lang),
      saved: false,
    });
  });

  return app;
}
