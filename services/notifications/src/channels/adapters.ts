import type { ChannelType } from '@parkmatch/contracts';
import type { InboxRepository } from '../inbox/repository.ts';
import type { LeadFactsRepository } from '../lead-facts/repository.ts';
import { emailChannel } from './email.ts';
import { inboxChannel } from './inbox.ts';
import type { Channel } from './port.ts';
import { dingtalkChannel } from './robots/dingtalk.ts';
import { feishuChannel } from './robots/feishu.ts';
import { webhookChannel } from './robots/webhook.ts';
import { wecomChannel } from './robots/wecom.ts';

// One adapter per channel type, built once per process. Email exists only when SMTP is
// configured.

export type Adapters = Partial<Record<ChannelType, Channel>>;

export interface AdapterOptions {
  inbox: InboxRepository;
  facts: Pick<LeadFactsRepository, 'get'>;
  smtp?: { url: string; from: string } | undefined;
  timeoutMs?: number;
}

export function createAdapters({ inbox, facts, smtp, timeoutMs = 10_000 }: AdapterOptions): Adapters {
  return {
    inbox: inboxChannel(inbox, facts),
    ...(smtp ? { email: emailChannel({ smtpUrl: smtp.url, from: smtp.from, timeoutMs }) } : {}),
    wecom: wecomChannel({ timeoutMs }),
    dingtalk: dingtalkChannel({ timeoutMs }),
    feishu: feishuChannel({ timeoutMs }),
    webhook: webhookChannel({ timeoutMs }),
  };
}

export async function closeAdapters(adapters: Adapters): Promise<void> {
  for (const adapter of Object.values(adapters)) await adapter?.close?.();
}

/** Robots with a per-robot rate limit (20 messages a minute). */
export const RATE_LIMITED: readonly ChannelType[] = ['wecom', 'dingtalk'];
