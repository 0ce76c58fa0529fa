import type { AnswerInput, NotificationKind } from '@parkmatch/contracts';
import { REPORT_MAX_BYTES, REPORT_TYPES, type ReportInput } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { pick } from '../i18n/lang.ts';
import { notFoundPage } from '../layout/errors.ts';
import { html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { personalSettingsRoutes } from '../notify/settings-routes.ts';
import { teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import { homeOf, type MemberRole, type TeamMember } from '../session/session.ts';
import { signInAgain } from '../team/member.ts';
import { proxyDownload } from '../team/pipeline-routes.ts';
import type { FirmServicesClient } from './api.ts';
import { ANSWER_FIELDS, type AnswerState, type AnswerValues, bankPage, pushKey } from './bank-page.ts';
import { messagesOf } from './firm-routes.ts';
import { noErrors, numberField, problemErrors } from './forms.ts';
import { clientOf, idParam, partnerBar, requireRole } from './frame.ts';
import { type OrderFormState, operatorPage, REPORT_FIELDS } from './operator-page.ts';
import { FS_TEXT as T } from './text.ts';

// The partners' pages, signed in: a bank officer answers the needs pushed to its bank and sets
// how it hears of them; a service operator accepts, declines and completes its orders. Admins
// may use both.

export interface PartnerRouteDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

const BANK_ROLES: MemberRole[] = ['bank-officer', 'admin'];
const OPERATOR_ROLES: MemberRole[] = ['service-operator', 'admin'];

/**
 * What a bank officer can hear of: a need pushed to its bank. The notifications service gives
 * an officer no park (no lead, SLA or digest notification reaches it) and one default rule,
 * `finance-pushed` → inbox; its settings page offers that event and no other.
 */
const BANK_EVENTS: readonly NotificationKind[] = ['finance-pushed'];

export function partnerRoutes({ api, resumeSealer, now }: PartnerRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/bank', requireRole(...BANK_ROLES));
  app.use('/bank/*', requireRole(...BANK_ROLES));
  app.use('/operator', requireRole(...OPERATOR_ROLES));
  app.use('/operator/*', requireRole(...OPERATOR_ROLES));

  const member = (c: PortalContext): TeamMember => {
    const m = c.var.session.team;
    if (!m) throw new Error('partner page without an account');
    return m;
  };

  /** The organisation of `kind` the account is a member of, by name. */
  const orgName = async (
    c: PortalContext,
    fs: FirmServicesClient,
    kind: 'bank' | 'operator',
    m: TeamMember,
  ) => {
    const orgs = await fs.orgs(kind, callContext(c, m.token));
    const org = orgs.ok ? orgs.data.items.find((o) => o.members.includes(m.username)) : undefined;
    return org ? (c.var.lang === 'en' ? (org.name.en ?? org.name.zh) : org.name.zh) : undefined;
  };

  /** A posted partner form with the account allowed to send it; or the page to show instead. */
  const posted = async (c: PortalContext, roles: MemberRole[]) => {
    const p = await teamForm(c, { resumeSealer, now });
    if ('response' in p) return p;
    if (!roles.includes(p.member.role)) return { response: c.redirect(homeOf(p.member.role), 303) };
    const client = clientOf(c, api);
    if ('response' in client) return { response: await client.response };
    return { ...p, fs: client.fs };
  };

  // ── banks ───────────────────────────────────────────────────────────────────

  const showBank = async (
    c: PortalContext,
    fs: FirmServicesClient,
    m: TeamMember,
    extra: { states?: Map<string, AnswerState>; flash?: 'answered'; error?: string } = {},
  ) => {
    const [needs, bankName] = await Promise.all([
      fs.needs(undefined, callContext(c, m.token)),
      orgName(c, fs, 'bank', m),
    ]);
    if (!needs.ok && needs.status === 401) return signInAgain(c, '/bank');
    return bankPage(c, {
      member: m,
      bankName,
      needs: needs.ok ? needs.data.items : [],
      ...extra,
      ...(needs.ok ? {} : { error: messagesOf(needs.problem, c.var.lang).join(' ') }),
    });
  };

  app.get('/bank', async (c) => {
    const client = clientOf(c, api);
    if ('response' in client) return client.response;
    return showBank(c, client.fs, member(c), c.req.query('answered') ? { flash: 'answered' } : {});
  });

  app.post('/bank/needs/:needId/:productId/answer', async (c) => {
    const p = await posted(c, BANK_ROLES);
    if ('response' in p) return p.response;
    const needId = idParam(c, 'needId');
    const productId = idParam(c, 'productId');
    if (!needId || !productId) return notFoundPage(c);
    const lang = c.var.lang;
    const values: AnswerValues = {
      status: p.form.get('status'),
      amount: p.form.get('offer.amountCny'),
      rate: p.form.get('offer.ratePct'),
      term: p.form.get('offer.termMonths'),
      reason: p.form.get('reason'),
    };
    const again = (state: AnswerState) =>
      showBank(c, p.fs, p.member, { states: new Map([[pushKey(needId, productId), state]]) });
    const found = noErrors();
    let answer: Record<string, unknown> = { status: values.status };
    if (values.status === 'offered') {
      const amount = numberField(values.amount, lang, { scale: 10_000 });
      const rate = numberField(values.rate, lang, { required: false });
      const term = numberField(values.term, lang);
      if (amount.error) found.errors['offer.amountCny'] = amount.error;
      if (rate.error) found.errors['offer.ratePct'] = rate.error;
      if (term.error) found.errors['offer.termMonths'] = term.error;
      answer = {
        status: 'offered',
        offer: {
          amountCny: amount.value,
          termMonths: term.value,
          ...(rate.value !== undefined ? { ratePct: rate.value } : {}),
        },
      };
    } else if (values.status === 'declined') {
      answer = { status: 'declined', reason: values.reason.trim() };
    } else if (values.status === 'reviewing') {
      answer = { status: 'reviewing' };
    }
    if (Object.keys(found.errors).length > 0) return again({ values, found });
    const result = await p.fs.answer(
      needId,
      productId,
      answer as AnswerInput,
      callContext(c, p.member.token),
    );
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, '/bank');
      return again({ values, found: problemErrors(result.problem, ANSWER_FIELDS, lang) });
    }
    return c.redirect('/bank?answered=1', 303);
  });

  // The officer's own notification settings: the team's settings page, in the bank's frame.
  app.route(
    '/',
    personalSettingsRoutes(
      { api, resumeSealer, now },
      {
        base: '/bank/settings',
        events: BANK_EVENTS,
        roles: (role) => BANK_ROLES.includes(role),
        frame: async (c, m) => {
          // The bank's name when the firm-services service is there to say it; the page works without.
          const bankName = api.firmServices
            ? await orgName(c, api.firmServices, 'bank', m).catch(() => undefined)
            : undefined;
          return (title, body) =>
            page(c, { title, body: html`${partnerBar(c, m, bankName, 'settings')}${body}` });
        },
      },
    ),
  );

  // ── service operators ───────────────────────────────────────────────────────

  const showOperator = async (
    c: PortalContext,
    fs: FirmServicesClient,
    m: TeamMember,
    extra: { states?: Map<string, OrderFormState>; flash?: 'changed'; error?: string } = {},
  ) => {
    const [orders, operatorName] = await Promise.all([
      fs.orders(undefined, callContext(c, m.token)),
      orgName(c, fs, 'operator', m),
    ]);
    if (!orders.ok && orders.status === 401) return signInAgain(c, '/operator');
    return operatorPage(c, {
      member: m,
      operatorName,
      orders: orders.ok ? orders.data.items : [],
      ...extra,
      ...(orders.ok ? {} : { error: messagesOf(orders.problem, c.var.lang).join(' ') }),
    });
  };

  app.get('/operator', async (c) => {
    const client = clientOf(c, api);
    if ('response' in client) return client.response;
    return showOperator(c, client.fs, member(c), c.req.query('changed') ? { flash: 'changed' } : {});
  });

  app.get('/operator/orders/:orderId/report', async (c) => {
    const client = clientOf(c, api);
    if ('response' in client) return client.response;
    const orderId = idParam(c, 'orderId');
    if (!orderId) return notFoundPage(c);
    const result = await client.fs.report(orderId, callContext(c, member(c).token));
    if (!result.ok) return result.status === 401 ? signInAgain(c, '/operator') : notFoundPage(c);
    return proxyDownload(result.data);
  });

  const orderMove = (kind: 'accept' | 'decline') =>
    app.post(`/operator/orders/:orderId/${kind}`, async (c) => {
      const p = await posted(c, OPERATOR_ROLES);
      if ('response' in p) return p.response;
      const orderId = idParam(c, 'orderId');
      if (!orderId) return notFoundPage(c);
      const reason = p.form.get('reason').trim();
      const result = await p.fs.moveOrder(
        orderId,
        kind === 'accept' ? { status: 'accepted' } : { status: 'declined', reason },
        callContext(c, p.member.token),
      );
      if (!result.ok) {
        if (result.status === 401) return signInAgain(c, '/operator');
        const state: OrderFormState = {
          values: { url: '', name: '', reason },
          found: problemErrors(result.problem, REPORT_FIELDS, c.var.lang),
        };
        return showOperator(c, p.fs, p.member, { states: new Map([[orderId, state]]) });
      }
      return c.redirect('/operator?changed=1', 303);
    });
  orderMove('accept');
  orderMove('decline');

  app.post('/operator/orders/:orderId/complete', async (c) => {
    const p = await posted(c, OPERATOR_ROLES);
    if ('response' in p) return p.response;
    const orderId = idParam(c, 'orderId');
    if (!orderId) return notFoundPage(c);
    const lang = c.var.lang;
    const values = { url: p.form.get('url').trim(), name: p.form.get('name').trim(), reason: '' };
    const again = (state: OrderFormState) =>
      showOperator(c, p.fs, p.member, { states: new Map([[orderId, state]]) });
    // The form's file, if one was chosen (Form keeps only the text fields; hono keeps the parsed body).
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const file = [body.file].flat().find((f): f is File => f instanceof File && f.size > 0);
    let report: ReportInput;
    if (file) {
      const type = REPORT_TYPES.find((t) => t === file.type);
      if (file.size > REPORT_MAX_BYTES)
        return again({ values, found: { errors: { file: pick(T.reportTooLarge, lang) }, general: [] } });
      if (!type) return again({ values, found: { errors: { file: pick(T.reportType, lang) }, general: [] } });
      report = {
        kind: 'file',
        name: values.name || file.name || 'report',
        contentType: type,
        contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64'),
      };
    } else if (values.url) {
      report = { kind: 'link', url: values.url, ...(values.name ? { name: values.name } : {}) };
    } else {
      return again({ values, found: { errors: { url: pick(T.reportMissing, lang) }, general: [] } });
    }
    const result = await p.fs.completeOrder(orderId, report, callContext(c, p.member.token));
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, '/operator');
      return again({ values, found: problemErrors(result.problem, REPORT_FIELDS, lang) });
    }
    return c.redirect('/operator?changed=1', 303);
  });

  return app;
}
