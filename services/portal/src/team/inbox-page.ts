import type { InboxEntry } from '../api/notifications.ts';
import type { PortalContext } from '../env.ts';
import { colon, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField, page, type TeamNav } from '../layout/page.ts';
import { scoreBadge, tierBadge } from './badges.ts';
import { INBOX_KIND_LABELS, TEAM_TEXT as T } from './text.ts';

// The team's inbox: what happened to which lead, unread first in weight, one button to mark
// an entry read, and the way to the lead.

export interface InboxPageOptions {
  items: readonly InboxEntry[];
  unreadOnly: boolean;
  nextBefore: string | null;
  /** This page's own address, to come back to after marking an entry read. */
  back: string;
  paged: boolean;
  nav: TeamNav;
}

function entry(c: PortalContext, item: InboxEntry, back: string, lang: Lang): Html {
  const lines = (item.lines?.[lang].length ? item.lines[lang] : item.reasons[lang]).slice(0, 3);
  const unread = item.readAt === null;
  const href = `/team/leads/${encodeURIComponent(item.leadId)}?park=${encodeURIComponent(item.parkId)}`;
  return html`<li class="inbox-item${unread ? ' unread' : ''}">
  <div class="meta">
    <span class="state">${pick(unread ? T.unread : T.read, lang)}</span>
    <span class="kind">${pick(INBOX_KIND_LABELS[item.kind] ?? { zh: item.kind, en: item.kind }, lang)}</span>
    ${tierBadge(item.tier, lang)} ${scoreBadge(item.score, lang)}
    <time datetime="${item.createdAt}">${formatDateTime(item.createdAt, lang)}</time>
  </div>
  <h2><a href="${href}">${pick(item.title, lang)}</a></h2>
  <p class="sub">${item.firmName} · ${item.projectTitle}</p>
  ${lines.length > 0 ? html`<ul class="lines">${lines.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
  <div class="item-actions">
    <a href="${href}">${pick(T.openLead, lang)}</a>
    ${
      unread
        ? html`<form method="post" action="/team/inbox/${encodeURIComponent(item.id)}/read" class="inline">
      ${csrfField(c)}<input type="hidden" name="back" value="${back}">
      <button type="submit" class="secondary small" aria-label="${pick(T.markRead, lang)}${colon(lang)}${item.firmName}">${pick(T.markRead, lang)}</button>
    </form>`
        : ''
    }
  </div>
</li>`;
}

export function inboxPage(c: PortalContext, o: InboxPageOptions) {
  const lang = c.var.lang;
  const unread = o.nav.unread;
  const filterLink = (only: boolean, label: string) =>
    html`<a href="/team/inbox${only ? '?show=unread' : ''}"${o.unreadOnly === only ? html` aria-current="page"` : ''}>${label}</a>`;
  const olderHref = o.nextBefore
    ? `/team/inbox?${new URLSearchParams({ ...(o.unreadOnly ? { show: 'unread' } : {}), before: o.nextBefore }).toString()}`
    : undefined;
  return page(c, {
    title: pick(T.inboxTitle, lang),
    team: o.nav,
    body: html`<h1>${pick(T.inboxTitle, lang)}${unread ? html` <span class="count">${unread}${o.nav.unreadMore ? '+' : ''} ${pick(T.unreadCount, lang)}</span>` : ''}</h1>
<p class="lead">${pick(T.inboxLead, lang)}</p>
<nav class="tabs" aria-label="${pick(T.inboxFilter, lang)}">${filterLink(false, pick(T.showAll, lang))}${filterLink(true, pick(T.showUnread, lang))}</nav>
${
  o.items.length === 0
    ? html`<p class="empty">${pick(o.unreadOnly ? T.inboxUnreadEmpty : T.inboxEmpty, lang)}</p>`
    : html`<ul class="inbox">${o.items.map((item) => entry(c, item, o.back, lang))}</ul>`
}
<nav class="pager" aria-label="${pick(T.pages, lang)}">
  ${o.paged ? html`<a href="/team/inbox${o.unreadOnly ? '?show=unread' : ''}">${pick(T.newest, lang)}</a>` : ''}
  ${olderHref ? html`<a href="${olderHref}" rel="next">${pick(T.older, lang)}</a>` : ''}
</nav>`,
  });
}
