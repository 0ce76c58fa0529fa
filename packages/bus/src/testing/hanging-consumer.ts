// Test fixture, run as a child process by the contract suite: subscribes, reports each message on
// stdout, and never finishes a handler, so nothing is ever acknowledged. The test kills it with SIGKILL.
// Usage: node hanging-consumer.ts '<BusConfig JSON>' <topic> <group>
import { type BusConfig, createBus } from '../index.ts';

const [config = '', topic = '', group = ''] = process.argv.slice(2);
const bus = await createBus(JSON.parse(config) as BusConfig);
await bus.subscribe({
  topic,
  group,
  handler: (message) => {
    process.stdout.write(`received ${message.value}\n`);
    return new Promise<void>(() => {});
  },
});
process.stdout.write('ready\n');
