import type { Lang } from './lang.ts';

// Numbers, money and dates as people in each language read them. Dates are shown in
// Asia/Shanghai, where the parks are.

const TIME_ZONE = 'Asia/Shanghai';
const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits }).format(value);
}

/** CNY as the offices speak of it: 万元 in Chinese, CNY in English. */
export function formatCny(value: number, lang: Lang): string {
  if (lang === 'zh') return `${formatNumber(value / 10_000, lang, 2)} 万元`;
  return `CNY ${formatNumber(value, lang)}`;
}

/** A score out of 100 with one decimal at most. */
export const formatScore = (score: number, lang: Lang): string => formatNumber(score, lang, 1);

/** The colon after a label: full-width in Chinese. */
export const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');

/** A calendar day (`YYYY-MM-DD`, or the day of an instant in Asia/Shanghai) as people read it. */
export function formatDate(value: string, lang: Lang): string {
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(plain ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: plain ? 'UTC' : TIME_ZONE,
    dateStyle: 'medium',
  }).format(date);
}

/**
 * The calendar days written inside a text (`2026-04-10`, as the services word their lines) as
 * people read them in the page's language; the rest of the text is left as it is.
 */
export function formatDatesIn(text: string, lang: Lang): string {
  return text.replace(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\dT:-])/g, (day) => formatDate(day, lang));
}

/**
 * A deadline instant as people read it. One that falls at midnight in Asia/Shanghai is the end
 * of the day before (a due date kept as "by the end of that day"): it shows as that day, said
 * to be due within it, never as 00:00 of the next day.
 */
export function formatDeadline(iso: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + 8 * 3600_000);
  const midnight =
    local.getUTCHours() === 0 &&
    local.getUTCMinutes() === 0 &&
    local.getUTCSeconds() === 0 &&
    local.getUTCMilliseconds() === 0;
  if (!midnight) return formatDateTime(iso, lang);
  const day = shanghaiDay(ms - 1);
  return `${formatDate(day, lang)}${lang === 'zh' ? '（当日内）' : ' (by end of day)'}`;
}

/** A month (`YYYY-MM`) as people read it. */
export function formatMonth(value: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(
    date,
  );
}

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export function shanghaiDay(nowMs: number): string {
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A share (0..1) as a percentage. */
export function formatPercent(share: number | null, lang: Lang, digits = 0): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: digits }).format(
    share,
  );
}

/** Large CNY amounts: 亿元 / 万元 in Chinese, millions in English. */
export function formatCnyShort(value: number, lang: Lang): string {
  if (lang === 'zh') {
    if (Math.abs(value) >= 1e8) return `${formatNumber(value / 1e8, lang, 2)} 亿元`;
    return `${formatNumber(value / 10_000, lang, 1)} 万元`;
  }
  if (Math.abs(value) >= 1e9) return `CNY ${formatNumber(value / 1e9, lang, 2)} bn`;
  return `CNY ${formatNumber(value / 1e6, lang, 1)} m`;
}
