import { z } from 'zod';
import { Bilingual, Reasons, Tier } from '../scores.ts';
import { NotificationKind } from './notifications.ts';

/** Every kind of notification about one lead can land in the inbox; the daily digest goes out on push channels. */
export const InboxKind = NotificationKind.exclude(['daily-digest']);
export const INBOX_KINDS = InboxKind.options;
export type InboxKind = z.infer<typeof InboxKind>;

/** One entry of a park team's inbox. */
export const InboxItem = z
  .object({
    id: z.string(),
    parkId: z.string(),
    leadId: z.string(),
    kind: InboxKind,
    /** The lead's latest tier and score at the park, kept up to date as it is re-scored. */
    tier: Tier,
    score: z.number(),
    firmName: z.string(),
    projectTitle: z.string(),
    title: Bilingual,
    /** What happened, line by line, Chinese and English. */
    lines: Reasons,
    reasons: Reasons,
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxPage = z
  .object({ items: z.array(InboxItem), nextBefore: z.string().nullable() })
  .meta({ id: 'InboxPage' });
export type InboxPage = z.infer<typeof InboxPage>;
