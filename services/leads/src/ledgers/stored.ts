import type { OutboxFields } from '@parkmatch/service-kit';

// Ledger documents carry their events' outbox; reads leave it out.

/** The projection that leaves the outbox fields out of a read. */
export const NO_OUTBOX = { _outbox: 0, _outboxPending: 0, _outboxLease: 0 } as const;

/** A document as written back by findOneAndUpdate, without its outbox fields. */
export function withoutOutbox<T extends object>(doc: (T & OutboxFields) | null): T | null {
  if (!doc) return null;
  const { _outbox, _outboxPending, _outboxLease, ...rest } = doc;
  return rest as T;
}
