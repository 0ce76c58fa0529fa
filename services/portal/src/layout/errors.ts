import type { Bilingual } from '@parkmatch/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PortalContext } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { type Html, html } from './html.ts';
import { page, type TeamNav } from './page.ts';
import { LAYOUT_TEXT as T } from './text.ts';

// Pages that say something went wrong, or that there is nothing here, in a person's words.

export interface MessagePage {
  title: Bilingual;
  body: Bilingual;
  status: ContentfulStatusCode;
  more?: Html;
  team?: TeamNav | undefined;
}

export function messagePage(c: PortalContext, { title, body, status, more, team }: MessagePage) {
  const lang = c.var.lang ?? 'zh';
  return page(c, {
    title: pick(title, lang),
    status,
    team,
    body: html`<div class="message">
  <h1>${pick(title, lang)}</h1>
  <p>${pick(body, lang)}</p>
  ${more ?? ''}
</div>`,
  });
}

const home = (c: PortalContext) => html`<p><a href="/">${pick(T.backHome, c.var.lang ?? 'zh')}</a></p>`;

export const notFoundPage = (c: PortalContext, team?: TeamNav) =>
  messagePage(c, { title: T.notFoundTitle, body: T.notFoundBody, status: 404, more: home(c), team });

export const forbiddenPage = (c: PortalContext) =>
  messagePage(c, { title: T.forbiddenTitle, body: T.forbiddenBody, status: 403, more: home(c) });

export function failurePage(c: PortalContext, kind: 'error' | 'unavailable') {
  const more = html`<p class="muted">${pick(T.requestId, c.var.lang ?? 'zh')}: <code>${c.var.requestId ?? ''}</code></p>${home(c)}`;
  return kind === 'unavailable'
    ? messagePage(c, { title: T.unavailableTitle, body: T.unavailableBody, status: 503, more })
    : messagePage(c, { title: T.errorTitle, body: T.errorBody, status: 500, more });
}
