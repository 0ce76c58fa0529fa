import { PARKS } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import { callContext, type PortalEnv } from '../env.ts';
import { shanghaiDay } from '../i18n/format.ts';
import { pick } from '../i18n/lang.ts';
import { requireTeamPage } from '../session/guard.ts';
import { keyFirmsPage, KEY_FIRMS_TEXT as T } from './key-firms-page.ts';
import { isCityWide, memberOf, signInAgain } from './member.ts';
import { teamNav } from './nav.ts';

// The 重点培育 ledger page: the leads service's key-firm ledger for a month, read with the
// member's token (a park's team sees its own park's; city-wide staff every park's, or one).

export interface KeyFirmRouteDeps {
  api: Api;
  now: () => number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function keyFirmRoutes({ api, now }: KeyFirmRouteDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());

  app.get('/team/key-firms', async (c) => {
    const member = memberOf(c);
    const lang = c.var.lang;
    const cityWide = isCityWide(member);
    const asked = (c.req.query('month') ?? '').trim();
    const monthOk = asked === '' || MONTH.test(asked);
    const month = monthOk && asked ? asked : shanghaiDay(now()).slice(0, 7);
    const park = cityWide ? (PARKS.find((p) => p.id === c.req.query('park'))?.id ?? '') : '';
    const errors: { field?: string; message: string }[] = monthOk
      ? []
      : [{ field: 'month', message: pick(T.badMonth, lang) }];
    const [nav, result] = await Promise.all([
      teamNav(c, api, member, 'key-firms'),
      api.leads.keyFirms({ month, parkId: park || undefined }, callContext(c, member.token)),
    ]);
    if (!result.ok && result.status === 401) return signInAgain(c);
    if (!result.ok) errors.push({ message: result.problem.detail ?? result.problem.title });
    return keyFirmsPage(c, {
      month: result.ok ? result.data.month : month,
      park,
      cityWide,
      items: result.ok ? result.data.items : [],
      errors,
      nav,
    });
  });

  return app;
}
