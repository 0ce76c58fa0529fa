import {
  type Bilingual,
  type ChannelView,
  type DeliveryView,
  NOTIFICATION_KINDS,
  type NotificationView,
  PARKS,
  parkName,
  type SubscriptionRule,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { errorSummary, notice, select } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { type ChannelForm, ROBOT_TYPES } from '../notify/channel-form.ts';
import { channelAddForm, channelTable } from '../notify/channel-section.ts';
import { rulesTable } from '../notify/settings-form.ts';
import { CHANNEL_LABELS, CHANNEL_TEXT, KIND_LABELS } from '../notify/text.ts';

// A park's notification channels (园区通知): its shared group robots (企业微信, 钉钉, 飞书)
// and signed webhooks — set up with their secret, which is never shown again, tested with a
// message sent now, removed — the park's rules for them (which events reach which robot),
// the notifications made for the park with each one's deliveries, and for admins the dead
// letters with a replay button.

export const CHANNELS_TEXT = {
  ...CHANNEL_TEXT,
  title: { zh: '园区通知渠道', en: 'Park notification channels' },
  lead: {
    zh: '把园区的新线索、阶段变化和时限提醒推送到招商团队的企业微信、钉钉或飞书群，或推送到您的系统（Webhook）。',
    en: 'Send the park’s new leads, stage changes and deadline reminders to the team’s WeCom, DingTalk or Feishu group, or to your own system (webhook).',
  },
  park: { zh: '园区', en: 'Park' },
  choose: { zh: '切换', en: 'Show' },
  channels: { zh: '群机器人与 Webhook', en: 'Group robots and webhooks' },
  none: { zh: '尚未设置园区共用渠道。', en: 'The park has no shared channel yet.' },
  nameHint: { zh: '如「大渡口招商群」', en: 'e.g. “Dadukou investment team”' },
  add: { zh: '添加群机器人或 Webhook', en: 'Add a group robot or webhook' },
  rules: { zh: '推送规则', en: 'What each channel gets' },
  rulesLead: {
    zh: '为每类事件勾选推送到哪些园区渠道；分级事件可设最低等级。',
    en: 'Tick the park channels each event goes to; tiered events may set the lowest tier worth hearing of.',
  },
  rulesNeedChannel: { zh: '添加渠道后即可设置推送规则。', en: 'Add a channel to set its rules.' },
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
const actionPath = (parkId: string, what: string) =>
  `/team/channels/${what}?park=${encodeURIComponent(parkId)}`;

function channelsSection(c: PortalContext, o: ChannelsPageOptions, lang: Lang): Html {
  const actionHref = (id: string, what: 'test' | 'delete') =>
    actionPath(o.parkId, `${encodeURIComponent(id)}/${what}`);
  return html`${channelTable(c, {
    channels: o.channels,
    caption: pick(T.channels, lang),
    none: pick(T.none, lang),
    createdBy: true,
    actionHref: o.manages ? actionHref : undefined,
  })}
  ${
    o.manages
      ? channelAddForm(c, {
          action: actionPath(o.parkId, 'new'),
          kinds: ROBOT_TYPES,
          summary: pick(T.add, lang),
          nameHint: pick(T.nameHint, lang),
          form: o.form,
        })
      : ''
  }`;
}

function rulesForm(c: PortalContext, o: ChannelsPageOptions, lang: Lang): Html {
  if (o.channels.length === 0) return html`<p class="muted">${pick(T.rulesNeedChannel, lang)}</p>`;
  return html`${
    o.rulesErrors && o.rulesErrors.length > 0
      ? errorSummary(
          o.rulesErrors.map((message) => ({ message })),
          lang,
        )
      : ''
  }
${o.rulesDefault ? html`<p class="muted">${pick(T.defaults, lang)}</p>` : ''}
<form method="post" action="${actionPath(o.parkId, 'rules')}">
  ${csrfField(c)}
  ${rulesTable({
    events: NOTIFICATION_KINDS,
    columns: o.channels.map((ch) => ({ id: ch.id, label: ch.name })),
    rules: o.rules,
    caption: pick(T.rules, lang),
    idPrefix: 'park-',
    disabled: !o.manages,
    lang,
  })}
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
      html`<tr><td>${pick(CHANNEL_LABELS[d.channelType], lang)}</td><td>${d.recipient}</td><td><span class="delivery ${d.status}">${pick(DELIVERY_STATUS_LABELS[d.status], lang)}</span></td><td class="num">${d.attempts.length}</td><td>${d.lastError ?? '–'}</td><td class="nowrap">${d.deliveredAt ? formatDateTime(d.deliveredAt, lang) : '–'}</td>${replay ? html`<td>${replay(d)}</td>` : ''}</tr>`,
  )}</tbody>
</table></div>`;
}

export function channelsPage(c: PortalContext, o: ChannelsPageOptions) {
  const lang = c.var.lang;
  const park = pick(parkName(o.parkId), lang);
  return page(c, {
    title: pick(T.title, lang),
    team: o.nav,
    body: html`<h1>${pick(T.title, lang)}<span class="muted">${colon(lang)}${park}</span></h1>
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
  ${channelsSection(c, o, lang)}
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
            html`<form method="post" action="${actionPath(o.parkId, `dead-letters/${encodeURIComponent(d.id)}/replay`)}" class="inline">${csrfField(c)}<button type="submit">${pick(T.replay, lang)}</button></form>`,
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
