import type { ProblemView } from '@parkmatch/contracts';
import type { Lang } from '../i18n/lang.ts';
import { DECLARED_CODES, PROFILE_FIELDS } from './profile-fields.ts';
import { fieldOfPath, type LocalError } from './profile-values.ts';

// What to fix, per field, in the visitor's language: the portal's own checks and the leads
// service's field errors (each carries Chinese `message` and English `messageEn`).

export interface ProfileErrors {
  /** Field name → message, in form order. */
  errors: Record<string, string>;
  general: string[];
}

const ORDER = [...PROFILE_FIELDS.map((field) => field.path), DECLARED_CODES];

export function profileErrors(
  local: readonly LocalError[],
  problem: ProblemView | undefined,
  lang: Lang,
): ProfileErrors {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  const add = (field: string | undefined, message: string) => {
    if (!field) general.push(message);
    else if (!byField.get(field)?.includes(message))
      byField.set(field, [...(byField.get(field) ?? []), message]);
  };
  for (const error of local) add(error.path, error.message[lang]);
  if (problem) {
    const fieldErrors = problem.errors ?? [];
    for (const error of fieldErrors) {
      add(fieldOfPath(error.path), lang === 'zh' ? error.message : (error.messageEn ?? error.message));
    }
    if (fieldErrors.length === 0) general.push(problem.detail ?? problem.title);
  }
  const errors: Record<string, string> = {};
  for (const path of ORDER) {
    const messages = byField.get(path);
    if (messages) errors[path] = messages.join(lang === 'zh' ? '；' : '; ');
  }
  return { errors, general };
}
