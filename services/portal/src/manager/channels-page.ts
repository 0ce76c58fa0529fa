import {
  type Bilingual,
  type ChannelView,
  type DeliveryView,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationView,
  PARKS,
  type SubscriptionRule,
  TIERED_KINDS,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, fieldId, input, notice, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { KIND_LABELS } from '../team/settings-routes.ts';
import { ROBOT_LABELS, ROBOT_TYPES } from './channel-form.ts';

// A park's notification channels (园区通知): its shared group robots (企业微信, 钉钉, 飞书)
// and signed webhooks — set up with their secret, which is never shown again, tested with a
// message sent now, removed — the park's rules for them (which events reach which robot),
// the notifications made for the park with each one's deliveries, and for admins the dead
// letters with a replay button.

export const CHANNELS_TEXT = {
  title: { zh: '园区通知渠道', en: 'Park notification channels' },
  lead: {
    zh: '把园区的新线索、阶段变化和时限提醒推送到招商团队的企业微信、钉钉或飞书群，或推送到您的系统（Webhook）。',
    en: 'Send the park’s new leads, stage changes and deadline reminders to the team’s WeCom, DingTalk or Feishu group, or to your own system (webhook).',
  },
  park: { zh: '园区', en: 'Park' },
  choose: { zh: '切换', en: 'Show' },
  channels: { zh: '群机器人与 Webhook', en: 'Group robots and webhooks' },
  none: { zh: '尚未设置园区共用渠道。', en: 'The park has no shared channel yet.' },
  type: { zh: '类型', en: 'Kind' },
  name: { zh: '名称', en: 'Name' },
  nameHint: { zh: '如「大渡口招商群」', en: 'e.g. “Dadukou investment team”' },
  target: { zh: '地址', en: 'Address' },
  secret: { zh: '签名密钥', en: 'Signing secret' },
  secretHint: {
    zh: '钉钉（加签）和 Webhook 必填，飞书可选，企业微信无需填写。密钥加密保存，保存后不再显示。',
    en: 'Required for DingTalk (signed) and webhooks, optional for Feishu, not used by WeCom. Stored encrypted and never shown again.',
  },
  secretAgain: {
    zh: '为安全起见，密钥不会回显，请重新输入。',
    en: 'For safety the secret is not shown back: type it again.',
  },
  secretKept: { zh: '已保存（不显示）', en: 'Saved (never shown)' },
  noSecret: { zh: '无', en: 'None' },
  url: { zh: '机器人 Webhook 地址', en: 'Robot webhook URL' },
  urlHint: {
    zh: '在群设置中添加自定义机器人后复制的地址（https://…）。',
    en: 'The address the group shows when you add a custom robot (https://…).',
  },
  createdBy: { zh: '设置人', en: 'Set up by' },
  add: { zh: '添加群机器人或 Webhook', en: 'Add a group robot or webhook' },
  addButton: { zh: '保存渠道', en: 'Save the channel' },
  test: { zh: '测试发送', en: 'Send a test' },
  remove: { zh: '删除', en: 'Remove' },
  actionsFor: { zh: '操作', en: 'Actions' },
  tested: { zh: '测试消息已发送', en: 'The test message was sent' },
  testFailed: { zh: '测试消息发送失败', en: 'The test message failed' },
  added: {
    zh: '渠道已保存。请在下方规则中选择要推送的事件。',
    en: 'The channel is saved. Pick the events it gets below.',
  },
  removed: { zh: '渠道已删除。', en: 'The channel is removed.' },
  rules: { zh: '推送规则', en: 'What each channel gets' },
  rulesLead: {
    zh: '为每类事件勾选推送到哪些园区渠道；分级事件可设最低等级。',
    en: 'Tick the park channels each event goes to; tiered events may set the lowest tier worth hearing of.',
  },
  rulesNeedChannel: { zh: '添加渠道后即可设置推送规则。', en: 'Add a channel to set its rules.' },
  event: { zh: '事件', en: 'Event' },
  minTier: { zh: '最低等级', en: 'Lowest tier' },
  anyTier: { zh: '不限', en: 'Any' },
  saveRules: { zh: '保存推送规则', en: 'Save the rules' },
  rulesSaved: { zh: '推送规则已保存。', en: 'The rules are saved.' },
  defaults: { zh: '园区尚未设置规则。', en: 'The park has set no rules yet.' },
  deliveries: { zh: '最近通知与投递', en: 'Recent notifications and deliveries' },
  noNotifications: { zh: '暂无通知。', en: 'No notifications yet.' },
  when: { zh: '时间', en: 'When' },
  subject: { zh: '内容', en: 'Subject' },
  kind: { zh: '类别', en: 'Kind' },
  detail: { zh: '投递详情', en: 'Deliveries' },
  detailTitle: { zh: '通知投递详情', en: 'Deliveries of a notification' },
  channel: { zh: '渠道', en: 'Channel' },
  recipient: { zh: '接收方', en: 'Recipient' },
  status: { zh: '状态', en: 'Status' },
  attempts: { zh: '尝试次数', en: 'Attempts' },
  lastError: { zh: '最近错误', en: 'Last error' },
  deliveredAt: { zh: '送达时间', en: 'Delivered' },
  noDeliveries: { zh: '此通知没有推送投递（仅站内收件箱）。', en: 'No push deliveries (inbox only).' },
  back: { zh: '返回园区通知渠道', en: 'Back to the park’s channels' },
  deadLetters: { zh: '死信（投递最终失败）', en: 'Dead letters (deliveries that failed for good)' },
  noDeadLetters: { zh: '没有死信。', en: 'No dead letters.' },
  replay: { zh: '重新投递', en: 'Deliver again' },
  replayed: { zh: '已重新排队投递。', en: 'Queued for delivery again.' },
  readOnly: {
    zh: '园区共用渠道由园区管理者设置，您可以查看。',
    en: 'The park’s managers set up its shared channels; you may look.',
  },
} as const satisfies Record<string, Bilingual>;
const T = CHANNELS_TEXT;

export const DELIVERY_STATUS_LABELS: Record<DeliveryView['status'], Bilingual> = {
  queued: { zh: '排队中', en: 'Queued' },
  retrying: { zh: '重试中', en: 'Retrying' },
  delivered: { zh: '已送达', en: 'Delivered' },
  dead: { zh: '失败', en: 'Failed' },
  skipped: { zh: '已跳过', en: 'Skipped' },
};

const MIN_TIERS = ['A', 'B', 'C'] as const;

export interface ChannelForm {
  values: { type: string; name: string; url: string };
  errors: Record<string, string>;
  general: string[];
}

export interface ChannelsPageOptions {
  parkId: string;
  choosePark: boolean;
  /** The member may change the park's channels and rules (its managers, admins). */
  manages: boolean;
  admin: boolean;
  channels: readonly ChannelView[];
  rules: readonly SubscriptionRule[];
  rulesDefault: boolean;
  notifications: readonly NotificationView[];
  deadLetters?: readonly DeliveryView[] | undefined;
  form?: ChannelForm | undefined;
  rulesErrors?: string[] | undefined;
  flash?: { kind: 'info' | 'warning'; text: string } | undefined;
  errors: string[];
  nav: TeamNav;
}

const channelsHref = (parkId: string, extra = '') =>
  `/team/channels?park=${encodeURIComponent(parkId)}${extra}`;
const actionHref = (parkId: string, what: string) =>
  `/team/channels/${what}?park=${encodeURIComponent(parkId)}`;

function channelRow(c: PortalContext, o: ChannelsPageOptions, ch: ChannelView, lang: Lang): Html {
  const type = ROBOT_LABELS[ch.type];
  return html`<tr>
  <th scope="row">${ch.name}</th>
  <td>${pick(type, lang)}</td>
  <td class="mono">${ch.target}</td>
  <td>${pick(ch.hasSecret ? T.secretKept : T.noSecret, lang)}</td>
  <td>${ch.createdBy} · ${formatDateTime(ch.createdAt, lang)}</td>
  ${
    o.manages
      ? html`<td class="nowrap">
    <form method="post" action="${actionHref(o.parkId, `${encodeURIComponent(ch.id)}/test`)}" class="inline">${csrfField(c)}<button type="submit" aria-label="${pick(T.test, lang)}${colon(lang)}${ch.name}">${pick(T.test, lang)}</button></form>
    <form method="post" action="${actionHref(o.parkId, `${encodeURIComponent(ch.id)}/delete`)}" class="inline">${csrfField(c)}<button type="submit" class="danger-link" aria-label="${pick(T.remove, lang)}${colon(lang)}${ch.name}">${pick(T.remove, lang)}</button></form>
  </td>`
      : ''
  }
</tr>`;
}

function addForm(c: PortalContext, o: ChannelsPageOptions, lang: Lang): Html {
  const f = o.form;
  const value = (name: 'type' | 'name' | 'url') => f?.values[name] ?? (name === 'type' ? 'wecom' : '');
  return html`<details class="work-form" id="add-channel"${f ? html` open` : ''}>
  <summary>${pick(T.add, lang)}</summary>
  ${f ? errorSummary([...f.general.map((message) => ({ message })), ...Object.entries(f.errors).map(([field, message]) => ({ field, message }))], lang) : ''}
  <form method="post" action="${actionHref(o.parkId, 'new')}" novalidate>
    ${csrfField(c)}
    ${select({ name: 'type', label: pick(T.type, lang), value: value('type'), options: ROBOT_TYPES.map((t) => ({ value: t, label: pick(ROBOT_LABELS[t], lang) })), required: true, error: f?.errors.type, lang })}
    ${input({ name: 'name', label: pick(T.name, lang), hint: pick(T.nameHint, lang), value: value('name'), required: true, maxlength: 100, error: f?.errors.name, lang })}
    ${input({ name: 'url', label: pick(T.url, lang), hint: pick(T.urlHint, lang), value: value('url'), required: true, maxlength: 2000, autocomplete: 'off', inputmode: 'text', error: f?.errors.url, lang })}
    ${input({ name: 'secret', type: 'password', label: pick(T.secret, lang), hint: f ? `${pick(T.secretHint, lang)} ${pick(T.secretAgain, lang)}` : pick(T.secretHint, lang), value: '', autocomplete: 'new-password', maxlength: 512, error: f?.errors.secret, lang })}
    <div class="actions"><button type="submit" class="primary">${pick(T.addButton, lang)}</button></div>
  </form>
</details>`;
}

function rulesForm(c: PortalContext, o: ChannelsPageOptions, lang: Lang): Html {
  if (o.channels.length === 0) return html`<p class="muted">${pick(T.rulesNeedChannel, lang)}</p>`;
  const ruleOf = (event: NotificationKind) => o.rules.find((r) => r.event === event);
  const disabled = o.manages ? '' : html` disabled`;
  const cell = (event: NotificationKind, ch: ChannelView): Html => {
    const id = fieldId(`park-rule.${event}.${ch.id}`);
    const checked = ruleOf(event)?.channels.includes(ch.id) ?? false;
    return html`<td><input type="checkbox" id="${id}" name="rule.${event}" value="${ch.id}"${checked ? html` checked` : ''}${disabled}><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${ch.name}</label></td>`;
  };
  const tierCell = (event: NotificationKind): Html => {
    if (!TIERED_KINDS.includes(event)) return html`<td></td>`;
    const id = fieldId(`park-minTier.${event}`);
    const current = ruleOf(event)?.minTier ?? '';
    return html`<td><label for="${id}" class="visually-hidden">${pick(KIND_LABELS[event], lang)} · ${pick(T.minTier, lang)}</label><select id="${id}" name="minTier.${event}"${disabled}><option value="">${pick(T.anyTier, lang)}</option>${MIN_TIERS.map((t) => html`<option value="${t}"${t === current ? html` selected` : ''}>${t}</option>`)}</select></td>`;
  };
  return html`${
    o.rulesErrors && o.rulesErrors.length > 0
      ? errorSummary(
          o.rulesErrors.map((message) => ({ message })),
          lang,
        )
      : ''
  }
${o.rulesDefault ? html`<p class="muted">${pick(T.defaults, lang)}</p>` : ''}
<form method="post" action="${actionHref(o.parkId, 'rules')}">
  ${csrfField(c)}
  <div class="table-wrap"><table class="data settings">
    <caption>${pick(T.rules, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.event, lang)}</th>${o.channels.map((ch) => html`<th scope="col">${ch.name}</th>`)}<th scope="col">${pick(T.minTier, lang)}</th></tr></thead>
    <tbody>${NOTIFICATION_KINDS.map((event) => html`<tr><th scope="row">${pick(KIND_LABELS[event], lang)}</th>${o.channels.map((ch) => cell(event, ch))}${tierCell(event)}</tr>`)}</tbody>
  </table></div>
  ${o.manages ? html`<div class="actions"><button type="submit" class="primary">${pick(T.saveRules, lang)}</button></div>` : ''}
</form>`;
}

function notificationsList(o: ChannelsPageOptions, lang: Lang): Html {
  if (o.notifications.length === 0) return html`<p class="muted">${pick(T.noNotifications, lang)}</p>`;
  return html`<div class="table-wrap"><table class="data">
  <caption class="visually-hidden">${pick(T.deliveries, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.when, lang)}</th><th scope="col">${pick(T.kind, lang)}</th><th scope="col">${pick(T.subject, lang)}</th><th scope="col">${pick(T.detail, lang)}</th></tr></thead>
  <tbody>${o.notifications.map(
    (n) =>
      html`<tr><td class="nowrap">${formatDateTime(n.createdAt, lang)}</td><td>${pick(KIND_LABELS[n.kind], lang)}</td><td>${pick(n.subject, lang)}</td><td><a href="/team/channels/notifications/${encodeURIComponent(n.id)}?park=${encodeURIComponent(o.parkId)}">${pick(T.detail, lang)}</a></td></tr>`,
  )}</tbody>
</table></div>`;
}

export function deliveriesTable(
  deliveries: readonly DeliveryView[],
  lang: Lang,
  replay?: (d: DeliveryView) => Html,
): Html {
  return html`<div class="table-wrap"><table class="data">
  <caption class="visually-hidden">${pick(T.detail, lang)}</caption>
  <thead><tr><th scope="col">${pick(T.channel, lang)}</th><th scope="col">${pick(T.recipient, lang)}</th><th scope="col">${pick(T.status, lang)}</th><th scope="col" class="num">${pick(T.attempts, lang)}</th><th scope="col">${pick(T.lastError, lang)}</th><th scope="col">${pick(T.deliveredAt, lang)}</th>${replay ? html`<th scope="col">${pick(T.actionsFor, lang)}</th>` : ''}</tr></thead>
  <tbody>${deliveries.map(
    (d) =>
      html`<tr><td>${pick(ROBOT_LABELS[d.channelType], lang)}</td><td>${d.recipient}</td><td><span class="delivery ${d.status}">${pick(DELIVERY_STATUS_LABELS[d.status], lang)}</span></td><td class="num">${d.attempts.length}</td><td>${d.lastError ?? '–'}</td><td class="nowrap">${d.deliveredAt ? formatDateTime(d.deliveredAt, lang) : '–'}</td>${replay ? html`<td>${replay(d)}</td>` : ''}</tr>`,
  )}</tbody>
</table></div>`;
}

export function channelsPage(c: PortalContext, o: ChannelsPageOptions) {
  const lang = c.var.lang;
  const parkName = pick(PARKS.find((p) => p.id === o.parkId)?.name ?? { zh: o.parkId, en: o.parkId }, lang);
  return page(c, {
    title: pick(T.title, lang),
    team: o.nav,
    body: html`<h1>${pick(T.title, lang)}<span class="muted">${colon(lang)}${parkName}</span></h1>
<p class="lead">${pick(T.lead, lang)}</p>
${o.flash ? notice(o.flash.kind, o.flash.text) : ''}
${errorSummary(
  o.errors.map((message) => ({ message })),
  lang,
)}
${
  o.choosePark
    ? html`<form method="get" action="/team/channels" class="filters card">
  <div class="row-grid">${select({ name: 'park', label: pick(T.park, lang), value: o.parkId, options: PARKS.map((p) => ({ value: p.id, label: pick(p.name, lang) })), markOptional: false, lang })}</div>
  <div class="actions"><button type="submit">${pick(T.choose, lang)}</button></div>
</form>`
    : ''
}
${o.manages ? '' : html`<p class="muted">${pick(T.readOnly, lang)}</p>`}
<section class="card" id="channels" aria-labelledby="channels-title">
  <h2 id="channels-title">${pick(T.channels, lang)}</h2>
  ${
    o.channels.length === 0
      ? html`<p class="muted">${pick(T.none, lang)}</p>`
      : html`<div class="table-wrap"><table class="data">
    <caption class="visually-hidden">${pick(T.channels, lang)}</caption>
    <thead><tr><th scope="col">${pick(T.name, lang)}</th><th scope="col">${pick(T.type, lang)}</th><th scope="col">${pick(T.target, lang)}</th><th scope="col">${pick(T.secret, lang)}</th><th scope="col">${pick(T.createdBy, lang)}</th>${o.manages ? html`<th scope="col">${pick(T.actionsFor, lang)}</th>` : ''}</tr></thead>
    <tbody>${o.channels.map((ch) => channelRow(c, o, ch, lang))}</tbody>
  </table></div>`
  }
  ${o.manages ? addForm(c, o, lang) : ''}
</section>
<section class="card" id="rules" aria-labelledby="rules-title">
  <h2 id="rules-title">${pick(T.rules, lang)}</h2>
  <p class="hint">${pick(T.rulesLead, lang)}</p>
  ${rulesForm(c, o, lang)}
</section>
<section class="card" id="deliveries" aria-labelledby="deliveries-title">
  <h2 id="deliveries-title">${pick(T.deliveries, lang)}</h2>
  ${notificationsList(o, lang)}
</section>
${
  o.deadLetters
    ? html`<section class="card" id="dead-letters" aria-labelledby="dead-title">
  <h2 id="dead-title">${pick(T.deadLetters, lang)}</h2>
  ${
    o.deadLetters.length === 0
      ? html`<p class="muted">${pick(T.noDeadLetters, lang)}</p>`
      : deliveriesTable(
          o.deadLetters,
          lang,
          (d) =>
            html`<form method="post" action="${actionHref(o.parkId, `dead-letters/${encodeURIComponent(d.id)}/replay`)}" class="inline">${csrfField(c)}<button type="submit">${pick(T.replay, lang)}</button></form>`,
        )
  }
</section>`
    : ''
}`,
  });
}

export function notificationPage(
  c: PortalContext,
  o: { parkId: string; notification: NotificationView; deliveries: readonly DeliveryView[]; nav: TeamNav },
) {
  const lang = c.var.lang;
  const n = o.notification;
  return page(c, {
    title: pick(T.detailTitle, lang),
    team: o.nav,
    body: html`<p><a href="${channelsHref(o.parkId, '#deliveries')}">← ${pick(T.back, lang)}</a></p>
<h1>${pick(T.detailTitle, lang)}</h1>
<section class="card">
  <h2>${pick(n.subject, lang)}</h2>
  <p class="muted">${pick(KIND_LABELS[n.kind], lang)} · ${formatDateTime(n.createdAt, lang)}</p>
  ${n.lines[lang].length > 0 ? html`<ul>${n.lines[lang].map((line) => html`<li>${line}</li>`)}</ul>` : ''}
  ${o.deliveries.length === 0 ? html`<p class="muted">${pick(T.noDeliveries, lang)}</p>` : deliveriesTable(o.deliveries, lang)}
</section>`,
  });
}
