import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { notice } from '../layout/form.ts';
import { html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import { FIRM_TEXT as T } from './text.ts';

// Withdrawing asks once more, saying what it does.

export function withdrawPage(c: PortalContext, leadId: string, projectTitle: string, expired = false) {
  const lang = c.var.lang;
  const id = encodeURIComponent(leadId);
  return page(c, {
    title: pick(T.withdrawTitle, lang),
    body: html`<h1>${pick(T.withdrawTitle, lang)}</h1>
${expired ? notice('warning', pick(T.expired, lang)) : ''}
<p class="lead">${projectTitle}</p>
<p>${pick(T.withdrawLead, lang)}</p>
<form method="post" action="/firm/${id}/withdraw" class="actions">
  ${csrfField(c)}
  <button type="submit" class="danger">${pick(T.withdrawConfirm, lang)}</button>
  <a class="button secondary" href="/firm/${id}">${pick(T.withdrawCancel, lang)}</a>
</form>`,
  });
}
