import type { Lang } from '../i18n/lang.ts';
import { pick } from '../i18n/lang.ts';
import { type Html, html } from './html.ts';
import { LAYOUT_TEXT as T } from './text.ts';

// Form controls with what screen readers and keyboards need: a <label> for every control
// (a <fieldset> and <legend> for a group of boxes), hints and errors tied to the control
// with aria-describedby, aria-invalid on a control in error, and an error summary that
// links to each field.

export interface Option {
  value: string;
  label: string;
}

interface Common {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  /** Say "(optional)" after the label of a control that is not required (default: yes). */
  markOptional?: boolean | undefined;
  /** Put before the name in the control's id: several forms on one page may name a field alike. */
  idPrefix?: string | undefined;
  lang: Lang;
}

export interface InputOptions extends Common {
  value: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'date' | 'month' | 'time' | 'number';
  /** For dates, months, times and numbers: the earliest and latest value allowed. */
  min?: string | undefined;
  max?: string | undefined;
  step?: string | undefined;
  autocomplete?: string | undefined;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | undefined;
  maxlength?: number | undefined;
  /** A unit shown after the box (万元, m²). */
  suffix?: string | undefined;
  /** The id of a <datalist> of suggestions. */
  list?: string | undefined;
  /** Extra data-* attributes for the progressive script, e.g. the credit-code check. */
  data?: Record<string, string> | undefined;
}

/** The id of a field's control: its name with dots and other signs turned into dashes. */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const idOf = (o: Pick<Common, 'name' | 'idPrefix'>): string => fieldId(`${o.idPrefix ?? ''}${o.name}`);

function described(id: string, hint: string | undefined, error: string | undefined): Html {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

function labelText(o: Common): Html {
  const optional = !o.required && o.markOptional !== false;
  const [open, close] = o.lang === 'zh' ? ['（', '）'] : ['(', ')'];
  return html`${o.label}${optional ? html` <span class="opt">${open}${pick(T.optional, o.lang)}${close}</span>` : ''}`;
}

function hintAndError(id: string, hint: string | undefined, error: string | undefined): Html {
  return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}<p class="error" id="${id}-error"${error ? '' : html` hidden`}>${error ?? ''}</p>`;
}

const dataAttributes = (data: Record<string, string> | undefined): Html[] =>
  Object.entries(data ?? {}).map(([key, value]) => html` data-${key.replace(/[^a-z-]/g, '')}="${value}"`);

const limits = (o: InputOptions): Html =>
  html`${o.min ? html` min="${o.min}"` : ''}${o.max ? html` max="${o.max}"` : ''}${o.step ? html` step="${o.step}"` : ''}`;

export function input(o: InputOptions): Html {
  const id = idOf(o);
  return html`<div class="field${o.error ? ' invalid' : ''}">
  <label for="${id}">${labelText(o)}</label>
  ${hintAndError(id, o.hint, o.error)}
  <div class="control${o.suffix ? ' with-suffix' : ''}"><input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value}"${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${limits(o)}${o.list ? html` list="${o.list}"` : ''}${described(id, o.hint, o.error)}${dataAttributes(o.data)}>${o.suffix ? html`<span class="suffix" aria-hidden="true">${o.suffix}</span>` : ''}</div>
</div>`;
}

export interface TextAreaOptions extends Common {
  value: string;
  rows?: number;
  maxlength?: number | undefined;
}

export function textArea(o: TextAreaOptions): Html {
  const id = idOf(o);
  return html`<div class="field${o.error ? ' invalid' : ''}">
  <label for="${id}">${labelText(o)}</label>
  ${hintAndError(id, o.hint, o.error)}
  <textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.required ? html` required` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${described(id, o.hint, o.error)}>${o.value}</textarea>
</div>`;
}

export interface SelectOptions extends Common {
  value: string;
  options: readonly Option[];
  /** The first, empty choice (e.g. 请选择 / 全部). */
  empty?: string | undefined;
}

export function select(o: SelectOptions): Html {
  const id = idOf(o);
  return html`<div class="field${o.error ? ' invalid' : ''}">
  <label for="${id}">${labelText(o)}</label>
  ${hintAndError(id, o.hint, o.error)}
  <select id="${id}" name="${o.name}"${o.required ? html` required` : ''}${described(id, o.hint, o.error)}>
    ${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
    ${o.options.map((option) => html`<option value="${option.value}"${option.value === o.value ? html` selected` : ''}>${option.label}</option>`)}
  </select>
</div>`;
}

export interface ChoicesOptions extends Common {
  /** Checkboxes (several) or radio buttons (one). */
  kind: 'checkbox' | 'radio';
  values: readonly string[];
  options: readonly Option[];
}

/** A group of checkboxes or radio buttons in a fieldset, its legend the group's label. */
export function choices(o: ChoicesOptions): Html {
  const id = idOf(o);
  return html`<fieldset class="field choices${o.error ? ' invalid' : ''}" id="${id}"${described(id, o.hint, o.error)}>
  <legend>${labelText(o)}</legend>
  ${hintAndError(id, o.hint, o.error)}
  <div class="options">
  ${o.options.map((option, i) => {
    const optionId = `${id}-${i}`;
    return html`<div class="option"><input type="${o.kind}" id="${optionId}" name="${o.name}" value="${option.value}"${o.values.includes(option.value) ? html` checked` : ''}><label for="${optionId}">${option.label}</label></div>`;
  })}
  </div>
</fieldset>`;
}

export interface CheckboxOptions extends Common {
  checked: boolean;
  value?: string;
}

/** One checkbox with its label beside it (a consent). */
export function checkbox(o: CheckboxOptions): Html {
  const id = idOf(o);
  return html`<div class="field single${o.error ? ' invalid' : ''}">
  ${hintAndError(id, o.hint, o.error)}
  <div class="option"><input type="checkbox" id="${id}" name="${o.name}" value="${o.value ?? 'true'}"${o.checked ? html` checked` : ''}${o.required ? html` required` : ''}${described(id, o.hint, o.error)}><label for="${id}">${o.label}</label></div>
</div>`;
}

export interface SummaryItem {
  /** The field's name, or undefined for an error of the whole form. */
  field?: string | undefined;
  message: string;
}

/** The list of what to fix, at the top of the form; each entry links to its field. */
export function errorSummary(
  items: readonly SummaryItem[],
  lang: Lang,
  title: string = pick(T.fixErrors, lang),
): Html {
  if (items.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-focus>
  <h2>${title}</h2>
  <ul>${items.map((item) => html`<li>${item.field ? html`<a href="#${fieldId(item.field)}">${item.message}</a>` : item.message}</li>`)}</ul>
</div>`;
}

/** A notice above a page's content: info (green), warning (amber). */
export function notice(kind: 'info' | 'warning', body: Html | string): Html {
  return html`<div class="notice ${kind}" role="${kind === 'warning' ? 'alert' : 'status'}">${body}</div>`;
}
