import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { deadLetterMessage } from '../delivery.ts';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from '../port.ts';
import { startKafkaConsumer } from './consumer.ts';
import { topicEnsurer } from './topics.ts';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of topics this bus creates (default 8); also how many partitions a consumer handles at once. */
  readonly partitions?: number;
  /** Replication factor of topics this bus creates (default: the broker's). */
  readonly replicationFactor?: number;
  /** Consumer session timeout (default 30 s; brokers accept 6 s and up by default). */
  readonly sessionTimeoutMs?: number;
  /** Consumer heartbeat interval (default 3 s). */
  readonly heartbeatMs?: number;
  /** How long subscribe() waits for the first group join before returning anyway (default 30 s). */
  readonly joinTimeoutMs?: number;
  readonly onError?: (error: unknown) => void;
}

const PING_TIMEOUT_MS = 5_000;

/**
 * The production adapter, thin by design: keyed messages (Kafka's default partitioner, murmur2),
 * an idempotent producer waiting for all in-sync replicas, manual offset commits after handling.
 */
export async function createKafkaBus(options: KafkaBusOptions): Promise<EventBus> {
  const {
    brokers,
    clientId,
    partitions = 8,
    replicationFactor,
    sessionTimeoutMs = 30_000,
    heartbeatMs = 3_000,
    joinTimeoutMs = 30_000,
    onError = (error: unknown) => console.error('[bus:kafka]', error),
  } = options;
  if (brokers.length === 0 || brokers.some((broker) => !broker))
    throw new Error('kafka bus: brokers are required');

  const kafka = new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.ERROR });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  const ensureTopic = topicEnsurer(admin, {
    partitions,
    ...(replicationFactor ? { replicationFactor } : {}),
  });
  const subscriptions = new Set<Subscription>();
  let closed = false;

  async function send(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await ensureTopic(topic);
    // Keyed by the message key (the lead id), never by event id: one key, one partition, one order.
    await producer.send({ topic, acks: -1, messages: messages.map(({ key, value }) => ({ key, value })) });
  }

  async function publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (closed) throw new Error('kafka bus is closed');
    await send(topic, messages);
  }

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    if (closed) throw new Error('kafka bus is closed');
    const { topic, group } = subscription;
    await ensureTopic(topic);
    const consumer = await startKafkaConsumer({
      kafka,
      subscription,
      concurrency: partitions,
      sessionTimeoutMs,
      heartbeatMs,
      joinTimeoutMs,
      onError,
      deadLetter: (message, error, attempts) => {
        const letter = deadLetterMessage(
          { topic, group, key: message.key, value: message.value },
          error,
          attempts,
        );
        return send(letter.topic, [letter.message]);
      },
    });
    const handle: Subscription = {
      close: async () => {
        subscriptions.delete(handle);
        await consumer.close();
      },
    };
    subscriptions.add(handle);
    return handle;
  }

  /** Per partition: log end offset minus the group's committed offset (the log start when none). */
  async function lag(topic: string, group: string): Promise<number> {
    if (closed) throw new Error('kafka bus is closed');
    await ensureTopic(topic);
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId: group, topics: [topic] }),
    ]);
    const done = new Map(
      (committed.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [
        p.partition,
        BigInt(p.offset),
      ]),
    );
    let total = 0n;
    for (const { partition, high, low } of ends) {
      // -1 = nothing committed yet; a committed offset below the log start was removed by retention.
      const next = done.get(partition) ?? -1n;
      const from = next > BigInt(low) ? next : BigInt(low);
      if (BigInt(high) > from) total += BigInt(high) - from;
    }
    return Number(total);
  }

  async function ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`kafka did not answer within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }

  return { kind: 'kafka', publish, subscribe, lag, ping, close };
}
