import type { Bilingual, ProblemView } from '@parkmatch/contracts';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Api } from '../api/index.ts';
import type { ParkDirectory } from '../api/park-directory.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { forbiddenPage, messagePage, notFoundPage } from '../layout/errors.ts';
import { decodeClaims } from '../session/claims.ts';
import { checkCsrf } from '../session/csrf.ts';
import { Form } from '../session/form.ts';
import { type FormPageOptions, formPage } from './form-page.ts';
import { profileErrors } from './profile-errors.ts';
import type { DirectionChoice } from './profile-form.ts';
import {
  type FormValues,
  type LocalError,
  profileFromValues,
  valuesFromForm,
  valuesFromProfile,
} from './profile-values.ts';
import { statusPage } from './status-page.ts';
import { submittedPage } from './submitted-page.ts';
import { FIRM_TEXT as T } from './text.ts';
import { withdrawPage } from './withdraw-page.ts';

// The firm's pages, no account needed: submit a profile, get a private link, and through
// it follow, change or withdraw the profile. The link's token is exchanged for a place in
// the sealed session cookie on first open and taken out of the address at once.

export interface FirmDeps {
  api: Api;
  directory: ParkDirectory;
  now?: () => number;
}

const withdrawnPath = (leadId: string) => `/firm/${encodeURIComponent(leadId)}/withdrawn`;
const LEAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** When a token says nothing of its expiry: as long as a firm's token is given for. */
const FALLBACK_TTL_MS = 90 * 24 * 3600 * 1000;

export function firmRoutes({ api, directory, now = Date.now }: FirmDeps) {
  const app = new Hono<PortalEnv>();

  const leadIdOf = (c: PortalContext) => {
    const id = c.req.param('leadId') ?? '';
    return LEAD_ID.test(id) ? id.toLowerCase() : undefined;
  };
  const directions = async (c: PortalContext): Promise<DirectionChoice[] | undefined> => {
    const parks = await directory.parks(c.var.lang);
    if (!parks) return undefined;
    const seen = new Map<string, DirectionChoice>();
    for (const park of parks) for (const d of park.directions) if (!seen.has(d.code)) seen.set(d.code, d);
    return [...seen.values()];
  };
  const needLink = (c: PortalContext) =>
    messagePage(c, { title: T.needLinkTitle, body: T.needLinkBody, status: 403 });
  const badLink = (c: PortalContext) =>
    messagePage(c, { title: T.badLinkTitle, body: T.badLinkBody, status: 401 });

  /** The firm's own view of its lead, with the token its session holds. */
  const loadLead = async (c: PortalContext, leadId: string) => {
    const token = c.var.session.firmToken(leadId);
    if (!token) return { response: await needLink(c) };
    const result = await api.leads.firmLead(leadId, callContext(c, token));
    if (result.ok) return { lead: result.data, token };
    if (result.status === 401) {
      c.var.session.forgetFirm(leadId);
      return { response: await badLink(c) };
    }
    return { response: await notFoundPage(c) };
  };

  /** Renders a profile form again: what was typed, what to fix (a page shown as asked: 200). */
  const again = async (
    c: PortalContext,
    base: Pick<FormPageOptions, 'title' | 'lead' | 'action' | 'submitLabel'>,
    values: FormValues,
    found: { local?: LocalError[]; problem?: ProblemView; warning?: Bilingual; hint?: string },
  ) => {
    const { errors, general } = profileErrors(found.local ?? [], found.problem, c.var.lang);
    return formPage(c, {
      ...base,
      values,
      errors,
      general: found.hint ? [...general, found.hint] : general,
      warning: found.warning,
      directions: await directions(c),
    });
  };

  const NEW_FORM = { title: T.newTitle, lead: T.newLead, action: '/firm/new' } as const;

  app.get('/firm', (c) => c.redirect('/firm/new', 303));

  app.get('/firm/new', async (c) =>
    formPage(c, {
      ...NEW_FORM,
      submitLabel: pick(T.submit, c.var.lang),
      values: {},
      errors: {},
      directions: await directions(c),
    }),
  );

  app.post('/firm/new', async (c) => {
    const lang = c.var.lang;
    const base = { ...NEW_FORM, submitLabel: pick(T.submit, lang) };
    const form = await Form.read(c);
    const values = valuesFromForm(form);
    const verdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return forbiddenPage(c);
    if (verdict !== 'ok') return again(c, base, values, { warning: T.expired });
    const { profile, errors } = profileFromValues(values);
    if (errors.length > 0) return again(c, base, values, { local: errors });
    const result = await api.leads.submitProfile(profile, callContext(c));
    if (!result.ok) {
      const duplicate = result.status === 409;
      return again(c, base, values, {
        problem: result.problem,
        ...(duplicate ? { hint: pick(T.duplicateHint, lang) } : {}),
      });
    }
    const { id, accessToken } = result.data;
    const expiresAt = (decodeClaims(accessToken)?.exp ?? 0) * 1000 || now() + FALLBACK_TTL_MS;
    c.var.session.keepFirm(id, accessToken, expiresAt);
    return c.redirect(`/firm/${encodeURIComponent(id)}/submitted`, 303);
  });

  app.get('/firm/:leadId', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const token = c.req.query('token');
    if (token !== undefined) {
      // The private link: keep its token in the session and take it out of the address bar.
      const claims = decodeClaims(token);
      if (claims?.role !== 'firm' || claims.leadId?.toLowerCase() !== leadId) return badLink(c);
      c.var.session.keepFirm(leadId, token, claims.exp * 1000);
      return c.redirect(`/firm/${encodeURIComponent(leadId)}`, 303);
    }
    if (c.var.session.wasWithdrawn(leadId) && !c.var.session.firmToken(leadId))
      return c.redirect(withdrawnPath(leadId), 303);
    const loaded = await loadLead(c, leadId);
    if ('response' in loaded) return loaded.response;
    const flash = c.req.query('updated') ? 'updated' : undefined;
    const parks = await directory.parks(c.var.lang);
    return statusPage(c, loaded.lead, { flash, now: now(), parks });
  });

  app.get('/firm/:leadId/submitted', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const token = c.var.session.firmToken(leadId);
    if (!token) return needLink(c);
    const link = `${c.var.site.origin}/firm/${encodeURIComponent(leadId)}?token=${encodeURIComponent(token)}`;
    const expiresAt = (decodeClaims(token)?.exp ?? 0) * 1000 || now() + FALLBACK_TTL_MS;
    return submittedPage(c, leadId, link, expiresAt);
  });

  const editForm = (leadId: string) =>
    ({ title: T.editTitle, lead: T.editLead, action: `/firm/${encodeURIComponent(leadId)}/edit` }) as const;

  app.get('/firm/:leadId/edit', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const loaded = await loadLead(c, leadId);
    if ('response' in loaded) return loaded.response;
    if (loaded.lead.stage === 'withdrawn') return c.redirect(`/firm/${encodeURIComponent(leadId)}`, 303);
    return formPage(c, {
      ...editForm(leadId),
      submitLabel: pick(T.save, c.var.lang),
      values: valuesFromProfile(loaded.lead.profile),
      errors: {},
      directions: await directions(c),
    });
  });

  app.post('/firm/:leadId/edit', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const base = { ...editForm(leadId), submitLabel: pick(T.save, c.var.lang) };
    const form = await Form.read(c);
    const values = valuesFromForm(form);
    const verdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return forbiddenPage(c);
    const token = c.var.session.firmToken(leadId);
    // The link's session is gone: keep what was typed, and say how to send it.
    if (!token) return again(c, base, values, { warning: T.linkAgain });
    if (verdict !== 'ok') return again(c, base, values, { warning: T.expired });
    const { profile, errors } = profileFromValues(values);
    if (errors.length > 0) return again(c, base, values, { local: errors });
    const result = await api.leads.updateProfile(leadId, profile, callContext(c, token));
    if (result.ok) return c.redirect(`/firm/${encodeURIComponent(leadId)}?updated=1`, 303);
    if (result.status === 401) {
      c.var.session.forgetFirm(leadId);
      return badLink(c);
    }
    return again(c, base, values, { problem: result.problem });
  });

  app.get('/firm/:leadId/withdraw', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const loaded = await loadLead(c, leadId);
    if ('response' in loaded) return loaded.response;
    if (loaded.lead.stage === 'withdrawn') return c.redirect(`/firm/${encodeURIComponent(leadId)}`, 303);
    return withdrawPage(c, leadId, loaded.lead.profile.project.title);
  });

  app.get('/firm/:leadId/withdrawn', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    if (!c.var.session.wasWithdrawn(leadId)) {
      // Not withdrawn from this browser: the project's own page says where it stands.
      if (c.var.session.firmToken(leadId)) return c.redirect(`/firm/${encodeURIComponent(leadId)}`, 303);
      return needLink(c);
    }
    return messagePage(c, {
      title: T.withdrawTitle,
      body: T.withdrawn,
      status: 200,
      more: html`<p><a href="/firm/new">${pick(T.newProject, c.var.lang)}</a></p>`,
    });
  });

  app.post('/firm/:leadId/withdraw', async (c) => {
    const leadId = leadIdOf(c);
    if (!leadId) return notFoundPage(c);
    const form = await Form.read(c);
    const verdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return forbiddenPage(c);
    // Sent again (the browser's back button, a resend): it is done already.
    if (c.var.session.wasWithdrawn(leadId) && !c.var.session.firmToken(leadId))
      return c.redirect(withdrawnPath(leadId), 303);
    const loaded = await loadLead(c, leadId);
    if ('response' in loaded) return loaded.response;
    if (verdict !== 'ok') return withdrawPage(c, leadId, loaded.lead.profile.project.title, true);
    const result = await api.leads.withdrawProfile(leadId, callContext(c, loaded.token));
    if (result.ok) {
      // Withdrawing revokes the firm's link (leads raises its access epoch): the session keeps
      // that this browser withdrew it, and the confirmation is a page of its own (Post/Redirect/
      // Get), so reloading it shows it again instead of sending the withdrawal once more.
      c.var.session.markWithdrawn(leadId);
      return c.redirect(withdrawnPath(leadId), 303);
    }
    return messagePage(c, {
      title: T.withdrawTitle,
      body: {
        zh: result.problem.detail ?? result.problem.title,
        en: result.problem.detail ?? result.problem.title,
      },
      status: result.status === 409 ? 409 : 400,
    });
  });

  return app;
}
