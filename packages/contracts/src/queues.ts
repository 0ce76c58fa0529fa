/** Every BullMQ queue of the system, one constant (names may not contain ':'). */
export const QUEUES = {
  /** notifications: write a park team's inbox entry. */
  inbox: 'notifications-inbox',
  /** matching: re-rank a park's leads after a catalog version is published. */
  rerank: 'matching-rerank',
} as const;
