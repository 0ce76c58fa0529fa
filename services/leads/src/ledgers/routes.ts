import { createRouter } from '@parkmatch/service-kit';
import { appealRoutes } from './appeals/routes.ts';
import type { LedgerDeps } from './deps.ts';
import { figuresRoutes } from './figures/routes.ts';
import { leadLedgerRoutes } from './lead-ledger/routes.ts';
import { visitRoutes } from './visits/routes.ts';

/** The two ledgers' HTTP API: 一企一策 (liaison, expectations, visits, appeals) and 重点培育 (figures). */
export function ledgerRoutes(deps: LedgerDeps) {
  const app = createRouter();
  app.route('/', leadLedgerRoutes(deps));
  app.route('/', visitRoutes(deps));
  app.route('/', appealRoutes(deps));
  app.route('/', figuresRoutes(deps));
  return app;
}
