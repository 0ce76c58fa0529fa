import type { Logger, Metrics, ReadinessCheck, TokenService } from '@parkmatch/service-kit';
import type { DocumentStore } from '@parkmatch/store';
import { createNotificationsApp } from '../src/app.ts';
import { createAdapters } from '../src/channels/adapters.ts';
import { createSecretBox } from '../src/channels/secret-box.ts';
import { BankInboxRepository, withBankInbox } from '../src/finance/inbox.ts';
import { openRepositories } from '../src/repositories.ts';

/**
 * The notifications app as main.ts builds it, on real repositories over `store`, with the
 * Redis-backed parts (the delivery queue, the robots' rate limit) left out: a request that
 * needs them fails.
 */
export async function appWithoutRedis(
  store: DocumentStore,
  common: { tokens: TokenService; logger: Logger; metrics: Metrics; readiness: ReadinessCheck[] },
) {
  const repos = await openRepositories(store);
  const bankInbox = await BankInboxRepository.open(store);
  const noRedis = () => Promise.reject(new Error('Redis (jobs, rate limits) is not available here'));
  return createNotificationsApp({
    ...common,
    ...repos,
    box: createSecretBox('open-app-secret-open-app-secret-0000'),
    adapters: withBankInbox(createAdapters({ inbox: repos.inbox, facts: repos.facts }), bankInbox),
    bankInbox,
    limiter: { take: noRedis },
    enqueue: noRedis,
  });
}
