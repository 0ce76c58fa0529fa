import {
  createServiceApp,
  type Logger,
  type Metrics,
  type ReadinessCheck,
  type TokenService,
} from '@parkmatch/service-kit';
import type { NeedRepository, ProductRepository } from './finance/repository.ts';
import { financeRoutes } from './finance/routes.ts';
import type { FirmRepository } from './firms/repository.ts';
import type { OrgRepository } from './orgs/repository.ts';
import { orgRoutes } from './orgs/routes.ts';
import type { OrderRepository, ServiceRepository } from './rnd/repository.ts';
import { rndRoutes } from './rnd/routes.ts';
import type { VoucherRepository } from './vouchers/repository.ts';
import { voucherRoutes } from './vouchers/routes.ts';

export interface FirmServicesAppDeps {
  orgs: OrgRepository;
  firms: FirmRepository;
  products: ProductRepository;
  needs: NeedRepository;
  services: ServiceRepository;
  orders: OrderRepository;
  vouchers: VoucherRepository;
  tokens: TokenService;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  onEventsWritten?: () => void;
  now?: () => Date;
}

/** The firm-services service's HTTP API: each feature's routes, mounted. */
export function createFirmServicesApp(deps: FirmServicesAppDeps) {
  const app = createServiceApp({
    service: 'firm-services',
    description:
      'Services for firms in a park’s pipeline: financing needs matched to banks’ credit products ' +
      '(渝企金服), the shared R&D service platform and its service vouchers (研发共享服务平台).',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    tokens: deps.tokens,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
  });
  const common = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    onEventsWritten: deps.onEventsWritten ?? (() => {}),
  };
  app.route('/', orgRoutes(common));
  app.route('/', financeRoutes(common));
  app.route('/', rndRoutes(common));
  app.route('/', voucherRoutes(common));
  return app;
}
