import { NOTIFICATION_KINDS } from '@parkmatch/contracts';
import { Hono } from 'hono';
import type { PortalEnv } from '../env.ts';
import { page } from '../layout/page.ts';
import { type PersonalSettingsDeps, personalSettingsRoutes } from '../notify/settings-routes.ts';
import { requireTeamPage } from '../session/guard.ts';
import { isPartnerRole } from '../session/session.ts';
import { teamNav } from './nav.ts';

// A member's notification settings (the notifications service's preferences): the member's
// own channels, and for each event the channels it reaches the member on — the inbox and
// those channels — the lowest tier worth hearing of for the tiered events, and the quiet
// hours. A park's team may hear of every kind of notification, so every kind is offered.

export type SettingsDeps = PersonalSettingsDeps;

export function settingsRoutes(deps: SettingsDeps) {
  const app = new Hono<PortalEnv>();
  app.use('/team/*', requireTeamPage());
  app.route(
    '/',
    personalSettingsRoutes(deps, {
      base: '/team/settings',
      events: NOTIFICATION_KINDS,
      // A bank's officer (or a service operator) has no team pages: its forms are not theirs either.
      roles: (role) => !isPartnerRole(role),
      frame: async (c, member) => {
        const nav = await teamNav(c, deps.api, member, 'settings');
        return (title, body) => page(c, { title, team: nav, body });
      },
    }),
  );
  return app;
}
