import {
  INBOX_CHANNEL,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type PreferencesInput,
  type SubscriptionRule,
  TIERED_KINDS,
} from '@parkmatch/contracts';
import { type Lang, pick } from '../i18n/lang.ts';
import { fieldId } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import type { Form } from '../session/form.ts';
import { KIND_LABELS, SETTINGS_TEXT as T } from './text.ts';

// Rules as a table of boxes — a row for each event offered, a column for each channel, the
// lowest tier worth hearing of for the tiered events — and reading them back from the form.
// One's own settings and a park's rules for its robots are both drawn and read here.

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MIN_TIERS = ['A', 'B', 'C'] as const;

export interface SettingsView {
  rules: readonly SubscriptionRule[];
  quiet: { on: boolean; start: string; end: string };
  defaults: boolean;
}

/**
 * The settings as posted: a rule for each of `events` with at least one of `channels` ticked
 * (a box for another channel, or another event, is not the page's and is dropped).
 */
export function readSettings(
  form: Form,
  channels: readonly string[],
  events: readonly NotificationKind[] = NOTIFICATION_KINDS,
): { input: PreferencesInput; view: SettingsView } {
  const rules: SubscriptionRule[] = [];
  for (const event of events) {
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

export interface RulesTableOptions {
  events: readonly NotificationKind[];
  columns: readonly { id: string; label: string }[];
  rules: readonly SubscriptionRule[];
  caption: string;
  /** Put before the boxes' ids: the park's page draws its own rules beside other forms. */
  idPrefix?: string | undefined;
  /** Shown, not changed (a park's analysts may look). */
  disabled?: boolean | undefined;
  lang: Lang;
}

/** The rules as boxes: events down, channels across, and the lowest tier for tiered events. */
export function rulesTable(o: RulesTableOptions): Html {
  const { lang } = o;
  const prefix = o.idPrefix ?? '';
  const disabled = o.disabled ? html` disabled` : '';
  const ruleOf = (event: NotificationKind) => o.rules.find((r) => r.event === event);
  const cell = (event: NotificationKind, column: { id: string; label: string }): Html => {
    if (event === 'daily-digest' && column.id === INBOX_CHANNEL) return html`<td class="muted">–</td>`;
    const id = fieldId(`${prefix}rule.${event}.${column.id}`);
    const checked = ruleOf(event)?.channels.includes(column.id) ?? false;
    return html`<td><input type="checkbox" id="${id}" name="rule.${event}" value="${column.id}"${checked ? html` checked` : ''}${disabled}><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${column.label}</label></td>`;
  };
  const tierCell = (event: NotificationKind): Html => {
    if (!TIERED_KINDS.includes(event)) return html`<td></td>`;
    const id = fieldId(`${prefix}minTier.${event}`);
    const current = ruleOf(event)?.minTier ?? '';
    return html`<td><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${pick(T.minTier, lang)}</label><select id="${id}" name="minTier.${event}"${disabled}><option value="">${pick(T.anyTier, lang)}</option>${MIN_TIERS.map((t) => html`<option value="${t}"${t === current ? html` selected` : ''}>${t}</option>`)}</select></td>`;
  };
  // The tier column only when an event offered takes one (a bank officer's do not).
  const tiered = o.events.some((event) => TIERED_KINDS.includes(event));
  return html`<div class="table-wrap"><table class="data settings">
    <caption>${o.caption}</caption>
    <thead><tr><th scope="col">${pick(T.event, lang)}</th>${o.columns.map((col) => html`<th scope="col">${col.label}</th>`)}${tiered ? html`<th scope="col">${pick(T.minTier, lang)}</th>` : ''}</tr></thead>
    <tbody>${o.events.map((event) => html`<tr><th scope="row">${pick(KIND_LABELS[event], lang)}</th>${o.columns.map((col) => cell(event, col))}${tiered ? tierCell(event) : ''}</tr>`)}</tbody>
  </table></div>`;
}
