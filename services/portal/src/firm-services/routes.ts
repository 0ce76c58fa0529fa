import { Hono } from 'hono';
import type { Api } from '../api/index.ts';
import type { PortalEnv } from '../env.ts';
import type { Sealer } from '../session/seal.ts';
import { firmServiceRoutes } from './firm-routes.ts';
import { parkRoutes } from './park-routes.ts';
import { partnerRoutes } from './partner-routes.ts';

// Issue 14's pages: the firm's (through its private link), the park team's, the banks' and the
// service operators'. Mounted by app.ts.

export interface FirmServicesDeps {
  api: Api;
  resumeSealer: Sealer;
  now: () => number;
}

export function firmServicesRoutes(deps: FirmServicesDeps) {
  const app = new Hono<PortalEnv>();
  app.route('/', firmServiceRoutes({ api: deps.api }));
  app.route('/', parkRoutes(deps));
  app.route('/', partnerRoutes(deps));
  return app;
}
