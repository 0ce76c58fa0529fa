import { inject } from 'vitest';
import { runBusContract, spawnHangingConsumer } from './contract.case.ts';
import { type BusConfig, createBus } from './index.ts';

const config: BusConfig = {
  kind: 'redis',
  url: inject('redisUrl'),
  prefix: 'contract',
  heartbeatMs: 100,
  sessionTimeoutMs: 1_000,
};

runBusContract({
  name: 'redis-streams',
  newBus: () => createBus(config),
  spawnCrashingConsumer: (subscription) => spawnHangingConsumer(config, subscription),
});
