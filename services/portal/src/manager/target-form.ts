import { type Bilingual, TARGET_MEASURES, type TargetInput, type TargetMeasure } from '@parkmatch/contracts';
import { type Lang, pick } from '../i18n/lang.ts';
import type { Form } from '../session/form.ts';
import { FormReader } from '../team/work-form.ts';

// A target as the form posts it: the year, the figures to reach (money typed in 万元, counts
// as whole numbers), where the park stood at the end of a baseline year, a note. The fields
// are named as the insights service's paths (`targets.firms`, `baseline.year` …), so each of
// its field errors lands beside the field it is about.

/** Money measures, typed in 万元. */
export const isMoney = (measure: TargetMeasure): boolean => measure.endsWith('Cny');

const MESSAGES = {
  baselineYear: {
    zh: '填写了基准数据时，请填写基准年份',
    en: 'Give the baseline year with the baseline figures',
  },
} as const satisfies Record<string, Bilingual>;

export function readTarget(
  form: Form,
  scope: string,
  lang: Lang,
): { input?: TargetInput; errors: Record<string, string> } {
  const r = new FormReader(form, lang);
  const year = r.integer('year', true);
  const measures = (prefix: 'targets' | 'baseline') => {
    const values: Partial<Record<TargetMeasure, number>> = {};
    for (const measure of TARGET_MEASURES) {
      const name = `${prefix}.${measure}`;
      const value = isMoney(measure) ? r.wan(name) : r.integer(name);
      if (value !== undefined) values[measure] = value;
    }
    return values;
  };
  const targets = measures('targets');
  const baselineYear = r.integer('baseline.year');
  const baseline = measures('baseline');
  const note = r.text('note', false, 500);
  if (baselineYear === undefined && Object.keys(baseline).length > 0)
    r.errors['baseline.year'] ??= pick(MESSAGES.baselineYear, lang);
  if (!r.ok || year === undefined) return { errors: r.errors };
  return {
    input: {
      scope,
      year,
      // Left to the service: a year out of its range, no figure at all (its errors come back).
      targets,
      ...(baselineYear !== undefined ? { baseline: { year: baselineYear, ...baseline } } : {}),
      ...(note ? { note } : {}),
    },
    errors: {},
  };
}
