import type { Preferences, QuietHours, SubscriptionRule } from '@parkmatch/contracts';
import { type Principal, parkScope, type Role } from '@parkmatch/service-kit';
import { defaultRules } from './defaults.ts';

// A subscriber: an account (known from the tokens it used here) or a park (its shared group
// robots). Its rules say which notifications go to which of its channels.

export interface SubscriberDoc {
  /** `account:<username>` or `park:<parkId>`. */
  _id: string;
  kind: 'account' | 'park';
  username: string | null;
  role: Role | null;
  /** The account's park (null for city-wide staff), or the park itself. */
  parkId: string | null;
  /** Whose notifications it may get: a park id, or `all` for city-wide staff (fan-out index). */
  scope: string;
  /** Null until the subscriber sets its own: the defaults apply. */
  rules: SubscriptionRule[] | null;
  quietHours: QuietHours | null;
  seenAt: string;
  updatedAt: string | null;
}

/** Who keeps notification settings and channels of its own: a park's team, and bank officers. */
export const ACCOUNT_ROLES: readonly Role[] = ['analyst', 'manager', 'admin', 'bank-officer'];

export const accountId = (username: string) => `account:${username}`;
export const parkSubscriberId = (parkId: string) => `park:${parkId}`;

export function accountOf(principal: Principal, now: Date): SubscriberDoc {
  const all = parkScope(principal) === 'all';
  return {
    _id: accountId(principal.sub),
    kind: 'account',
    username: principal.sub,
    role: principal.role,
    parkId: principal.parkId ?? null,
    scope: all ? 'all' : (principal.parkId ?? 'none'),
    rules: null,
    quietHours: null,
    seenAt: now.toISOString(),
    updatedAt: null,
  };
}

export function parkSubscriber(parkId: string, now: Date): SubscriberDoc {
  return {
    _id: parkSubscriberId(parkId),
    kind: 'park',
    username: null,
    role: null,
    parkId,
    scope: parkId,
    rules: null,
    quietHours: null,
    seenAt: now.toISOString(),
    updatedAt: null,
  };
}

/** The rules in force: its own, or the defaults (none for a park). */
export function rulesOf(subscriber: SubscriberDoc): SubscriptionRule[] {
  if (subscriber.rules) return subscriber.rules;
  return subscriber.kind === 'park' ? [] : defaultRules(subscriber.role);
}

/** The principal an account subscriber stands for (access rules take principals). */
export function principalOf(subscriber: SubscriberDoc): Principal | null {
  if (subscriber.kind !== 'account' || !subscriber.username || !subscriber.role) return null;
  return {
    sub: subscriber.username,
    role: subscriber.role,
    ...(subscriber.parkId ? { parkId: subscriber.parkId } : {}),
  };
}

export function preferencesView(subscriber: SubscriberDoc): Preferences {
  return {
    subscriber: subscriber._id,
    parkId: subscriber.parkId,
    rules: rulesOf(subscriber),
    quietHours: subscriber.quietHours,
    defaults: subscriber.rules === null,
    updatedAt: subscriber.updatedAt,
  };
}
