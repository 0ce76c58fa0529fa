import { createHmac } from 'node:crypto';
import { createHttpClient, type HttpClient } from '../http.ts';
import type { Channel, OutgoingMessage } from '../port.ts';
import { plainText } from '../render.ts';

// A generic signed webhook for any other system, after Standard Webhooks
// (standardwebhooks.com): headers `webhook-id` (the notification's id: the same on every
// retry, so receivers can dedupe), `webhook-timestamp` (seconds) and `webhook-signature`
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. A `whsec_` secret is base64 of the key.

export function webhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret);
}

export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', webhookKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function payload(message: OutgoingMessage) {
  return {
    type: `parkmatch.notification.${message.kind}`,
    timestamp: message.occurredAt,
    data: {
      id: message.id,
      kind: message.kind,
      subject: message.subject,
      lines: message.lines,
      text: plainText(message),
      ...(message.link ? { link: message.link } : {}),
      ...(message.facts ? { leadId: message.facts.leadId, parkId: message.facts.parkId } : {}),
    },
  };
}

export function webhookChannel({
  timeoutMs = 10_000,
  now = () => Date.now(),
  http = createHttpClient({ timeoutMs }),
}: {
  timeoutMs?: number;
  now?: () => number;
  http?: HttpClient;
} = {}): Channel {
  return {
    type: 'webhook',
    async send(message, target) {
      const body = JSON.stringify(payload(message));
      const timestamp = Math.floor(now() / 1000);
      const headers: Record<string, string> = {
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        ...(target.secret
          ? { 'webhook-signature': webhookSignature(target.secret, message.id, timestamp, body) }
          : {}),
      };
      await http.postJson(target.address, body, {
        headers,
        allowPrivate: target.allowPrivate ?? false,
      });
    },
    close: () => http.close(),
  };
}
