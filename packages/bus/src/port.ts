// The EventBus port: small and shaped like Kafka (topics, keys, consumer groups) so
// the Kafka adapter is thin and the Redis Streams adapter is the translation.

export interface BusMessage {
  /** Partition key: messages with one key are delivered in the order published. */
  readonly key: string;
  /** Serialized payload (the event envelope as JSON). */
  readonly value: string;
}

export interface ReceivedMessage extends BusMessage {
  readonly topic: string;
  readonly partition: number;
  /** Adapter-specific position (stream entry id, or Kafka offset). */
  readonly position: string;
  /** 1 on first delivery; grows with each retry, across process restarts. */
  readonly attempt: number;
}

export type MessageHandler = (message: ReceivedMessage) => Promise<void>;

/** Messages of one partition, in partition order (Kafka's eachBatch). */
export type BatchHandler = (messages: readonly ReceivedMessage[]) => Promise<void>;

export interface BatchOptions {
  /**
   * Handles the messages one read of a partition returned, all acknowledged together once it
   * succeeds. When it throws, the same messages go through it again one at a time (a batch of
   * one each), each with its own retries and dead-lettering, exactly as a message handler.
   */
  readonly handler: BatchHandler;
  /** Most messages in one batch (default 100). */
  readonly maxSize?: number;
}

interface SubscriptionSettings {
  readonly topic: string;
  /** Consumer group: each message is handled once per group (at least once). */
  readonly group: string;
  /** A group that does not exist yet starts at the oldest message (default) or only new ones. */
  readonly fromBeginning?: boolean;
  /** Tries before a message goes to the dead-letter topic `<topic>.dlq` (default 5). */
  readonly maxAttempts?: number;
  /** Base delay between tries, doubled each time (default 200 ms). */
  readonly retryBackoffMs?: number;
}

/** One message at a time (`handler`, Kafka's eachMessage) or batches of one partition (`batch`). */
export type SubscribeOptions = SubscriptionSettings &
  (
    | { readonly handler: MessageHandler; readonly batch?: never }
    | { readonly batch: BatchOptions; readonly handler?: never }
  );

export interface DeadLetter {
  readonly topic: string;
  readonly group: string;
  readonly key: string;
  readonly value: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: string;
}

export interface Subscription {
  /** Stops taking new messages, lets in-flight handlers finish, leaves the group. */
  close(): Promise<void>;
}

export interface EventBus {
  readonly kind: 'redis' | 'kafka';
  publish(topic: string, messages: readonly BusMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Messages of `topic` that `group` has not finished with: not yet delivered plus delivered
   * but not acknowledged (Kafka: log end minus committed offset). A group that never
   * subscribed counts every message the topic holds.
   */
  lag(topic: string, group: string): Promise<number>;
  /** Throws when the broker cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  /** Closes subscriptions, then connections. */
  close(): Promise<void>;
}
