import type { ChannelTestResult, ChannelView } from '@parkmatch/contracts';
import type { ApiResult } from '../api/http.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime, formatNumber } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, input, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import {
  type ChannelForm,
  type ChannelKind,
  problemText,
  ROBOT_TYPES,
  TAKES_SECRET,
} from './channel-form.ts';
import { CHANNEL_LABELS, CHANNEL_TEXT as T } from './text.ts';

// A list of channels and the form that sets one up, drawn alike for a park's shared robots
// and for one's own channels: the target as the service masks it, whether a secret is kept
// (never the secret), a test send and removal as small forms, and the set-up form with the
// service's field errors beside the fields.

export interface ChannelTableOptions {
  channels: readonly ChannelView[];
  caption: string;
  /** What is said instead of the table when there is no channel. */
  none: string;
  /** Show who set each one up (a park's robots are set up by any of its managers). */
  createdBy: boolean;
  /** Where each channel's test and removal are posted; none when the visitor may only look. */
  actionHref?: ((channelId: string, what: 'test' | 'delete') => string) | undefined;
}

function channelRow(c: PortalContext, o: ChannelTableOptions, ch: ChannelView, lang: Lang): Html {
  const action = o.actionHref;
  return html`<tr>
  <th scope="row">${ch.name}</th>
  <td>${pick(CHANNEL_LABELS[ch.type], lang)}</td>
  <td class="mono">${ch.target}</td>
  <td>${pick(ch.hasSecret ? T.secretKept : T.noSecret, lang)}</td>
  ${o.createdBy ? html`<td>${ch.createdBy} · ${formatDateTime(ch.createdAt, lang)}</td>` : ''}
  ${
    action
      ? html`<td class="nowrap">
    <form method="post" action="${action(ch.id, 'test')}" class="inline">${csrfField(c)}<button type="submit" aria-label="${pick(T.test, lang)}${colon(lang)}${ch.name}">${pick(T.test, lang)}</button></form>
    <form method="post" action="${action(ch.id, 'delete')}" class="inline">${csrfField(c)}<button type="submit" class="danger-link" aria-label="${pick(T.remove, lang)}${colon(lang)}${ch.name}">${pick(T.remove, lang)}</button></form>
  </td>`
      : ''
  }
</tr>`;
}

/** The channels as a table: name, kind, masked target, secret kept or not, and the actions. */
export function channelTable(c: PortalContext, o: ChannelTableOptions): Html {
  const lang = c.var.lang;
  if (o.channels.length === 0) return html`<p class="muted">${o.none}</p>`;
  const th = (label: string) => html`<th scope="col">${label}</th>`;
  return html`<div class="table-wrap"><table class="data">
    <caption class="visually-hidden">${o.caption}</caption>
    <thead><tr>${th(pick(T.name, lang))}${th(pick(T.type, lang))}${th(pick(T.target, lang))}${th(pick(T.secret, lang))}${o.createdBy ? th(pick(T.createdBy, lang)) : ''}${o.actionHref ? th(pick(T.actionsFor, lang)) : ''}</tr></thead>
    <tbody>${o.channels.map((ch) => channelRow(c, o, ch, lang))}</tbody>
  </table></div>`;
}

export interface ChannelAddFormOptions {
  action: string;
  kinds: readonly ChannelKind[];
  /** The summary that opens the form. */
  summary: string;
  nameHint: string;
  /** The URL field's words, when not a group robot's (one's own form takes a webhook too). */
  url?: { label: string; hint: string } | undefined;
  /** The email field's words: shown when the kinds take an email. */
  email?: { label: string; hint: string } | undefined;
  /** What was posted and refused; the form is open then. */
  form?: ChannelForm | undefined;
}

/**
 * The set-up form, folded until opened. An email address and a robot's URL are both drawn
 * when the kinds take both: portal.js shows only the chosen kind's fields (without script all
 * show, and their hints say which kind needs which); the secret is a password field, empty
 * every time the form is drawn.
 */
export function channelAddForm(c: PortalContext, o: ChannelAddFormOptions): Html {
  const lang = c.var.lang;
  const f = o.form;
  const value = (name: keyof ChannelForm['values']) => f?.values[name] ?? (name === 'type' ? o.kinds[0] : '');
  const takesEmail = o.kinds.includes('email');
  // Which kinds each address field is for: portal.js shows only the chosen kind's (all show without it).
  const kindsOf = (kinds: readonly ChannelKind[]) => ({
    kinds: o.kinds.filter((k) => kinds.includes(k)).join(' '),
  });
  const urlKinds = kindsOf(ROBOT_TYPES);
  const secretKinds = kindsOf(TAKES_SECRET);
  return html`<details class="work-form" id="add-channel"${f ? html` open` : ''}>
  <summary>${o.summary}</summary>
  ${f ? errorSummary([...f.general.map((message) => ({ message })), ...Object.entries(f.errors).map(([field, message]) => ({ field, message }))], lang) : ''}
  <form method="post" action="${o.action}" novalidate data-kind-fields>
    ${csrfField(c)}
    ${select({ name: 'type', label: pick(T.type, lang), value: value('type') ?? '', options: o.kinds.map((t) => ({ value: t, label: pick(CHANNEL_LABELS[t], lang) })), required: true, error: f?.errors.type, lang })}
    ${input({ name: 'name', label: pick(T.name, lang), hint: o.nameHint, value: value('name') ?? '', required: true, maxlength: 100, error: f?.errors.name, lang })}
    ${takesEmail ? input({ name: 'to', type: 'email', label: o.email?.label ?? '', hint: o.email?.hint, value: value('to') ?? '', maxlength: 254, autocomplete: 'email', inputmode: 'email', markOptional: false, error: f?.errors.to, data: kindsOf(['email']), lang }) : ''}
    ${input({ name: 'url', label: o.url?.label ?? pick(T.url, lang), hint: o.url?.hint ?? pick(T.urlHint, lang), value: value('url') ?? '', required: !takesEmail, markOptional: false, maxlength: 2000, autocomplete: 'off', inputmode: 'text', error: f?.errors.url, data: urlKinds, lang })}
    ${input({ name: 'secret', type: 'password', label: pick(T.secret, lang), hint: f ? `${pick(T.secretHint, lang)} ${pick(T.secretAgain, lang)}` : pick(T.secretHint, lang), value: '', autocomplete: 'new-password', maxlength: 512, error: f?.errors.secret, data: secretKinds, lang })}
    <div class="actions"><button type="submit" class="primary">${pick(T.addButton, lang)}</button></div>
  </form>
</details>`;
}

/** What a test send came to, as a notice: sent in so many ms, or the reason it failed. */
export function testOutcome(
  result: ApiResult<ChannelTestResult>,
  lang: Lang,
): { kind: 'info' | 'warning'; text: string } {
  if (!result.ok)
    return {
      kind: 'warning',
      text: `${pick(T.testFailed, lang)}${colon(lang)}${problemText(result.problem)}`,
    };
  if (result.data.ok)
    return { kind: 'info', text: `${pick(T.tested, lang)} · ${formatNumber(result.data.ms, lang)} ms` };
  return { kind: 'warning', text: `${pick(T.testFailed, lang)}${colon(lang)}${result.data.error ?? ''}` };
}

/** A test send that went through: the time it took, for the address the page is shown at after it (`tested=`). */
export const testedMs = (result: ApiResult<ChannelTestResult>): number | undefined =>
  result.ok && result.data.ok ? Math.max(0, Math.round(result.data.ms)) : undefined;

/** The note of a test send that went through, read back from the address (`tested=<ms>`). */
export function testedFlash(
  tested: string | undefined,
  lang: Lang,
): { kind: 'info' | 'warning'; text: string } | undefined {
  if (tested === undefined || !/^\d{1,7}$/.test(tested)) return undefined;
  return { kind: 'info', text: `${pick(T.tested, lang)} · ${formatNumber(Number(tested), lang)} ms` };
}
