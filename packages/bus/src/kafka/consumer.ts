import type { Kafka, KafkaMessage } from 'kafkajs';
import { backoffMs, errorText, type RetryPolicy, retryPolicy, sleep } from '../delivery.ts';
import type { MessageHandler, ReceivedMessage, SubscribeOptions, Subscription } from '../port.ts';

export interface KafkaConsumerOptions {
  readonly kafka: Kafka;
  readonly subscription: SubscribeOptions;
  /** Partitions handled at once (each partition stays sequential). */
  readonly concurrency: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatMs: number;
  readonly joinTimeoutMs: number;
  readonly deadLetter: (message: ReceivedMessage, error: string, attempts: number) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/**
 * One group member: messages of a partition one at a time, partitions concurrently; the offset
 * after a message is committed only once its handler succeeded or it went to the dead-letter topic.
 */
export async function startKafkaConsumer(options: KafkaConsumerOptions): Promise<Subscription> {
  const { kafka, subscription, concurrency, sessionTimeoutMs, heartbeatMs, joinTimeoutMs } = options;
  const { topic, group, handler, fromBeginning = true } = subscription;
  const policy = retryPolicy(subscription);
  const closing = new AbortController();
  const consumer = kafka.consumer({
    groupId: group,
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: heartbeatMs,
    allowAutoTopicCreation: false,
  });
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  consumer.on(consumer.events.CRASH, (event) => options.onError(event.payload.error));

  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: concurrency,
    eachMessage: async ({ topic, partition, message, heartbeat }) => {
      // Once closing, start nothing: committing a later offset would skip a message left unhandled.
      if (closing.signal.aborted) return;
      const received = toReceived(topic, partition, message);
      const finished = await deliver(received, handler, policy, {
        signal: closing.signal,
        heartbeat,
        heartbeatMs,
        deadLetter: options.deadLetter,
      });
      if (!finished) return; // closed during a backoff: not committed, the partition's next owner retries it
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    },
  });
  await withTimeout(joined, joinTimeoutMs); // joined (or still joining in the background)

  return {
    close: async () => {
      closing.abort();
      await consumer.disconnect(); // waits for in-flight handlers
    },
  };
}

function toReceived(
  topic: string,
  partition: number,
  message: KafkaMessage,
): Omit<ReceivedMessage, 'attempt'> {
  return {
    topic,
    partition,
    position: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
  };
}

interface DeliveryContext {
  readonly signal: AbortSignal;
  readonly heartbeat: () => Promise<void>;
  readonly heartbeatMs: number;
  readonly deadLetter: KafkaConsumerOptions['deadLetter'];
}

/**
 * Handler with retries and backoff, then the dead-letter topic. The attempt count lives in memory
 * only: after a crash or rebalance the message starts again at attempt 1 (Kafka keeps no per-message
 * delivery count), so a message that kills its consumer is retried until a process survives it.
 * Returns false when closing interrupted the backoff.
 */
async function deliver(
  message: Omit<ReceivedMessage, 'attempt'>,
  handler: MessageHandler,
  policy: RetryPolicy,
  context: DeliveryContext,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler({ ...message, attempt });
      return true;
    } catch (error) {
      if (attempt >= policy.maxAttempts) {
        await context.deadLetter({ ...message, attempt }, errorText(error), attempt);
        return true;
      }
    }
    // Sleep in heartbeat-sized slices so a long backoff does not cost the group membership.
    for (let left = backoffMs(policy, attempt); left > 0; left -= context.heartbeatMs) {
      if (!(await sleep(Math.min(left, context.heartbeatMs), context.signal))) return false;
      await context.heartbeat();
    }
    if (context.signal.aborted) return false;
  }
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
