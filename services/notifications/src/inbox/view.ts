import { INBOX_CHANNEL, type SubscriptionRule, TIER_RANK, TIERED_KINDS, TIERS } from '@parkmatch/contracts';
import { type Principal, parkScope } from '@parkmatch/service-kit';
import type { Filter } from '@parkmatch/store';

// What one reader sees of its park's inbox: the entries its in-app rules ask for (new leads
// at tier ≥ B by default), and of the entries addressed to someone, only its own. Pure.

export function inboxViewFilter(principal: Principal, rules: readonly SubscriptionRule[]): Filter {
  const wanted = rules.filter((rule) => rule.channels.includes(INBOX_CHANNEL));
  if (wanted.length === 0) return { _id: { $in: [] } };
  const kinds: Filter[] = wanted.map((rule) =>
    rule.minTier && TIERED_KINDS.includes(rule.event)
      ? {
          kind: rule.event,
          announcedTier: { $in: TIERS.filter((t) => TIER_RANK[t] >= TIER_RANK[rule.minTier!]) },
        }
      : { kind: rule.event },
  );
  const clauses: Filter[] = [{ $or: kinds }];
  // City-wide staff see what is addressed to anyone; a park's team only what is addressed to it.
  if (parkScope(principal) !== 'all')
    clauses.push({ audience: { $in: ['*', `user:${principal.sub}`, `role:${principal.role}`] } });
  return { $and: clauses };
}
