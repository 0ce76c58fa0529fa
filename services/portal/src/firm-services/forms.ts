import type { ProblemView } from '@parkmatch/contracts';
import { formatNumber } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { SummaryItem } from '../layout/form.ts';
import { FS_TEXT as T } from './text.ts';

// What the firm-services forms share: numbers as people type them, the service's field errors
// (problem+json, each with Chinese `message` and English `messageEn`) put on the form's fields,
// names and money as people read them.

/** Field name → message, and what belongs to no field. */
export interface FieldErrors {
  errors: Record<string, string>;
  general: string[];
}

export const noErrors = (): FieldErrors => ({ errors: {}, general: [] });

/**
 * The service's refusal on the form: each field error on the field whose name is its path, or
 * the nearest enclosing one (`offer.amountCny` → `offer.amountCny`, else `offer`; `collateral.1`
 * → `collateral`); the rest, and a refusal without field errors, as general messages.
 */
export function problemErrors(problem: ProblemView, fields: readonly string[], lang: Lang): FieldErrors {
  const out = noErrors();
  const list = problem.errors ?? [];
  for (const error of list) {
    const message = lang === 'zh' ? error.message : (error.messageEn ?? error.message);
    const parts = error.path.split('.');
    let field: string | undefined;
    for (let n = parts.length; n > 0 && !field; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (fields.includes(candidate)) field = candidate;
    }
    if (!field) out.general.push(message);
    else if (!out.errors[field]) out.errors[field] = message;
    else if (!out.errors[field]?.includes(message))
      out.errors[field] = `${out.errors[field]}${lang === 'zh' ? '；' : '; '}${message}`;
  }
  if (list.length === 0) out.general.push(problem.detail ?? problem.title);
  return out;
}

/** The error summary's items, in the form's order, then the general ones. */
export function summaryOf(found: FieldErrors, order: readonly string[], prefix = ''): SummaryItem[] {
  return [
    ...order.flatMap((field) => {
      const message = found.errors[field];
      return message ? [{ field: `${prefix}${field}`, message }] : [];
    }),
    ...found.general.map((message) => ({ message })),
  ];
}

/**
 * A number as typed: full-width digits, thousands separators and spaces allowed. `undefined`
 * for an empty box, NaN for something that is not a number.
 */
export function parseNumber(typed: string): number | undefined {
  const plain = typed
    .replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  if (plain === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}

/**
 * A number field for the service: the number (times `scale`, rounded to the yuan), or a local
 * error when the box holds no number; an empty optional box gives nothing.
 */
export function numberField(
  typed: string,
  lang: Lang,
  { scale = 1, required = true }: { scale?: number; required?: boolean } = {},
): { value?: number; error?: string } {
  const n = parseNumber(typed);
  if (n === undefined) return required ? { error: T.missing[lang] } : {};
  if (Number.isNaN(n)) return { error: T.notNumber[lang] };
  return { value: scale === 1 ? n : Math.round(n * scale) };
}

/** A name the service gives in Chinese and perhaps English. */
export const nameOf = (name: { zh: string; en?: string | undefined }, lang: Lang): string =>
  lang === 'en' ? (name.en ?? name.zh) : name.zh;

/** Small sums (services, vouchers) in yuan: 1,600 元 / CNY 1,600. */
export const formatYuan = (value: number, lang: Lang): string =>
  lang === 'zh' ? `${formatNumber(value, lang, 2)} 元` : `CNY ${formatNumber(value, lang, 2)}`;

/** A rate in percent a year. */
export const formatRate = (pct: number, lang: Lang): string => `${formatNumber(pct, lang, 2)}%`;

/** A range of two numbers, one shown when both ends are equal. */
export const range = (pair: readonly [number, number], show: (n: number) => string): string =>
  pair[0] === pair[1] ? show(pair[0]) : `${show(pair[0])} – ${show(pair[1])}`;
