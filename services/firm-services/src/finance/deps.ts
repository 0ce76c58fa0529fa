import type { TokenService } from '@parkmatch/service-kit';
import type { FirmRepository } from '../firms/repository.ts';
import type { OrgRepository } from '../orgs/repository.ts';
import type { NeedRepository, ProductRepository } from './repository.ts';

export interface FinanceDeps {
  products: ProductRepository;
  needs: NeedRepository;
  orgs: OrgRepository;
  firms: FirmRepository;
  tokens: TokenService;
  now: () => Date;
  onEventsWritten: () => void;
}
