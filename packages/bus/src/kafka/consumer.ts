import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { backoffMs, errorText, handlingOf, type RetryPolicy, retryPolicy, sleep } from '../delivery.ts';
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
 * One group member: messages of a partition one at a time (or in batches), partitions concurrently;
 * the offset after a message is committed only once its handler succeeded or it went to the
 * dead-letter topic.
 */
export async function startKafkaConsumer(options: KafkaConsumerOptions): Promise<Subscription> {
  const { kafka, subscription, concurrency, sessionTimeoutMs, heartbeatMs, joinTimeoutMs } = options;
  const { topic, group, fromBeginning = true } = subscription;
  const handling = handlingOf(subscription);
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
  const context: Omit<DeliveryContext, 'heartbeat'> = {
    signal: closing.signal,
    heartbeatMs,
    deadLetter: options.deadLetter,
  };
  const commit = (topic: string, partition: number, offset: string) =>
    consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);

  /**
   * kafkajs' eachBatch, cut into batches of maxSize: a batch that succeeds is resolved and
   * committed at once; one that fails goes through the handler again a message at a time, each
   * committed after it succeeded or was dead-lettered (as eachMessage below).
   */
  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const { topic, partition, messages } = batch;
    const maxSize = handling.batch?.maxSize ?? 1;
    for (let index = 0; index < messages.length; index += maxSize) {
      // Closing or rebalanced: stop; what is not committed goes to the partition's next owner.
      if (closing.signal.aborted || !isRunning() || isStale()) return;
      const chunk = messages.slice(index, index + maxSize);
      const received = chunk.map((message) => toReceived(topic, partition, message));
      if (chunk.length > 1 && (await tryBatch(received))) {
        const last = chunk.at(-1) as KafkaMessage;
        resolveOffset(last.offset);
        await commit(topic, partition, last.offset);
      } else {
        for (const [i, message] of chunk.entries()) {
          if (closing.signal.aborted) return;
          const finished = await deliver(received[i] as Received, handling.one, policy, {
            ...context,
            heartbeat,
          });
          if (!finished) return;
          resolveOffset(message.offset);
          await commit(topic, partition, message.offset);
        }
      }
      await heartbeat();
    }
  }

  /** One try of the batch handler, attempt 1 for each message (Kafka keeps no delivery count). */
  async function tryBatch(received: readonly Received[]): Promise<boolean> {
    try {
      await handling.batch?.handler(received.map((message) => ({ ...message, attempt: 1 })));
      return true;
    } catch {
      return false;
    }
  }

  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: concurrency,
    ...(handling.batch
      ? { eachBatchAutoResolve: false, eachBatch }
      : {
          eachMessage: async ({ topic, partition, message, heartbeat }) => {
            // Once closing, start nothing: committing a later offset would skip a message left unhandled.
            if (closing.signal.aborted) return;
            const received = toReceived(topic, partition, message);
            const finished = await deliver(received, handling.one, policy, { ...context, heartbeat });
            if (!finished) return; // closed during a backoff: not committed, the partition's next owner retries it
            await commit(topic, partition, message.offset);
          },
        }),
  });
  await withTimeout(joined, joinTimeoutMs); // joined (or still joining in the background)

  return {
    close: async () => {
      closing.abort();
      await consumer.disconnect(); // waits for in-flight handlers
    },
  };
}

type Received = Omit<ReceivedMessage, 'attempt'>;

function toReceived(topic: string, partition: number, message: KafkaMessage): Received {
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
  message: Received,
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
