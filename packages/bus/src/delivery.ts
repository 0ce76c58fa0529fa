// Retry policy shared by the adapters: defaults, backoff, and the dead-letter record.
import { deadLetterTopic } from '@parkmatch/contracts';
import type { BatchHandler, BusMessage, DeadLetter, MessageHandler, SubscribeOptions } from './port.ts';

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_BACKOFF_MS = 200;
export const DEFAULT_BATCH_SIZE = 100;
const MAX_BACKOFF_MS = 30_000;

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly retryBackoffMs: number;
}

export function retryPolicy(options: SubscribeOptions): RetryPolicy {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    retryBackoffMs: Math.max(0, options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS),
  };
}

/** How a subscription takes its messages, as the adapters run it. */
export interface Handling {
  /** One message: the message handler, or the batch handler with a batch of one. */
  readonly one: MessageHandler;
  /** Batch subscriptions only. */
  readonly batch?: { readonly handler: BatchHandler; readonly maxSize: number };
}

export function handlingOf(options: SubscribeOptions): Handling {
  const { handler, batch } = options;
  // The types allow exactly one of them; plain JavaScript callers get told at subscribe time.
  if (handler && !batch) return { one: handler };
  if (!batch || handler)
    throw new TypeError('subscribe: give either a handler or batch, not both or neither');
  const maxSize = batch.maxSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(maxSize) || maxSize < 1)
    throw new RangeError('batch.maxSize must be a positive integer');
  return { one: (message) => batch.handler([message]), batch: { handler: batch.handler, maxSize } };
}

/** Delay after failed attempt `attempt` (1-based): the base doubled each time, capped at 30 s. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.retryBackoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}

/** The message published to `<topic>.dlq`: same key, the original value and the error as JSON. */
export function deadLetterMessage(
  source: { topic: string; group: string; key: string; value: string },
  error: string,
  attempts: number,
): { topic: string; message: BusMessage } {
  const letter: DeadLetter = { ...source, error, attempts, failedAt: new Date().toISOString() };
  return {
    topic: deadLetterTopic(source.topic),
    message: { key: source.key, value: JSON.stringify(letter) },
  };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. Leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
