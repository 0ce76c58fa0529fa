import type { Bilingual } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import {
  checkbox,
  choices,
  errorSummary,
  input,
  type SummaryItem,
  select,
  textArea,
} from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import { LAYOUT_TEXT } from '../layout/text.ts';
import { DECLARED_CODES, type FieldSpec, PROFILE_GROUPS } from './profile-fields.ts';
import type { FormValues } from './profile-values.ts';
import { FIRM_TEXT as T } from './text.ts';

// The profile form, filled with what the firm typed and the messages for what to fix.

export interface DirectionChoice {
  code: string;
  label: Bilingual;
}

export interface ProfileFormOptions {
  values: FormValues;
  /** A message per field, in the page's language. */
  errors: Record<string, string>;
  /** Errors that belong to no field. */
  general?: string[];
  action: string;
  submitLabel: string;
  /** The parks' intake directions, for the firm to pick its own (left out when matching is away). */
  directions?: readonly DirectionChoice[] | undefined;
}

const text = (values: FormValues, path: string) => {
  const value = values[path];
  return typeof value === 'string' ? value : '';
};
const list = (values: FormValues, path: string) => {
  const value = values[path];
  return Array.isArray(value) ? value : [];
};

function field(spec: FieldSpec, o: ProfileFormOptions, lang: Lang): Html {
  const common = {
    name: spec.path,
    label: pick(spec.label, lang),
    hint: spec.hint ? pick(spec.hint, lang) : undefined,
    error: o.errors[spec.path],
    required: spec.required,
    lang,
  };
  const options = (spec.options ?? []).map((option) => ({
    value: option.value,
    label: pick(option.label, lang),
  }));
  const suffix = spec.suffix ? pick(spec.suffix, lang) || undefined : undefined;
  switch (spec.kind) {
    case 'textarea':
      return textArea({ ...common, value: text(o.values, spec.path), rows: 6, maxlength: spec.maxlength });
    case 'lines':
      return textArea({ ...common, value: text(o.values, spec.path), rows: 3 });
    case 'select':
      return select({ ...common, value: text(o.values, spec.path), options, empty: pick(T.choose, lang) });
    case 'radio':
    case 'checks':
      return choices({
        ...common,
        kind: spec.kind === 'radio' ? 'radio' : 'checkbox',
        values: spec.kind === 'radio' ? [text(o.values, spec.path)] : list(o.values, spec.path),
        options,
      });
    case 'consent':
      return checkbox({ ...common, checked: text(o.values, spec.path) === 'true' });
    case 'integer':
    case 'decimal':
    case 'wan':
      return input({
        ...common,
        value: text(o.values, spec.path),
        inputmode: spec.kind === 'integer' ? 'numeric' : 'decimal',
        suffix,
      });
    default:
      return input({
        ...common,
        value: text(o.values, spec.path),
        type: spec.kind === 'email' ? 'email' : spec.kind === 'tel' ? 'tel' : 'text',
        maxlength: spec.maxlength,
        autocomplete: spec.autocomplete,
        suffix,
        data:
          spec.path === 'firm.creditCode'
            ? { 'credit-code': '', 'invalid-message': pick(T.creditCodeInvalid, lang) }
            : undefined,
      });
  }
}

function declaredCodes(o: ProfileFormOptions, lang: Lang): Html {
  if (!o.directions || o.directions.length === 0) return html``;
  const picked = list(o.values, DECLARED_CODES);
  return html`<details class="more"${picked.length > 0 || o.errors[DECLARED_CODES] ? html` open` : ''}>
  <summary>${pick(T.declaredSummary, lang)}</summary>
  ${choices({
    name: DECLARED_CODES,
    kind: 'checkbox',
    label: pick(T.declaredLabel, lang),
    hint: pick(T.declaredHint, lang),
    error: o.errors[DECLARED_CODES],
    values: picked,
    options: o.directions.map((d) => ({ value: d.code, label: pick(d.label, lang) })),
    lang,
  })}
</details>`;
}

export function profileForm(c: PortalContext, o: ProfileFormOptions): Html {
  const lang = c.var.lang;
  const summary: SummaryItem[] = [
    ...(o.general ?? []).map((message) => ({ message })),
    ...Object.entries(o.errors).map(([name, message]) => ({ field: name, message })),
  ];
  return html`${errorSummary(summary, lang, pick(LAYOUT_TEXT.fixErrors, lang))}
<form method="post" action="${o.action}" class="profile-form" novalidate>
  ${csrfField(c)}
  ${PROFILE_GROUPS.map(
    (group) => html`<section class="group" aria-labelledby="g-${group.id}">
    <h2 id="g-${group.id}">${pick(group.legend, lang)}</h2>
    <p class="intro">${pick(group.intro, lang)}</p>
    ${group.fields.map((spec) => field(spec, o, lang))}
    ${group.id === 'project' ? declaredCodes(o, lang) : ''}
  </section>`,
  )}
  <div class="actions"><button type="submit" class="primary">${o.submitLabel}</button></div>
</form>`;
}
