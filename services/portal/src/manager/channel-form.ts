import type { Bilingual, ChannelInput } from '@parkmatch/contracts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { Form } from '../session/form.ts';

// A park's shared channel as the set-up form posts it: a group robot (企业微信, 钉钉, 飞书)
// or a signed webhook, with its address and secret. Read into what the notifications service
// takes; what only the service can judge (an address it may not reach, a secret a robot type
// needs) is left to it, and its field errors are shown beside the fields.

export const ROBOT_TYPES = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type RobotType = (typeof ROBOT_TYPES)[number];

export const ROBOT_LABELS: Record<RobotType | 'email' | 'inbox', Bilingual> = {
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
  feishu: { zh: '飞书群机器人', en: 'Feishu group robot' },
  webhook: { zh: '通用 Webhook（签名）', en: 'Signed webhook' },
  email: { zh: '电子邮件', en: 'Email' },
  inbox: { zh: '站内收件箱', en: 'Inbox' },
};

/** The types whose body takes a secret (钉钉 and webhooks need one; 飞书 may have one). */
const TAKES_SECRET: readonly RobotType[] = ['dingtalk', 'feishu', 'webhook'];

const MESSAGES = {
  required: { zh: '请填写此项', en: 'Fill this in' },
  type: { zh: '请选择渠道类型', en: 'Pick the kind of channel' },
} as const satisfies Record<string, Bilingual>;

/**
 * The channel as posted, for the park: its type, name, address, and its secret when the type
 * takes one (a secret typed for 企业微信, which has none, is dropped rather than sent).
 */
export function readChannel(
  form: Form,
  parkId: string,
  lang: Lang,
): { input?: ChannelInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const type = ROBOT_TYPES.find((t) => t === form.get('type'));
  const name = form.get('name').trim();
  const url = form.get('url').trim();
  const secret = form.get('secret').trim();
  if (!type) errors.type = pick(MESSAGES.type, lang);
  if (name === '') errors.name = pick(MESSAGES.required, lang);
  if (url === '') errors.url = pick(MESSAGES.required, lang);
  if (!type || Object.keys(errors).length > 0) return { errors };
  const owner = { parkId };
  const withSecret = TAKES_SECRET.includes(type) && secret !== '' ? { secret } : {};
  // The service checks the rest (an http(s) URL it may reach, the secret 钉钉 and webhooks need).
  return { input: { type, name, owner, url, ...withSecret } as ChannelInput, errors: {} };
}
