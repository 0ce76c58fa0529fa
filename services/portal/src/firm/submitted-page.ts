import type { PortalContext } from '../env.ts';
import { formatDateTime } from '../i18n/format.ts';
import { pick } from '../i18n/lang.ts';
import { html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { FIRM_TEXT as T } from './text.ts';

// After submitting: the private link to come back with, once, in full.

export function submittedPage(c: PortalContext, leadId: string, link: string, expiresAt: number) {
  const lang = c.var.lang;
  return page(c, {
    title: pick(T.submittedTitle, lang),
    body: html`<div class="message success">
  <h1>${pick(T.submittedTitle, lang)}</h1>
  <p>${pick(T.submittedLead, lang)}</p>
</div>
<section class="card private-link" aria-labelledby="link-title">
  <h2 id="link-title">${pick(T.linkLabel, lang)}</h2>
  <p class="hint" id="link-hint">${pick(T.linkHint, lang)}</p>
  <div class="copy-row">
    <label class="visually-hidden" for="private-link">${pick(T.linkLabel, lang)}</label>
    <input id="private-link" type="text" readonly value="${link}" aria-describedby="link-hint" data-select-on-focus>
    <button type="button" class="secondary" data-copy="private-link" data-copied="${pick(T.copied, lang)}" hidden>${pick(T.copy, lang)}</button>
  </div>
  <p class="muted">${pick(T.linkValidUntil, lang)} ${formatDateTime(new Date(expiresAt).toISOString(), lang)} · ${pick(T.projectNumber, lang)} <code>${leadId}</code></p>
</section>
<p><a class="button primary" href="/firm/${encodeURIComponent(leadId)}">${pick(T.viewStatus, lang)}</a></p>`,
  });
}
