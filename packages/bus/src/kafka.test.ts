import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe } from 'vitest';
import { runBusContract, spawnHangingConsumer } from './contract.case.ts';
import { type BusConfig, createBus } from './index.ts';

// Kafka from KAFKA_BROKERS, else a testcontainer when a Docker engine answers, else a visible skip.
const brokersFromEnv = process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim());
const skipReason = brokersFromEnv ? undefined : await dockerMissing();
if (skipReason) process.stderr.write(`kafka contract suite skipped: ${skipReason}\n`);

async function dockerMissing(): Promise<string | undefined> {
  try {
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return `KAFKA_BROKERS is not set and no Docker engine answers (${(error as Error).message})`;
  }
}

describe.skipIf(skipReason !== undefined)('kafka adapter', () => {
  let brokers = brokersFromEnv ?? [];
  let container: StartedKafkaContainer | undefined;

  beforeAll(async () => {
    if (brokers.length > 0) return;
    container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    brokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
  });
  afterAll(async () => {
    await container?.stop();
  });

  // The broker's minimum session timeout is 6 s by default; a killed consumer is noticed after it.
  const config = (): BusConfig => ({
    kind: 'kafka',
    brokers,
    clientId: 'bus-contract',
    partitions: 4,
    sessionTimeoutMs: 6_000,
    heartbeatMs: 500,
  });

  runBusContract({
    name: 'kafka',
    newBus: () => createBus(config()),
    spawnCrashingConsumer: (subscription) => spawnHangingConsumer(config(), subscription),
    timeoutMs: 60_000,
  });
});
