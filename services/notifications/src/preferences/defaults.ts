import { INBOX_CHANNEL, type SubscriptionRule } from '@parkmatch/contracts';
import type { Role } from '@parkmatch/service-kit';

// What an account hears of before it sets anything: A/B leads, tier rises to A/B, its SLA
// reminders and overdue notices, banks' answers to its firms' financing needs, all in the inbox;
// managers also the escalations. A park's shared robots hear nothing until a manager says what
// they are for. A lead a city manager transferred to the park (work handed to its team), but
// not a colleague's claim (`lead-claimed`: the team did it itself).

export function defaultRules(role: Role | null): SubscriptionRule[] {
  const inbox = [INBOX_CHANNEL];
  // A bank officer hears of the needs pushed to its bank (they always land in the bank's inbox).
  if (role === 'bank-officer') return [{ event: 'finance-pushed', channels: inbox }];
  const rules: SubscriptionRule[] = [
    { event: 'new-lead', minTier: 'B', channels: inbox },
    { event: 'tier-up', minTier: 'B', channels: inbox },
    { event: 'lead-transferred', channels: inbox },
    { event: 'sla-due', channels: inbox },
    { event: 'sla-overdue', channels: inbox },
    { event: 'appeal-due', channels: inbox },
    // A bank's answer to a firm's financing need: the firm's liaison, or the team when it has none.
    { event: 'finance-answered', channels: inbox },
  ];
  if (role === 'manager' || role === 'admin') rules.push({ event: 'sla-escalated', channels: inbox });
  return rules;
}
