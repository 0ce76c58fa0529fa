import { type Bilingual, isValidCreditCode, type LeadProfile } from '@parkmatch/contracts';
import type { ProfileDraft } from '../api/leads.ts';
import type { Form } from '../session/form.ts';
import { DECLARED_CODES, type FieldSpec, PROFILE_FIELDS } from './profile-fields.ts';

// Between the form and the API: the form's values as typed (to show them again), the
// profile they make (in ProfileInput's shape, for the leads service to validate), and the
// few checks made here before anything is sent — numbers that are not numbers, and the
// credit code's check character (the contracts' own isValidCreditCode).

/** A field's value as typed: text, or the ticked boxes. */
export type FormValues = Record<string, string | string[]>;

export interface LocalError {
  path: string;
  message: Bilingual;
}

const MULTI = new Set(['checks']);
const WAN = 10_000;

const fields = (): readonly FieldSpec[] => [
  ...PROFILE_FIELDS,
  { path: DECLARED_CODES, kind: 'checks', label: { zh: '', en: '' } },
];

export function valuesFromForm(form: Form): FormValues {
  const values: FormValues = {};
  for (const field of fields()) {
    values[field.path] = MULTI.has(field.kind) ? form.all(field.path) : form.get(field.path);
  }
  return values;
}

function at(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      source,
    );
}

/** A stored profile as form values (for the firm to change it). */
export function valuesFromProfile(profile: LeadProfile): FormValues {
  const values: FormValues = {};
  for (const field of fields()) {
    const value = at(profile, field.path);
    if (MULTI.has(field.kind)) values[field.path] = Array.isArray(value) ? value.map(String) : [];
    else if (field.kind === 'lines') values[field.path] = Array.isArray(value) ? value.join('\n') : '';
    else if (field.kind === 'consent') values[field.path] = value === true ? 'true' : '';
    else if (field.kind === 'wan') values[field.path] = typeof value === 'number' ? String(value / WAN) : '';
    else values[field.path] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** Full-width digits and signs (typed with a Chinese input method) as ASCII, separators dropped. */
function normaliseNumber(text: string): string {
  return text
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '');
}

/**
 * An amount typed in a 万元 field, in 万元: the unit a person may add to it is understood
 * ("5000万", "500万元", "1.2亿", "3000000元"), so nobody is refused for writing what they mean.
 */
function wanOf(text: string): number {
  const unit = /^(.*?)(亿元?|万元?|元)$/.exec(text);
  const number = Number(unit?.[1] ?? text);
  if (!unit) return number;
  return unit[2]?.startsWith('亿') ? number * 10_000 : unit[2] === '元' ? number / WAN : number;
}

const NOT_A_NUMBER: Bilingual = { zh: '请填写数字', en: 'enter a number' };
const NOT_AN_INTEGER: Bilingual = { zh: '请填写整数', en: 'enter a whole number' };
const BAD_CREDIT_CODE: Bilingual = {
  zh: '统一社会信用代码无效：应为 18 位，且最后一位校验码正确（见营业执照）',
  en: 'not a valid unified social credit code: 18 characters with a correct check character (see the business licence)',
};

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

/** The profile the values make, and what is wrong with them already here. */
export function profileFromValues(values: FormValues): { profile: ProfileDraft; errors: LocalError[] } {
  const profile: ProfileDraft = {};
  const errors: LocalError[] = [];
  for (const field of fields()) {
    const raw = values[field.path];
    if (MULTI.has(field.kind)) {
      setAt(profile, field.path, Array.isArray(raw) ? raw : []);
      continue;
    }
    const text = (typeof raw === 'string' ? raw : '').trim();
    switch (field.kind) {
      case 'consent':
        setAt(profile, field.path, text === 'true');
        break;
      case 'lines':
        setAt(
          profile,
          field.path,
          text
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
        );
        break;
      case 'integer':
      case 'decimal':
      case 'wan': {
        if (text === '') break;
        const number = field.kind === 'wan' ? wanOf(normaliseNumber(text)) : Number(normaliseNumber(text));
        if (!Number.isFinite(number)) errors.push({ path: field.path, message: NOT_A_NUMBER });
        else if (field.kind === 'integer' && !Number.isInteger(number))
          errors.push({ path: field.path, message: NOT_AN_INTEGER });
        else setAt(profile, field.path, field.kind === 'wan' ? Math.round(number * WAN * 100) / 100 : number);
        break;
      }
      default:
        // A required text goes as typed, even empty: the API says what is missing, in both languages.
        if (text !== '' || field.required) setAt(profile, field.path, text);
    }
  }
  // Typed with a Chinese input method, a code may come in full-width characters: read as ASCII.
  const creditCode = String(at(profile, 'firm.creditCode') ?? '')
    .normalize('NFKC')
    .toUpperCase();
  if (creditCode !== '') setAt(profile, 'firm.creditCode', creditCode);
  if (creditCode !== '' && !isValidCreditCode(creditCode))
    errors.push({ path: 'firm.creditCode', message: BAD_CREDIT_CODE });
  return { profile, errors };
}

/**
 * The form field an API error path belongs to: the field itself or the one holding it
 * (`project.products.2` → `project.products`), or the first field inside it (`consent` →
 * `consent.dataUse`); undefined for an error of the whole profile.
 */
export function fieldOfPath(path: string): string | undefined {
  const all = fields().map((field) => field.path);
  const holder = all
    .filter((field) => path === field || path.startsWith(`${field}.`))
    .sort((a, b) => b.length - a.length)[0];
  return holder ?? all.find((field) => field.startsWith(`${path}.`));
}
