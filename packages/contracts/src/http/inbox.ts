import { z } from 'zod';
import { Bilingual, Reasons, Tier } from '../scores.ts';

export const INBOX_KINDS = ['new-lead', 'tier-up'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** One entry of a park team's inbox. */
export const InboxItem = z
  .object({
    id: z.string(),
    parkId: z.string(),
    leadId: z.string(),
    kind: z.enum(INBOX_KINDS),
    tier: Tier,
    score: z.number(),
    firmName: z.string(),
    projectTitle: z.string(),
    title: Bilingual,
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
