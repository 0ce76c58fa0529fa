import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PortalContext } from '../env.ts';
import { htmlLang, type Lang, pick, switchLanguageHref } from '../i18n/lang.ts';
import { CSRF_FIELD } from '../session/csrf.ts';
import { assetHref } from './assets.ts';
import { type Html, html } from './html.ts';
import { LAYOUT_TEXT as T } from './text.ts';

// The frame of every page: a skip link, the brand, the team's navigation when signed in,
// the language switch, the page itself in <main>, a footer.

export interface TeamNav {
  username: string;
  role: string;
  /** Unread inbox entries; undefined when the inbox could not be read. */
  unread?: number | undefined;
  /** More unread than counted. */
  unreadMore?: boolean;
  /** A manager or an admin: the catalog editor, the targets and the park's channels are theirs. */
  manager?: boolean;
  current?: TeamPage | undefined;
}

/** The team's pages in the navigation. */
export type TeamPage =
  | 'inbox'
  | 'leads'
  | 'board'
  | 'list'
  | 'key-firms'
  | 'dashboard'
  | 'targets'
  | 'catalog'
  | 'channels'
  | 'firm-services'
  | 'settings';

export interface PageOptions {
  title: string;
  body: Html;
  status?: ContentfulStatusCode;
  team?: TeamNav | undefined;
  /** Reload the page after this many seconds (a progress bar, without script). */
  refreshSeconds?: number | undefined;
}

/** A hidden CSRF field for a form. */
export const csrfField = (c: PortalContext): Html =>
  html`<input type="hidden" name="${CSRF_FIELD}" value="${c.var.session.csrf}">`;

function teamNav(c: PortalContext, nav: TeamNav, lang: Lang): Html {
  const current = (which: TeamNav['current']) => (nav.current === which ? html` aria-current="page"` : '');
  const unread =
    nav.unread === undefined || nav.unread === 0
      ? ''
      : html` <span class="badge" aria-label="${nav.unread}${nav.unreadMore ? '+' : ''} ${pick(T.unread, lang)}">${nav.unread}${nav.unreadMore ? '+' : ''}</span>`;
  return html`<nav class="team-nav" aria-label="${pick(T.teamNav, lang)}">
    <a href="/team/inbox"${current('inbox')}>${pick(T.inbox, lang)}${unread}</a>
    <a href="/team/leads"${current('leads')}>${pick(T.ranked, lang)}</a>
    <a href="/team/board"${current('board')}>${pick(T.board, lang)}</a>
    <a href="/team/pipeline"${current('list')}>${pick(T.list, lang)}</a>
    <a href="/team/key-firms"${current('key-firms')}>${pick(T.keyFirms, lang)}</a>
    <a href="/team/dashboard"${current('dashboard')}>${pick(T.dashboard, lang)}</a>
    ${nav.manager ? html`<a href="/team/targets"${current('targets')}>${pick(T.targets, lang)}</a>` : ''}
    ${nav.manager ? html`<a href="/team/catalog"${current('catalog')}>${pick(T.catalog, lang)}</a>` : ''}
    ${nav.manager ? html`<a href="/team/channels"${current('channels')}>${pick(T.channels, lang)}</a>` : ''}
    <a href="/team/firm-services"${current('firm-services')}>${pick(T.firmServices, lang)}</a>
    <a href="/team/settings"${current('settings')}>${pick(T.settings, lang)}</a>
    <span class="who">${nav.username} · ${nav.role}</span>
    <form method="post" action="/signout" class="inline">${csrfField(c)}<button type="submit" class="link">${pick(T.signOut, lang)}</button></form>
  </nav>`;
}

function languageSwitch(c: PortalContext, lang: Lang): Html {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return html`<nav class="lang" aria-label="${pick(T.languageNav, lang)}">
    <a href="${switchLanguageHref(c, other)}" hreflang="${htmlLang(other)}" lang="${htmlLang(other)}">${other === 'en' ? 'English' : '中文'}</a>
  </nav>`;
}

export function page(c: PortalContext, { title, body, status = 200, team, refreshSeconds }: PageOptions) {
  // An error page may be drawn before the language was read.
  const lang: Lang = c.var.lang ?? 'zh';
  c.header('cache-control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="${htmlLang(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refreshSeconds ? html`<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}
<title>${title} · ${pick(T.brand, lang)}</title>
<link rel="icon" href="${assetHref('icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetHref('portal.css')}">
<script type="module" src="${assetHref('portal.js')}"></script>
</head>
<body>
<a class="skip" href="#main">${pick(T.skip, lang)}</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="${team ? '/team/inbox' : '/'}"><img src="${assetHref('icon.svg')}" alt="" width="28" height="28"><span>${pick(T.brand, lang)}</span><small>${pick(T.brandSub, lang)}</small></a>
    ${languageSwitch(c, lang)}
  </div>
  ${team ? teamNav(c, team, lang) : ''}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><p>${pick(T.footer, lang)}</p></footer>
</body>
</html>`,
    status,
  );
}
