import { INBOX_CHANNEL, type SubscriptionRule } from '@parkmatch/contracts';
import type { Role } from '@parkmatch/service-kit';

// What an account hears of before it sets anything: A/B leads, tier rises to A/B, its SLA
// reminders and overdue notices, all in the inbox; managers also the escalations. A park's
// shared robots hear nothing until a manager says what they are for.

export function defaultRules(role: Role | null): SubscriptionRule[] {
  const inbox = [INBOX_CHANNEL];
  const rules: SubscriptionRule[] = [
    { event: 'new-lead', minTier: 'B', channels: inbox },
    { event: 'tier-up', minTier: 'B', channels: inbox },
    { event: 'sla-due', channels: inbox },
    { event: 'sla-overdue', channels: inbox },
    { event: 'appeal-due', channels: inbox },
  ];
  if (role === 'manager' || role === 'admin') rules.push({ event: 'sla-escalated', channels: inbox });
  return rules;
}
