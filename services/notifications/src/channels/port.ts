import type { ChannelType } from '@parkmatch/contracts';

// The channel port: one message, one target, one attempt. Every adapter (inbox, email, the
// group robots, the signed webhook) answers the same way, and one contract suite
// (contract.case.ts) runs against each.

/** A notification made ready to send: Chinese first, English after. */
export interface OutgoingMessage {
  /** The notification's id: the idempotency key receivers can dedupe on (`webhook-id`). */
  id: string;
  kind: string;
  subject: { zh: string; en: string };
  lines: { zh: string[]; en: string[] };
  /** Where the team reads more (a path on the portal or an API), when there is one. */
  link?: string;
  occurredAt: string;
  /** What the in-app inbox keeps beside the text. */
  facts?: MessageFacts;
}

/** The lead a message is about, for the in-app inbox. */
export interface MessageFacts {
  parkId: string;
  leadId: string;
  tier: 'A' | 'B' | 'C' | 'D' | null;
  score: number | null;
  firmName: string;
  projectTitle: string;
  reasons: { zh: string[]; en: string[] };
  audience?: { usernames?: string[]; roles?: string[] } | undefined;
}

/** Where a channel delivers: what its set-up says, its secret decrypted. */
export interface ChannelTarget {
  type: ChannelType;
  /** Email address, or webhook URL. */
  address: string;
  secret?: string | undefined;
  /** Set up by an admin: the URL may point at a private or loopback address. */
  allowPrivate?: boolean | undefined;
}

export interface Channel {
  readonly type: ChannelType;
  /** Sends once; resolves when the receiver accepted it, rejects with a DeliveryError otherwise. */
  send(message: OutgoingMessage, target: ChannelTarget): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Why a send failed. `permanent`: trying again cannot help (the receiver refused the content or
 * the credentials); the job goes straight to the dead letters. Everything else is retried.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly permanent: boolean;
  constructor(message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.permanent = options.permanent ?? false;
  }
}
