import type { Bilingual } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { notice } from '../layout/form.ts';
import { html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { CSRF_FIELD } from './csrf.ts';
import type { PendingForm } from './resume.ts';
import { SESSION_TEXT as T } from './text.ts';

// A kept form, ready to send again from the portal's own page: its fields hidden, a fresh
// CSRF token, one button. Nothing is sent without the member pressing it.

export function continuePage(c: PortalContext, pending: PendingForm, why: Bilingual, team?: TeamNav) {
  const lang = c.var.lang;
  const fields = pending.fields.filter(([name]) => name !== CSRF_FIELD);
  return page(c, {
    title: pick(T.continueTitle, lang),
    team,
    body: html`<div class="narrow">
<h1>${pick(T.continueTitle, lang)}</h1>
${notice('warning', pick(why, lang))}
<p>${pick(T.continueLead, lang)}</p>
<form method="post" action="${pending.action}" class="actions">
  ${csrfField(c)}
  ${fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <button type="submit" class="primary" data-focus>${pick(T.continueButton, lang)}</button>
  <a class="button secondary" href="/team/inbox">${pick(T.back, lang)}</a>
</form>
</div>`,
  });
}
