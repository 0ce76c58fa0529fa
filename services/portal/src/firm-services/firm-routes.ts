import type { ProblemView } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { forbiddenPage, notFoundPage } from '../layout/errors.ts';
import { html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { type CsrfVerdict, checkCsrf } from '../session/csrf.ts';
import { Form } from '../session/form.ts';
import { proxyDownload } from '../team/pipeline-routes.ts';
import type { FirmServicesClient } from './api.ts';
import {
  emptyNeed,
  NEED_FIELDS,
  type NeedValues,
  needFormPage,
  needPage,
  needsPage,
} from './finance-pages.ts';
import { type FieldErrors, noErrors, numberField, problemErrors } from './forms.ts';
import { badLink, clientOf, firmTabs, idParam, leadIdOf, needLink } from './frame.ts';
import { hubPage } from './hub-page.ts';
import { ORDER_FIELDS, type OrderValues, orderFormPage, rndPage } from './rnd-pages.ts';
import { FS_TEXT as T } from './text.ts';
import { APPLY_FIELDS, type ApplyValues, vouchersPage } from './voucher-pages.ts';

// The firm's service pages, reached from its status page through its private link (the token
// its session keeps — no account): financing needs matched and pushed to banks, the R&D
// platform's services ordered with vouchers, and the vouchers themselves. Every call carries
// the firm's own token, so the firm sees only its own.

export interface FirmServiceRouteDeps {
  api: Api;
}

interface FirmVisit {
  leadId: string;
  token: string;
  fs: FirmServicesClient;
}

export function firmServiceRoutes({ api }: FirmServiceRouteDeps) {
  const app = new Hono<PortalEnv>();

  /** The firm, its token and the client; or the page to show instead. */
  const visit = async (c: PortalContext): Promise<FirmVisit | { response: Response }> => {
    const leadId = leadIdOf(c);
    if (!leadId) return { response: await notFoundPage(c) };
    const client = clientOf(c, api);
    if ('response' in client) return { response: await client.response };
    const token = c.var.session.firmToken(leadId);
    if (!token) return { response: await needLink(c) };
    return { leadId, token, fs: client.fs };
  };

  /** A refusal of a read: the link no longer works (401), the firm is not known yet (404), or else. */
  const refused = async (c: PortalContext, v: FirmVisit, status: number): Promise<Response> => {
    if (status === 401) {
      c.var.session.forgetFirm(v.leadId);
      return badLink(c);
    }
    if (status === 404) return notKnownYet(c, v.leadId);
    return notFoundPage(c);
  };

  /** firm-services learns of a firm from the leads service's events: a moment after it submitted. */
  const notKnownYet = (c: PortalContext, leadId: string) =>
    page(c, {
      title: pick(T.servicesTitle, c.var.lang),
      refreshSeconds: 5,
      body: html`${firmTabs(c, leadId, 'services')}<div class="message"><h1>${pick(T.servicesTitle, c.var.lang)}</h1><p>${pick(T.notKnownYet, c.var.lang)}</p></div>`,
    });

  /** A posted firm form: the visit and the form, or the page to show (cross-site refused). */
  const posted = async (c: PortalContext) => {
    const form = await Form.read(c);
    const verdict: CsrfVerdict = checkCsrf(c, c.var.site, c.var.session, form);
    if (verdict === 'cross-site') return { response: await forbiddenPage(c) };
    const v = await visit(c);
    if ('response' in v) return v;
    return { ...v, form, stale: verdict !== 'ok' };
  };

  const ctx = (c: PortalContext, v: FirmVisit) => callContext(c, v.token);
  const base = (leadId: string) => `/firm/${encodeURIComponent(leadId)}`;

  app.get('/firm/:leadId/services', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    const [account, needs, orders] = await Promise.all([
      v.fs.voucherAccount(v.leadId, ctx(c, v)),
      v.fs.needs(v.leadId, ctx(c, v)),
      v.fs.orders(v.leadId, ctx(c, v)),
    ]);
    if (!account.ok) return refused(c, v, account.status);
    return hubPage(c, {
      leadId: v.leadId,
      account: account.data,
      needs: needs.ok ? needs.data.items : [],
      orders: orders.ok ? orders.data.items : [],
    });
  });

  // ── financing ───────────────────────────────────────────────────────────────

  app.get('/firm/:leadId/finance', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    const [account, needs] = await Promise.all([
      v.fs.voucherAccount(v.leadId, ctx(c, v)),
      v.fs.needs(v.leadId, ctx(c, v)),
    ]);
    if (!account.ok) return refused(c, v, account.status);
    if (!needs.ok) return refused(c, v, needs.status);
    return needsPage(c, { leadId: v.leadId, firmName: account.data.firmName, needs: needs.data.items });
  });

  app.get('/firm/:leadId/finance/new', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    return needFormPage(c, { leadId: v.leadId, values: emptyNeed(), found: noErrors() });
  });

  app.post('/firm/:leadId/finance/new', async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const lang = c.var.lang;
    const values: NeedValues = {
      amountCny: p.form.get('amountCny'),
      purpose: p.form.get('purpose'),
      termMonths: p.form.get('termMonths'),
      collateral: p.form.all('collateral'),
      urgency: p.form.get('urgency'),
      note: p.form.get('note'),
    };
    const again = (found: FieldErrors, warning?: string) =>
      needFormPage(c, { leadId: p.leadId, values, found, warning });
    if (p.stale) return again(noErrors(), pick(T.expired, lang));
    const amount = numberField(values.amountCny, lang, { scale: 10_000 });
    const term = numberField(values.termMonths, lang);
    const local = noErrors();
    if (amount.error) local.errors.amountCny = amount.error;
    if (term.error) local.errors.termMonths = term.error;
    if (amount.error || term.error) return again(local);
    const result = await p.fs.registerNeed(
      {
        leadId: p.leadId,
        amountCny: amount.value,
        purpose: values.purpose || undefined,
        termMonths: term.value,
        collateral: values.collateral,
        urgency: values.urgency || undefined,
        note: values.note.trim() || undefined,
      },
      ctx(c, p),
    );
    if (!result.ok) {
      if (result.status === 401) return refused(c, p, 401);
      return again(problemErrors(result.problem, NEED_FIELDS, lang));
    }
    return c.redirect(`${base(p.leadId)}/finance/${encodeURIComponent(result.data.id)}?registered=1`, 303);
  });

  /** A need with its matches and the banks' names, drawn with what went wrong, if anything. */
  const showNeed = async (
    c: PortalContext,
    v: FirmVisit,
    needId: string,
    extra: { flash?: 'registered' | 'pushed'; errors?: string[]; warning?: string } = {},
  ) => {
    const [need, matches, banks] = await Promise.all([
      v.fs.need(needId, ctx(c, v)),
      v.fs.matches(needId, ctx(c, v)),
      v.fs.orgs('bank', ctx(c, v)),
    ]);
    if (!need.ok) return need.status === 401 ? refused(c, v, 401) : notFoundPage(c);
    if (need.data.leadId !== v.leadId) return notFoundPage(c);
    const bankNames = new Map(
      (banks.ok ? banks.data.items : []).map((b) => [
        b.id,
        c.var.lang === 'en' ? (b.name.en ?? b.name.zh) : b.name.zh,
      ]),
    );
    return needPage(c, {
      leadId: v.leadId,
      need: need.data,
      matches: matches.ok ? matches.data.items : [],
      missingFacts: matches.ok ? matches.data.missingFacts : [],
      bankNames,
      ...extra,
    });
  };

  app.get('/firm/:leadId/finance/:needId', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    const needId = idParam(c, 'needId');
    if (!needId) return notFoundPage(c);
    const flash = c.req.query('registered') ? 'registered' : c.req.query('pushed') ? 'pushed' : undefined;
    return showNeed(c, v, needId, flash ? { flash } : {});
  });

  app.post('/firm/:leadId/finance/:needId/push', async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const needId = idParam(c, 'needId');
    if (!needId) return notFoundPage(c);
    const lang = c.var.lang;
    if (p.stale) return showNeed(c, p, needId, { warning: pick(T.expired, lang) });
    const productIds = p.form.all('productIds').filter((id) => /^[a-z0-9][a-z0-9-]{1,63}$/.test(id));
    if (productIds.length === 0) return showNeed(c, p, needId, { errors: [pick(T.chooseOne, lang)] });
    const result = await p.fs.push(needId, productIds, ctx(c, p));
    if (!result.ok) {
      if (result.status === 401) return refused(c, p, 401);
      return showNeed(c, p, needId, { errors: messagesOf(result.problem, lang) });
    }
    return c.redirect(`${base(p.leadId)}/finance/${encodeURIComponent(needId)}?pushed=1`, 303);
  });

  // ── the R&D service platform ────────────────────────────────────────────────

  app.get('/firm/:leadId/rnd', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    const [account, suggestions, services, orders] = await Promise.all([
      v.fs.voucherAccount(v.leadId, ctx(c, v)),
      v.fs.suggestions(v.leadId, ctx(c, v)),
      v.fs.services(ctx(c, v)),
      v.fs.orders(v.leadId, ctx(c, v)),
    ]);
    if (!account.ok) return refused(c, v, account.status);
    return rndPage(c, {
      leadId: v.leadId,
      firmName: account.data.firmName,
      suggestions: suggestions.ok ? suggestions.data.items : [],
      services: services.ok ? services.data.items : [],
      orders: orders.ok ? orders.data.items : [],
      balanceCny: account.data.expired ? 0 : account.data.balanceCny,
      flash: c.req.query('ordered') ? 'ordered' : undefined,
    });
  });

  const orderForm = async (
    c: PortalContext,
    v: FirmVisit,
    values: OrderValues,
    found: FieldErrors,
    warning?: string,
  ) => {
    const serviceId = idParam(c, 'serviceId');
    const [services, account] = await Promise.all([
      v.fs.services(ctx(c, v)),
      v.fs.voucherAccount(v.leadId, ctx(c, v)),
    ]);
    if (!services.ok) return refused(c, v, services.status);
    if (!account.ok) return refused(c, v, account.status);
    const service = services.data.items.find((s) => s.id === serviceId && s.active);
    if (!service) return notFoundPage(c);
    return orderFormPage(c, { leadId: v.leadId, service, account: account.data, values, found, warning });
  };

  app.get('/firm/:leadId/rnd/:serviceId/order', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    return orderForm(c, v, { quantity: '1', voucherCny: '', note: '' }, noErrors());
  });

  app.post('/firm/:leadId/rnd/:serviceId/order', async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const lang = c.var.lang;
    const values: OrderValues = {
      quantity: p.form.get('quantity'),
      voucherCny: p.form.get('voucherCny'),
      note: p.form.get('note'),
    };
    if (p.stale) return orderForm(c, p, values, noErrors(), pick(T.expired, lang));
    const quantity = numberField(values.quantity, lang);
    const voucher = numberField(values.voucherCny, lang, { required: false });
    const local = noErrors();
    if (quantity.error) local.errors.quantity = quantity.error;
    if (voucher.error) local.errors.voucherCny = voucher.error;
    if (quantity.error || voucher.error) return orderForm(c, p, values, local);
    const result = await p.fs.placeOrder(
      {
        leadId: p.leadId,
        serviceId: idParam(c, 'serviceId') ?? '',
        quantity: quantity.value,
        voucherCny: voucher.value ?? 0,
        note: values.note.trim() || undefined,
      },
      ctx(c, p),
    );
    if (!result.ok) {
      if (result.status === 401) return refused(c, p, 401);
      return orderForm(c, p, values, problemErrors(result.problem, ORDER_FIELDS, lang));
    }
    return c.redirect(`${base(p.leadId)}/rnd?ordered=1`, 303);
  });

  app.get('/firm/:leadId/rnd/orders/:orderId/report', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    const orderId = idParam(c, 'orderId');
    if (!orderId) return notFoundPage(c);
    const result = await v.fs.report(orderId, ctx(c, v));
    if (!result.ok) return result.status === 401 ? refused(c, v, 401) : notFoundPage(c);
    return proxyDownload(result.data);
  });

  // ── vouchers ────────────────────────────────────────────────────────────────

  const showVouchers = async (
    c: PortalContext,
    v: FirmVisit,
    values: ApplyValues,
    found: FieldErrors,
    extra: { flash?: 'applied'; warning?: string } = {},
  ) => {
    const account = await v.fs.voucherAccount(v.leadId, ctx(c, v));
    if (!account.ok) return refused(c, v, account.status);
    return vouchersPage(c, { leadId: v.leadId, account: account.data, values, found, ...extra });
  };

  app.get('/firm/:leadId/vouchers', async (c) => {
    const v = await visit(c);
    if ('response' in v) return v.response;
    return showVouchers(
      c,
      v,
      { requestedCny: '', purpose: '' },
      noErrors(),
      c.req.query('applied') ? { flash: 'applied' } : {},
    );
  });

  app.post('/firm/:leadId/vouchers/apply', async (c) => {
    const p = await posted(c);
    if ('response' in p) return p.response;
    const lang = c.var.lang;
    const values: ApplyValues = { requestedCny: p.form.get('requestedCny'), purpose: p.form.get('purpose') };
    if (p.stale) return showVouchers(c, p, values, noErrors(), { warning: pick(T.expired, lang) });
    const requested = numberField(values.requestedCny, lang);
    if (requested.error)
      return showVouchers(c, p, values, { errors: { requestedCny: requested.error }, general: [] });
    const result = await p.fs.applyForVouchers(
      { leadId: p.leadId, requestedCny: requested.value, purpose: values.purpose.trim() },
      ctx(c, p),
    );
    if (!result.ok) {
      if (result.status === 401) return refused(c, p, 401);
      return showVouchers(c, p, values, problemErrors(result.problem, APPLY_FIELDS, lang));
    }
    return c.redirect(`${base(p.leadId)}/vouchers?applied=1`, 303);
  });

  return app;
}

/** A refusal's messages in the visitor's language: each field error, else the detail. */
export function messagesOf(problem: ProblemView, lang: 'zh' | 'en'): string[] {
  const errors = problem.errors ?? [];
  if (errors.length === 0) return [problem.detail ?? problem.title];
  return errors.map((e) => (lang === 'zh' ? e.message : (e.messageEn ?? e.message)));
}
