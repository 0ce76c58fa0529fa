import type { Delivery } from './delivery.ts';
import { type LeadScored, shouldNotify } from './domain/inbox.ts';

/** Turns a scored lead into a delivery job when the park's team should hear of it. */
export function onLeadScored(delivery: Pick<Delivery, 'enqueue'>) {
  return async (event: LeadScored): Promise<void> => {
    const kind = shouldNotify(event.payload);
    if (kind) await delivery.enqueue(event, kind);
  };
}
