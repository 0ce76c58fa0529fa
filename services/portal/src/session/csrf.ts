import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { Form } from './form.ts';
import type { Session } from './session.ts';
import type { Site } from './site.ts';

// CSRF: a synchronizer token. The session cookie holds a random token; every form the
// portal renders carries it in a hidden `_csrf` field; a POST is acted on only when the two
// match (compared in constant time) and the browser says the form came from the portal
// itself (Origin, Sec-Fetch-Site). A cross-site page can neither read the token nor, with
// SameSite=Lax, post with the cookie.

export const CSRF_FIELD = '_csrf';

export type CsrfVerdict = 'ok' | 'cross-site' | 'no-session' | 'mismatch';

/** The browser says the request came from one of the portal's own pages. */
export function fromOwnPage(c: Context, site: Site): boolean {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  const origin = c.req.header('origin');
  return origin === undefined || site.origins.includes(origin);
}

export function checkCsrf(c: Context, site: Site, session: Session, form: Form): CsrfVerdict {
  if (!fromOwnPage(c, site)) return 'cross-site';
  if (!session.existed) return 'no-session';
  const sent = Buffer.from(form.get(CSRF_FIELD));
  const expected = Buffer.from(session.csrf);
  return sent.length === expected.length && timingSafeEqual(sent, expected) ? 'ok' : 'mismatch';
}
