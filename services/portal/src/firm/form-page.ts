import type { Bilingual } from '@parkmatch/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { notice } from '../layout/form.ts';
import { html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { type ProfileFormOptions, profileForm } from './profile-form.ts';

// The page around the profile form: a new profile, or a change to one.

export interface FormPageOptions extends ProfileFormOptions {
  title: Bilingual;
  lead: Bilingual;
  status?: ContentfulStatusCode;
  /** Said above the form, e.g. that the page had expired and nothing was sent. */
  warning?: Bilingual | undefined;
}

export function formPage(c: PortalContext, o: FormPageOptions) {
  const lang = c.var.lang;
  return page(c, {
    title: pick(o.title, lang),
    status: o.status ?? 200,
    body: html`<h1>${pick(o.title, lang)}</h1>
<p class="lead">${pick(o.lead, lang)}</p>
${o.warning ? notice('warning', pick(o.warning, lang)) : ''}
${profileForm(c, o)}`,
  });
}
