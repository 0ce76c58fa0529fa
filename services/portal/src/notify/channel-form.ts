import type { Bilingual, ChannelInput, ProblemView } from '@parkmatch/contracts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { Form } from '../session/form.ts';

// A channel as the set-up form posts it: for a park, a shared group robot (企业微信, 钉钉, 飞书)
// or a signed webhook; for oneself, also an email address. Read into what the notifications
// service takes; what only the service can judge (an address it may not reach, a secret a
// robot type needs, an email it cannot send) is left to it, and its field errors are shown
// beside the fields.

export const ROBOT_TYPES = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type RobotType = (typeof ROBOT_TYPES)[number];

/** The kinds one may set up for oneself: an email address, or a robot or webhook of one's own. */
export const PERSONAL_KINDS = ['email', ...ROBOT_TYPES] as const;
export type ChannelKind = (typeof PERSONAL_KINDS)[number];

/** Whose channel: a park's shared one (its managers set it up), or the caller's own. */
export type ChannelOwner = { parkId: string } | 'me';

/** A park shares robots and webhooks; an email address is a person's. */
export const kindsFor = (owner: ChannelOwner): readonly ChannelKind[] =>
  owner === 'me' ? PERSONAL_KINDS : ROBOT_TYPES;

/** The types whose body takes a secret (钉钉 and webhooks need one; 飞书 may have one). */
export const TAKES_SECRET: readonly ChannelKind[] = ['dingtalk', 'feishu', 'webhook'];

const MESSAGES = {
  required: { zh: '请填写此项', en: 'Fill this in' },
  type: { zh: '请选择渠道类型', en: 'Pick the kind of channel' },
} as const satisfies Record<string, Bilingual>;

/** The form as typed, drawn again when it is refused (the secret never is). */
export interface ChannelForm {
  values: { type: string; name: string; to: string; url: string };
  errors: Record<string, string>;
  general: string[];
}

/** What was typed, without the secret. */
export const typedValues = (form: Form): ChannelForm['values'] => ({
  type: form.get('type'),
  name: form.get('name'),
  to: form.get('to'),
  url: form.get('url'),
});

/**
 * The channel as posted, for `owner`: its type, name, and its address — the email's `to`, or
 * the robot's `url` and its secret when the type takes one (a secret typed for 企业微信,
 * which has none, is dropped rather than sent; so is a URL typed for an email).
 */
export function readChannel(
  form: Form,
  owner: ChannelOwner,
  lang: Lang,
): { input?: ChannelInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const type = kindsFor(owner).find((t) => t === form.get('type'));
  const name = form.get('name').trim();
  const address = type === 'email' ? 'to' : 'url';
  const value = form.get(address).trim();
  const secret = form.get('secret').trim();
  if (!type) errors.type = pick(MESSAGES.type, lang);
  if (name === '') errors.name = pick(MESSAGES.required, lang);
  if (value === '') errors[address] = pick(MESSAGES.required, lang);
  if (!type || Object.keys(errors).length > 0) return { errors };
  if (type === 'email') return { input: { type, name, owner, to: value }, errors: {} };
  const withSecret = TAKES_SECRET.includes(type) && secret !== '' ? { secret } : {};
  // The service checks the rest (an http(s) URL it may reach, the secret 钉钉 and webhooks need).
  return { input: { type, name, owner, url: value, ...withSecret } as ChannelInput, errors: {} };
}

/** The fields of the form the service's errors may name (by the first part of their path). */
const FORM_FIELDS = new Set(['type', 'name', 'to', 'url', 'secret']);

/** A service's message in the visitor's language (English when it gave one). */
export const messageOf = (error: { message: string; messageEn?: string | undefined }, lang: Lang) =>
  lang === 'zh' ? error.message : (error.messageEn ?? error.message);

export const problemText = (problem: ProblemView) => problem.detail ?? problem.title;

/** The service's refusal of a channel beside the fields it names; the rest above the form. */
export function channelFormErrors(problem: ProblemView, lang: Lang): Pick<ChannelForm, 'errors' | 'general'> {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const error of problem.errors ?? []) {
    const field = error.path.split('.')[0] ?? '';
    if (FORM_FIELDS.has(field) && !(field in errors)) errors[field] = messageOf(error, lang);
    else general.push(messageOf(error, lang));
  }
  if ((problem.errors ?? []).length === 0) general.push(problemText(problem));
  return { errors, general };
}
