import type { InboxItem, InboxKind, Tier } from '@parkmatch/contracts';
import type { OutgoingMessage } from '../channels/port.ts';

// What lands in a park team's inbox. One entry per notification about a lead; the lead's
// latest tier and score are kept on every entry of it (refreshed on each new score). Pure.

export interface InboxEntry {
  /** The notification's id: a notification delivered twice is one entry. */
  _id: string;
  parkId: string;
  leadId: string;
  kind: InboxKind;
  /** The tier the notification announced: what a reader's `minTier` compares. */
  announcedTier: Tier | null;
  /** The lead's latest tier and score at the park, and when they were scored. */
  tier: Tier;
  score: number;
  latestAt: string;
  firmName: string;
  projectTitle: string;
  title: { zh: string; en: string };
  lines: { zh: string[]; en: string[] };
  reasons: { zh: string[]; en: string[] };
  /** Who reads it: `*` the park's whole team, `user:<name>` one account, `role:<role>` one role. */
  audience: string[];
  createdAt: string;
  readAt: string | null;
}

/**
 * The entry for a message about a lead, with the lead's latest rating at the park; null for
 * a message about no lead (it does not go to an inbox).
 */
export function inboxEntryOf(
  message: OutgoingMessage,
  latest: { tier: Tier; score: number; at: string },
  now: Date,
): InboxEntry | null {
  const facts = message.facts;
  if (!facts || message.kind === 'daily-digest') return null;
  return {
    _id: message.id,
    parkId: facts.parkId,
    leadId: facts.leadId,
    kind: message.kind as InboxKind,
    announcedTier: facts.tier,
    tier: latest.tier,
    score: latest.score,
    latestAt: latest.at,
    firmName: facts.firmName,
    projectTitle: facts.projectTitle,
    title: message.subject,
    lines: message.lines,
    reasons: facts.reasons,
    audience: audienceKeys(facts.audience),
    createdAt: now.toISOString(),
    readAt: null,
  };
}

export function audienceKeys(audience: { usernames?: string[]; roles?: string[] } | undefined): string[] {
  if (!audience) return ['*'];
  return [
    ...(audience.usernames ?? []).map((u) => `user:${u}`),
    ...(audience.roles ?? []).map((r) => `role:${r}`),
  ];
}

/** The entry as the API shows it. */
export function inboxItem({
  _id,
  announcedTier: _t,
  audience: _a,
  latestAt: _l,
  ...rest
}: InboxEntry): InboxItem {
  return { id: _id, ...rest };
}
