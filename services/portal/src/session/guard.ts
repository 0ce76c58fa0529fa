import type { MiddlewareHandler } from 'hono';
import type { PortalContext, PortalEnv } from '../env.ts';
import { forbiddenPage } from '../layout/errors.ts';
import { continuePage } from './continue-page.ts';
import { CSRF_FIELD, checkCsrf } from './csrf.ts';
import { Form } from './form.ts';
import { keepForm } from './resume.ts';
import type { Sealer } from './seal.ts';
import { homeOf, isPartnerRole, type TeamMember } from './session.ts';
import { signInPage } from './signin-page.ts';
import { SESSION_TEXT as T } from './text.ts';

// The team's pages need a signed-in team member. A page asked for without one sends the
// visitor to sign in and back; a form posted without one (the session ended while it was
// being filled in) is kept, sealed, in the sign-in page and sent again after it — nothing
// typed is lost.

/** Where to come back to after signing in: this page, as asked for. */
const here = (c: PortalContext) => {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
};

export function requireTeamPage(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (!c.var.session.team) {
      const expired = c.var.session.teamExpired ? '&expired=1' : '';
      return c.redirect(`/signin?next=${encodeURIComponent(here(c))}${expired}`, 303);
    }
    // A bank's officer or a service operator has no team pages: to its own.
    const role = c.var.session.team.role;
    if (isPartnerRole(role)) return c.redirect(homeOf(role), 303);
    return next();
  };
}

export interface TeamFormDeps {
  resumeSealer: Sealer;
  now: () => number;
}

/**
 * A team form, posted: the member and the form when all is well; otherwise the page to show
 * instead — refused (posted from elsewhere), sign in (kept form), or send again (stale token).
 */
export async function teamForm(
  c: PortalContext,
  { resumeSealer, now }: TeamFormDeps,
): Promise<{ member: TeamMember; form: Form } | { response: Response }> {
  const form = await Form.read(c);
  const verdict = checkCsrf(c, c.var.site, c.var.session, form);
  if (verdict === 'cross-site') return { response: await forbiddenPage(c) };
  const member = c.var.session.team;
  if (!member) {
    const resume = keepForm(resumeSealer, c.req.path, form.without(CSRF_FIELD), now());
    return { response: await signInPage(c, { resume, notice: { kind: 'warning', text: T.resumeKept } }) };
  }
  if (verdict !== 'ok') {
    const pending = { action: c.req.path, fields: form.without(CSRF_FIELD).entries(), at: now() };
    return { response: await continuePage(c, pending, T.continueConfirm) };
  }
  return { member, form };
}
