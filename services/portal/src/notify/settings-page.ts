import { type ChannelView, INBOX_CHANNEL, type NotificationKind } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { errorSummary, input, notice } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import { type ChannelForm, PERSONAL_KINDS } from './channel-form.ts';
import { channelAddForm, channelTable } from './channel-section.ts';
import { rulesTable, type SettingsView } from './settings-form.ts';
import { CHANNEL_LABELS, MY_CHANNELS_TEXT as M, SETTINGS_TEXT as T } from './text.ts';

// One's own notification settings, the body of the team's and the bank's settings pages: the
// channels of one's own (an email address, a personal robot or webhook — listed, tested,
// removed, added), then the rules — which events reach one on the inbox and on each of those
// channels — and the quiet hours. `base` is where the page lives and its forms post.

export interface PersonalSettingsOptions {
  base: string;
  /** The events the page offers rules for (a bank officer hears of fewer than a park's team). */
  events: readonly NotificationKind[];
  view: SettingsView;
  channels: readonly ChannelView[];
  /** A channel's set-up form, refused. */
  form?: ChannelForm | undefined;
  flash?: { kind: 'info' | 'warning'; text: string } | undefined;
  /** Why the settings could not be read or saved. */
  errors: string[];
}

function myChannels(c: PortalContext, o: PersonalSettingsOptions): Html {
  const lang = c.var.lang;
  return html`<section class="card" id="my-channels" aria-labelledby="my-channels-title">
  <h2 id="my-channels-title">${pick(M.title, lang)}</h2>
  <p class="hint">${pick(M.lead, lang)}</p>
  ${channelTable(c, {
    channels: o.channels,
    caption: pick(M.title, lang),
    none: pick(M.none, lang),
    createdBy: false,
    actionHref: (id, what) => `${o.base}/channels/${encodeURIComponent(id)}/${what}`,
  })}
  ${channelAddForm(c, {
    action: `${o.base}/channels`,
    kinds: PERSONAL_KINDS,
    summary: pick(M.add, lang),
    nameHint: pick(M.nameHint, lang),
    email: { label: pick(M.to, lang), hint: pick(M.toHint, lang) },
    url: { label: pick(M.url, lang), hint: pick(M.urlHint, lang) },
    form: o.form,
  })}
</section>`;
}

function rulesForm(c: PortalContext, o: PersonalSettingsOptions): Html {
  const lang = c.var.lang;
  const columns = [
    { id: INBOX_CHANNEL, label: pick(CHANNEL_LABELS.inbox, lang) },
    ...o.channels.map((ch) => ({ id: ch.id, label: ch.name })),
  ];
  const digest = o.events.includes('daily-digest');
  return html`<form method="post" action="${o.base}" class="card settings-form" id="rules" aria-labelledby="rules-title">
  <h2 id="rules-title">${pick(M.rules, lang)}</h2>
  ${o.view.defaults ? html`<p class="muted">${pick(T.defaults, lang)}</p>` : ''}
  ${csrfField(c)}
  ${rulesTable({ events: o.events, columns, rules: o.view.rules, caption: pick(T.channels, lang), lang })}
  ${digest && o.channels.length === 0 ? html`<p class="hint">${pick(T.noPushChannel, lang)}</p>` : ''}
  <fieldset class="field">
    <legend>${pick(T.quietHours, lang)}</legend>
    <div class="option"><input type="checkbox" id="f-quiet-on" name="quiet.on" value="true"${o.view.quiet.on ? html` checked` : ''}><label for="f-quiet-on">${pick(T.quietOn, lang)}</label></div>
    <div class="row-grid">
      ${input({ name: 'quiet.start', type: 'time', label: pick(T.quietStart, lang), value: o.view.quiet.start, markOptional: false, lang })}
      ${input({ name: 'quiet.end', type: 'time', label: pick(T.quietEnd, lang), value: o.view.quiet.end, markOptional: false, lang })}
    </div>
  </fieldset>
  <div class="actions"><button type="submit" class="primary">${pick(T.save, lang)}</button></div>
</form>`;
}

/** The settings page's content (the caller puts it in its frame, with its navigation). */
export function personalSettings(c: PortalContext, o: PersonalSettingsOptions): Html {
  const lang = c.var.lang;
  return html`<h1>${pick(T.settingsTitle, lang)}</h1>
<p class="lead">${pick(T.settingsLead, lang)}</p>
${o.flash ? notice(o.flash.kind, o.flash.text) : ''}
${errorSummary(
  o.errors.map((message) => ({ message })),
  lang,
)}
${myChannels(c, o)}
${rulesForm(c, o)}`;
}
