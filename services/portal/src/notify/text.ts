import type { Bilingual, ChannelType, NotificationKind } from '@parkmatch/contracts';
import { INBOX_KIND_LABELS } from '../team/text.ts';

// Words of notification settings, wherever they are set: a member's or a bank officer's own
// (their rules, quiet hours and personal channels) and a park's shared robots.

export const KIND_LABELS: Record<NotificationKind, Bilingual> = {
  ...INBOX_KIND_LABELS,
  'daily-digest': { zh: '每日摘要', en: 'Daily digest' },
};

export const CHANNEL_LABELS: Record<ChannelType, Bilingual> = {
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  feishu: { zh: '飞书群机器人', en: 'Feishu group robot' },
  webhook: { zh: '通用 Webhook（签名）', en: 'Signed webhook' },
  email: { zh: '电子邮件', en: 'Email' },
  inbox: { zh: '站内收件箱', en: 'Inbox' },
};

/** One's own rules and quiet hours. */
export const SETTINGS_TEXT = {
  settingsTitle: { zh: '通知设置', en: 'Notification settings' },
  settingsLead: {
    zh: '选择哪些事件通过哪些渠道通知您；免打扰时段内的推送会顺延到时段结束。',
    en: 'Choose which events reach you on which channels; pushes in quiet hours wait until they end.',
  },
  defaults: {
    zh: '您尚未修改，当前为默认设置。',
    en: 'You have not changed anything: these are the defaults.',
  },
  event: { zh: '事件', en: 'Event' },
  channels: { zh: '渠道', en: 'Channels' },
  minTier: { zh: '最低等级', en: 'Minimum tier' },
  anyTier: { zh: '不限', en: 'Any' },
  quietHours: { zh: '免打扰时段', en: 'Quiet hours' },
  quietOn: { zh: '启用免打扰时段', en: 'Use quiet hours' },
  quietStart: { zh: '开始', en: 'From' },
  quietEnd: { zh: '结束', en: 'Until' },
  save: { zh: '保存设置', en: 'Save settings' },
  saved: { zh: '设置已保存。', en: 'Settings saved.' },
  noPushChannel: {
    zh: '日报只通过邮件或群机器人发送，您尚未设置这类渠道。',
    en: 'The daily digest goes out by email or robots; you have none set up.',
  },
} as const satisfies Record<string, Bilingual>;

/** A channel's table and set-up form, the park's shared ones and one's own alike. */
export const CHANNEL_TEXT = {
  type: { zh: '类型', en: 'Kind' },
  name: { zh: '名称', en: 'Name' },
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
} as const satisfies Record<string, Bilingual>;

/** One's own channels (an email address, a personal robot or webhook). */
export const MY_CHANNELS_TEXT = {
  title: { zh: '我的推送渠道', en: 'My channels' },
  lead: {
    zh: '把通知推送到您自己的邮箱、企业微信/钉钉/飞书群机器人或 Webhook。添加后在下方规则中勾选要推送的事件。',
    en: 'Send notifications to your own email, a WeCom, DingTalk or Feishu robot, or a webhook. Once added, tick the events it gets in the rules below.',
  },
  none: { zh: '您尚未添加推送渠道。', en: 'You have no channel of your own yet.' },
  add: { zh: '添加推送渠道', en: 'Add a channel' },
  nameHint: { zh: '如「我的工作邮箱」', en: 'e.g. “My work email”' },
  to: { zh: '电子邮件地址', en: 'Email address' },
  toHint: { zh: '类型为「电子邮件」时填写。', en: 'For the Email kind.' },
  url: { zh: '机器人或 Webhook 地址', en: 'Robot or webhook URL' },
  urlHint: {
    zh: '类型为群机器人或 Webhook 时填写：群设置中添加自定义机器人后复制的地址，或您系统的地址（https://…）。',
    en: 'For a robot or webhook: the address the group shows when you add a custom robot, or your system’s (https://…).',
  },
  rules: { zh: '推送规则', en: 'What reaches you where' },
} as const satisfies Record<string, Bilingual>;
