import type { MiddlewareHandler } from 'hono';
import type { Api } from '../api/index.ts';
import type { PortalContext, PortalEnv } from '../env.ts';
import { FIRM_TEXT } from '../firm/text.ts';
import { pick } from '../i18n/lang.ts';
import { messagePage } from '../layout/errors.ts';
import { type Html, html } from '../layout/html.ts';
import { csrfField } from '../layout/page.ts';
import { LAYOUT_TEXT, ROLE_LABELS } from '../layout/text.ts';
import { homeOf, type MemberRole, type TeamMember } from '../session/session.ts';
import type { FirmServicesClient } from './api.ts';
import { FS_TEXT as T } from './text.ts';

// What the firm-services pages share: the firm's way in (its private link's token in the
// session), the tabs between its pages, and the partners' (banks', operators') frame.

export const LEAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids the service gives needs, orders, applications (uuids) and products, services (slugs). */
export const ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

export const leadIdOf = (c: PortalContext): string | undefined => {
  const id = c.req.param('leadId') ?? '';
  return LEAD_ID.test(id) ? id.toLowerCase() : undefined;
};
export const idParam = (c: PortalContext, name: string): string | undefined => {
  const id = c.req.param(name) ?? '';
  return ID.test(id) ? id : undefined;
};

/** The service's client, or the page that says it is not set up. */
export function clientOf(
  c: PortalContext,
  api: Api,
): { fs: FirmServicesClient } | { response: Response | Promise<Response> } {
  if (api.firmServices) return { fs: api.firmServices };
  return { response: messagePage(c, { title: T.servicesTitle, body: T.notSetUp, status: 503 }) };
}

export const needLink = (c: PortalContext) =>
  messagePage(c, { title: FIRM_TEXT.needLinkTitle, body: FIRM_TEXT.needLinkBody, status: 403 });
export const badLink = (c: PortalContext) =>
  messagePage(c, { title: FIRM_TEXT.badLinkTitle, body: FIRM_TEXT.badLinkBody, status: 401 });

export type FirmTab = 'services' | 'finance' | 'rnd' | 'vouchers';

/** The tabs between the firm's service pages, and back to its project. */
export function firmTabs(c: PortalContext, leadId: string, current: FirmTab): Html {
  const lang = c.var.lang;
  const base = `/firm/${encodeURIComponent(leadId)}`;
  const tab = (which: FirmTab, href: string, label: string) =>
    html`<a href="${href}"${current === which ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="tabs" aria-label="${pick(T.firmNav, lang)}">
  <a href="${base}">${pick(T.projectStatus, lang)}</a>
  ${tab('services', `${base}/services`, pick(T.servicesTitle, lang))}
  ${tab('finance', `${base}/finance`, pick(T.finance, lang))}
  ${tab('rnd', `${base}/rnd`, pick(T.rnd, lang))}
  ${tab('vouchers', `${base}/vouchers`, pick(T.vouchers, lang))}
</nav>`;
}

/** The bank's pages, in its bar. */
export type BankPage = 'home' | 'settings';

/**
 * The bar atop a partner's page: who is signed in, its home, signing out. The bank's pages
 * (`bank` says which this is) also link its officer's notification settings, as the team's
 * navigation links the member's; without `bank` it is the operator's page.
 */
export function partnerBar(
  c: PortalContext,
  member: TeamMember,
  bankOrOperator?: string,
  bank?: BankPage,
): Html {
  const lang = c.var.lang;
  const current = (which: BankPage) => (bank === which ? html` aria-current="page"` : '');
  return html`<nav class="team-nav" aria-label="${pick(T.partnerNav, lang)}">
  ${
    bank
      ? html`<a href="/bank"${current('home')}>${pick(T.bankTitle, lang)}</a>
  <a href="/bank/settings"${current('settings')}>${pick(LAYOUT_TEXT.settings, lang)}</a>`
      : html`<a href="/operator" aria-current="page">${pick(T.operatorTitle, lang)}</a>`
  }
  <span class="who">${member.username} · ${pick(ROLE_LABELS[member.role], lang)}${bankOrOperator ? html` · ${bankOrOperator}` : ''}</span>
  <form method="post" action="/signout" class="inline">${csrfField(c)}<button type="submit" class="link">${pick(T.signOut, lang)}</button></form>
</nav>`;
}

/**
 * A partner's page (GET) needs a signed-in account of one of `roles`: sign in first, and back;
 * anyone else is sent to its own home.
 */
export function requireRole(...roles: MemberRole[]): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const member = c.var.session.team;
    if (!member) {
      const url = new URL(c.req.url);
      const expired = c.var.session.teamExpired ? '&expired=1' : '';
      return c.redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}${expired}`, 303);
    }
    if (!roles.includes(member.role)) return c.redirect(homeOf(member.role), 303);
    return next();
  };
}
