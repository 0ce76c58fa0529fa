import type { Bilingual, ProblemView } from '@parkmatch/contracts';
import { withParkNames } from '../api/park-directory.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { Form } from '../session/form.ts';

// The team's work forms (a move with its facts, a visit, an appeal, monthly figures …): what
// was posted, read into what the services take — money typed in 万元, dates as the browser
// sends them — and, when something is wrong, the state to draw the same form again with what
// was typed and what to fix beside each field.

const WAN = 10_000;

const MESSAGES = {
  required: { zh: '请填写此项', en: 'Fill this in' },
  number: { zh: '请填写数字（不小于 0）', en: 'Enter a number, not negative' },
  integer: { zh: '请填写整数（不小于 0）', en: 'Enter a whole number, not negative' },
  date: { zh: '请选择日期（年-月-日）', en: 'Enter a date (year-month-day)' },
  month: { zh: '请选择月份（年-月）', en: 'Enter a month (year-month)' },
  choice: { zh: '请从列表中选择', en: 'Pick one from the list' },
  tooLong: { zh: '内容过长', en: 'Too long' },
} as const satisfies Record<string, Bilingual>;

/** A work form drawn again: which form, what was typed, what to fix. */
export interface FormState {
  /** Which form on the page: `claim`, `move:signed`, `visit`, `appeal:<id>` … */
  key: string;
  values: Form;
  /** Field name → what to fix there. */
  errors: Record<string, string>;
  /** What to fix that belongs to no field. */
  general: string[];
}

/** Full-width digits and signs (typed with a Chinese input method) as ASCII, separators dropped. */
const normaliseNumber = (text: string): string =>
  text
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '');

/** Reads a posted work form field by field, collecting what is wrong. */
export class FormReader {
  readonly errors: Record<string, string> = {};
  private readonly form: Form;
  private readonly lang: Lang;
  constructor(form: Form, lang: Lang) {
    this.form = form;
    this.lang = lang;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  private fail(name: string, message: Bilingual): undefined {
    this.errors[name] ??= pick(message, this.lang);
    return undefined;
  }

  /** Trimmed text; undefined when empty (an error when required). */
  text(name: string, required = false, max = 5000): string | undefined {
    const value = this.form.get(name).trim();
    if (value === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    if (value.length > max) return this.fail(name, MESSAGES.tooLong);
    return value;
  }

  /** Names separated by commas, 顿号, semicolons or new lines. */
  list(name: string, required = false): string[] | undefined {
    const items = this.form
      .get(name)
      .split(/[\n\r,，、;；]+/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (items.length === 0) return required ? this.fail(name, MESSAGES.required) : undefined;
    return items;
  }

  /** An amount typed in 万元, as CNY. */
  wan(name: string, required = false): number | undefined {
    const text = normaliseNumber(this.form.get(name).trim());
    if (text === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    const number = Number(text);
    if (!Number.isFinite(number) || number < 0) return this.fail(name, MESSAGES.number);
    return Math.round(number * WAN * 100) / 100;
  }

  integer(name: string, required = false): number | undefined {
    const text = normaliseNumber(this.form.get(name).trim());
    if (text === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    const number = Number(text);
    if (!Number.isInteger(number) || number < 0) return this.fail(name, MESSAGES.integer);
    return number;
  }

  date(name: string, required = false): string | undefined {
    const text = this.form.get(name).trim();
    if (text === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
      return this.fail(name, MESSAGES.date);
    return text;
  }

  month(name: string, required = false): string | undefined {
    const text = this.form.get(name).trim();
    if (text === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return this.fail(name, MESSAGES.month);
    return text;
  }

  choice<T extends string>(name: string, options: readonly T[], required = false): T | undefined {
    const text = this.form.get(name).trim();
    if (text === '') return required ? this.fail(name, MESSAGES.required) : undefined;
    const found = options.find((option) => option === text);
    return found ?? this.fail(name, MESSAGES.choice);
  }
}

/**
 * A service's refusal as what to fix: each field error beside its field when the form has
 * one (`fields` maps an API path to the form's field name), the rest at the top.
 */
export function refusalState(
  key: string,
  values: Form,
  problem: ProblemView,
  lang: Lang,
  fields: (path: string) => string | undefined = (path) => path,
): FormState {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const error of problem.errors ?? []) {
    const message = withParkNames(lang === 'zh' ? error.message : (error.messageEn ?? error.message), lang);
    const field = fields(error.path);
    if (field && !(field in errors)) errors[field] = message;
    else general.push(message);
  }
  if ((problem.errors ?? []).length === 0) general.push(withParkNames(problem.detail ?? problem.title, lang));
  return { key, values, errors, general };
}

/** The value to show in a field: as typed when the form comes back, else the default. */
export function fieldValue(state: FormState | undefined, key: string, name: string, fallback = ''): string {
  if (state?.key !== key) return fallback;
  return state.values.get(name);
}

/** What to fix beside a field, when this form came back. */
export function errorOf(state: FormState | undefined, key: string, name: string): string | undefined {
  return state?.key === key ? state.errors[name] : undefined;
}

/** CNY as 万元 for a form field. */
export const wanValue = (cny: number | undefined): string =>
  cny === undefined ? '' : String(Math.round((cny / WAN) * 100) / 100);
