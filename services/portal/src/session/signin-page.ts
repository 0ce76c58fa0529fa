import type { Bilingual } from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { errorSummary, input, notice } from '../layout/form.ts';
import { html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import { SESSION_TEXT as T } from './text.ts';

export interface SignInPageOptions {
  next?: string | undefined;
  /** A sealed form to send once signed in. */
  resume?: string | undefined;
  username?: string;
  error?: string | undefined;
  notice?: { kind: 'info' | 'warning'; text: Bilingual } | undefined;
}

export function signInPage(c: PortalContext, o: SignInPageOptions = {}) {
  const lang = c.var.lang;
  return page(c, {
    title: pick(T.title, lang),
    body: html`<div class="narrow">
<h1>${pick(T.title, lang)}</h1>
<p class="lead">${pick(T.lead, lang)}</p>
${o.notice ? notice(o.notice.kind, pick(o.notice.text, lang)) : ''}
${o.error ? errorSummary([{ field: 'username', message: o.error }], lang, o.error) : ''}
<form method="post" action="/signin" class="card">
  ${csrfField(c)}
  ${o.next ? html`<input type="hidden" name="next" value="${o.next}">` : ''}
  ${o.resume ? html`<input type="hidden" name="resume" value="${o.resume}">` : ''}
  ${input({ name: 'username', label: pick(T.username, lang), value: o.username ?? '', required: true, autocomplete: 'username', maxlength: 100, lang })}
  ${input({ name: 'password', label: pick(T.password, lang), value: '', type: 'password', required: true, autocomplete: 'current-password', maxlength: 200, lang })}
  <div class="actions"><button type="submit" class="primary">${pick(T.submit, lang)}</button></div>
</form>
<p class="muted">${pick(T.firmsHere, lang)} <a href="/firm/new">${pick(T.firmsLink, lang)}</a></p>
</div>`,
  });
}
