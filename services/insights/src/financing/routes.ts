import { createRouter, requireAuth } from '@parkmatch/service-kit';
import { type MetricsDeps, mount } from '../metrics/routes.ts';
import { ViewCache } from '../metrics/view-cache.ts';
import { financing } from './metric.ts';
import { financingTables } from './tables.ts';
import { FinancingView } from './view.ts';

// `GET /v1/metrics/financing`: mounted like every other metric (scope, period, cache, CSV/xlsx).

export function financingRoutes(deps: MetricsDeps) {
  const app = createRouter();
  app.use('/v1/metrics/financing', requireAuth(deps.tokens, 'analyst', 'manager', 'admin'));
  mount(app, deps, new ViewCache(64), {
    path: '/v1/metrics/financing',
    operationId: 'getFinancing',
    summary:
      'Financing (渝企金服) and the R&D service platform: needs demanded, pushed, offered, declined; vouchers; orders',
    description:
      'From the events of firm-services. `financing`: financing needs registered during the period (count and ' +
      'amount asked), pushes to banks’ products made (a need sent to two banks counts 2; `needsPushed` each need ' +
      'once), answers given during the period — under review, offers (financing granted, with the amounts offered; ' +
      '`needsWithOffer`: needs whose first offer came in the period) and declines — the offer rate among the ' +
      'answers, calendar days from push to answer, and pushes still awaiting an answer at the end. ' +
      '`declineReasons`: the banks’ reasons, most frequent first. `vouchers` (服务券): applications, approvals and ' +
      'amounts granted, rejections, spends, refunds and expiries during the period, and the balance left at the end ' +
      '(every ledger movement up to then) with the firms holding one. `orders` (研发共享服务平台): orders placed ' +
      '(value, part paid by voucher, part by the firm), accepted, completed, declined and cancelled during the ' +
      'period, and those open at the end. A figure counts for the park the event named (the park owning the ' +
      'firm’s lead then), else the park owning the lead at that moment; the city counts them all. `byMonth`, ' +
      '`byPark`, `byProductType`, `bySubPlatform`: the same split. Tables: `summary`, `byMonth`, `byPark`, ' +
      '`byProductType`, `declineReasons`, `bySubPlatform`.',
    view: FinancingView,
    compute: financing,
    tables: financingTables,
  });
  return app;
}
