import { Hono } from 'hono';
import { type Api, UpstreamError } from '../api/index.ts';
import { callContext, type PortalContext, type PortalEnv } from '../env.ts';
import { notFoundPage } from '../layout/errors.ts';
import { requireTeamPage, teamForm } from '../session/guard.ts';
import type { Sealer } from '../session/seal.ts';
import type { TeamMember } from '../session/session.ts';
import { LEAD_ID, memberOf, signInAgain } from '../team/member.ts';
import { teamNav } from '../team/nav.ts';
import type { FirmServicesClient, VoucherDecision } from './api.ts';
import { messagesOf } from './firm-routes.ts';
import { nameOf, noErrors, numberField, problemErrors } from './forms.ts';
import { clientOf, idParam } from './frame.ts';
import { applicationKey, DECISION_FIELDS, type DecisionState, parkPage } from './park-page.ts';

// The park team's firm-services page (analysts, managers, admins): voucher applications to
// decide, the park's financing needs and orders; managers also see the figures.

export interface ParkRouteDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

/**
 * The year's financing and voucher figures of the member's park (the city for city-wide staff)
 * from insights; undefined when insights is not set up or cannot answer (the page counts them).
 */
async function yearFigures(c: PortalContext, fs: FirmServicesClient, member: TeamMember) {
  try {
    const result = await fs.financingFigures(
      { parkId: member.parkId, period: 'year' },
      callContext(c, member.token),
    );
    return result?.ok ? result.data : undefined;
  } catch (error) {
    if (error instanceof UpstreamError) return undefined;
    throw error;
  }
}

export function parkRoutes({ api, resumeSealer, now }: ParkRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/firm-services', requireTeamPage());
  app.use('/team/firm-services/*', requireTeamPage());

  const show = async (
    c: PortalContext,
    fs: FirmServicesClient,
    member: TeamMember,
    extra: { states?: Map<string, DecisionState>; flash?: 'decided' } = {},
  ) => {
    const ctx = callContext(c, member.token);
    const manages = member.role !== 'analyst';
    const [nav, accounts, needs, orders, figures, banks] = await Promise.all([
      teamNav(c, api, member, 'firm-services'),
      fs.voucherAccounts(false, ctx),
      fs.needs(undefined, ctx),
      fs.orders(undefined, ctx),
      manages ? yearFigures(c, fs, member) : undefined,
      fs.orgs('bank', ctx),
    ]);
    // The banks by name: two banks may sell products of the same name (抵押增值贷).
    const bankNames = new Map(
      (banks.ok ? banks.data.items : []).map((b) => [b.id, nameOf(b.name, c.var.lang)]),
    );
    if ([accounts, needs, orders].some((r) => !r.ok && r.status === 401))
      return signInAgain(c, '/team/firm-services');
    const errors = [accounts, needs, orders].flatMap((r) => (r.ok ? [] : messagesOf(r.problem, c.var.lang)));
    return parkPage(c, {
      nav,
      manages,
      figures,
      accounts: accounts.ok ? accounts.data.items : [],
      needs: needs.ok ? needs.data.items : [],
      bankNames,
      orders: orders.ok ? orders.data.items : [],
      errors,
      ...extra,
    });
  };

  app.get('/team/firm-services', async (c) => {
    const client = clientOf(c, api);
    if ('response' in client) return client.response;
    return show(c, client.fs, memberOf(c), c.req.query('decided') ? { flash: 'decided' } : {});
  });

  app.post('/team/firm-services/vouchers/:leadId/:applicationId', async (c) => {
    const p = await teamForm(c, { resumeSealer, now });
    if ('response' in p) return p.response;
    const client = clientOf(c, api);
    if ('response' in client) return client.response;
    const leadId = c.req.param('leadId');
    const applicationId = idParam(c, 'applicationId');
    if (!LEAD_ID.test(leadId) || !applicationId) return notFoundPage(c);
    const lang = c.var.lang;
    const values = {
      decision: p.form.get('decision'),
      grantedCny: p.form.get('grantedCny'),
      expiresOn: p.form.get('expiresOn').trim(),
      reason: p.form.get('reason'),
    };
    const again = (state: DecisionState) =>
      show(c, client.fs, p.member, { states: new Map([[applicationKey(leadId, applicationId), state]]) });
    let decision: VoucherDecision;
    if (values.decision === 'approved') {
      const granted = numberField(values.grantedCny, lang);
      if (granted.error)
        return again({ values, found: { errors: { grantedCny: granted.error }, general: [] } });
      decision = {
        decision: 'approved',
        grantedCny: granted.value ?? 0,
        ...(values.expiresOn ? { expiresOn: values.expiresOn } : {}),
      };
    } else {
      decision = { decision: 'rejected', reason: values.reason.trim() };
    }
    const result = await client.fs.decide(leadId, applicationId, decision, callContext(c, p.member.token));
    if (!result.ok) {
      if (result.status === 401) return signInAgain(c, '/team/firm-services');
      const found = problemErrors(result.problem, DECISION_FIELDS, lang);
      return again({
        values,
        found: found.general.length || Object.keys(found.errors).length ? found : noErrors(),
      });
    }
    return c.redirect('/team/firm-services?decided=1', 303);
  });

  return app;
}
