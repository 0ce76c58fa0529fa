import type { TokenService } from '@parkmatch/service-kit';
import type { UserRepository } from '../accounts/repository.ts';
import type { LeadRepository } from '../lead/repository.ts';
import type { LedgerRepositories } from './repositories.ts';

/** What the ledgers' use cases and routes need. */
export interface LedgerDeps {
  leads: LeadRepository;
  users: UserRepository;
  ledgers: LedgerRepositories;
  tokens: TokenService;
  /** Called after a write that left events in an outbox. */
  onEventsWritten: () => void;
  /** The app's clock: "today" and "this month" are its Asia/Shanghai date. */
  now: () => Date;
}
