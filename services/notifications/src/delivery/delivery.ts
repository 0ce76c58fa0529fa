import type { DeliveryAttempt, DeliveryStatus, DeliveryView } from '@parkmatch/contracts';
import type { PlannedDelivery } from './plan.ts';

// A delivery's record: the log of its attempts, and, when the last one failed, a dead letter
// an admin can replay.

export interface DeliveryDoc extends PlannedDelivery {
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  queuedAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  /** How often an admin replayed it; the job id of a replay ends in `:r<n>`. */
  replays: number;
  updatedAt: string;
}

/** A planned delivery not attempted yet, as the log shows it. */
export function queuedView(planned: PlannedDelivery, queuedAt: string): DeliveryDoc {
  return {
    ...planned,
    status: 'queued',
    attempts: [],
    queuedAt,
    deliveredAt: null,
    lastError: null,
    replays: 0,
    updatedAt: queuedAt,
  };
}

/** The BullMQ job id: the delivery's, and a new one for each replay. */
export const jobIdOf = (d: Pick<DeliveryDoc, '_id'> & { replays?: number }) =>
  d.replays ? `${d._id}:r${d.replays}` : d._id;

/** The plan of a delivery, from its record (a replay enqueues it again). */
export function plannedOf({
  _id,
  notificationId,
  parkId,
  channelId,
  channelType,
  recipient,
}: DeliveryDoc): PlannedDelivery {
  return { _id, notificationId, parkId, channelId, channelType, recipient, notBefore: null };
}

export function deliveryView({ _id, ...rest }: DeliveryDoc): DeliveryView {
  return { id: _id, ...rest };
}
