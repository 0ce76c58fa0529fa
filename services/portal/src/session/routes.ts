import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { forbiddenPage } from '../layout/errors.ts';
import { html } from '../layout/html.ts';
import { csrfField, page } from '../layout/page.ts';
import { decodeClaims } from './claims.ts';
import { continuePage } from './continue-page.ts';
import { checkCsrf } from './csrf.ts';
import { Form } from './form.ts';
import { isTeamPath, pendingForm } from './resume.ts';
import type { Sealer } from './seal.ts';
import { homeOf, MEMBER_ROLES } from './session.ts';
import { signInPage } from './signin-page.ts';
import { SESSION_TEXT as T } from './text.ts';

// Signing in with the leads service (POST /v1/auth/token) and out. The token goes into the
// sealed session cookie, never to the browser's scripts.

export interface SessionRouteDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

const safeNext = (next: string | undefined) => (next && isTeamPath(next) ? next : undefined);

export function sessionRoutes({ api, resumeSealer, now }: SessionRouteDeps) {
  const app = new Hono<PortalEnv>();

  app.get('/signin', (c) => {
    const next = safeNext(c.req.query('next'));
    const member = c.var.session.team;
    if (member) return c.redirect(next ?? homeOf(member.role), 303);
    const expired = c.req.query('expired') !== undefined || c.var.session.teamExpired;
    const signedOut = c.req.query('signedout') !== undefined;
    return signInPage(c, {
      next,
      notice: expired
        ? { kind: 'warning', text: T.expired }
        : signedOut
          ? { kind: 'info', text: T.signedOut }
          : undefined,
    });
  });

  app.post('/signin', async (c) => {
    const lang = c.var.lang;
    const form = await Form.read(c);
    const next = safeNext(form.get('next'));
    const resume = form.get('resume') || undefined;
    const username = form.get('username').trim();
    const again = (error?: string, expired = false) =>
      signInPage(c, {
        next,
        resume,
        username,
        error,
        notice: expired ? { kind: 'warning', text: T.pageExpired } : undefined,
      });
    const verdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return forbiddenPage(c);
    if (verdict !== 'ok') return again(undefined, true);
    const password = form.get('password');
    if (!username || !password) return again(pick(T.missing, lang));
    const result = await api.leads.issueToken(username, password, {
      ...callContext(c),
      forwardedFor: c.var.site.visitor || undefined,
    });
    if (!result.ok)
      return again(
        result.status === 401 ? pick(T.wrong, lang) : (result.problem.detail ?? result.problem.title),
      );
    const claims = decodeClaims(result.data.token);
    // Investment teams, and the firm-services partners (banks' officers, service operators) who
    // land on their own pages; firms have no account (they use their private link).
    const role = MEMBER_ROLES.find((r) => r === claims?.role);
    if (!claims || !role) return again(pick(T.notTeam, lang));
    c.var.session.signIn(
      {
        token: result.data.token,
        username: claims.sub,
        role,
        ...(claims.parkId ? { parkId: claims.parkId } : {}),
        expiresAt: claims.exp * 1000,
      },
      now(),
    );
    const pending = resume ? pendingForm(resumeSealer, resume, now()) : undefined;
    if (pending) return continuePage(c, pending, T.resumeKept);
    return c.redirect(next ?? homeOf(role), 303);
  });

  app.post('/signout', async (c) => {
    const form = await Form.read(c);
    const verdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return forbiddenPage(c);
    if (verdict !== 'ok') {
      const lang = c.var.lang;
      return page(c, {
        title: pick(T.confirmSignOut, lang),
        body: html`<div class="narrow"><h1>${pick(T.confirmSignOut, lang)}</h1>
<form method="post" action="/signout" class="actions">${csrfField(c)}<button type="submit" class="primary">${pick(T.confirmSignOut, lang)}</button></form></div>`,
      });
    }
    c.var.session.signOut();
    return c.redirect('/signin?signedout=1', 303);
  });

  return app;
}
