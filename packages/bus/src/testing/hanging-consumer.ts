// Test fixture, run as a child process by the contract suite: subscribes, reports each message on
// stdout, and never finishes a handler, so nothing is ever acknowledged. The test kills it with SIGKILL.
// Usage: node hanging-consumer.ts '<BusConfig JSON>' <topic> <group> [batch]
import { type BusConfig, createBus } from '../index.ts';
import type { ReceivedMessage } from '../port.ts';

const [config = '', topic = '', group = '', mode = 'message'] = process.argv.slice(2);
const bus = await createBus(JSON.parse(config) as BusConfig);
const hang = (messages: readonly ReceivedMessage[]) => {
  for (const message of messages) process.stdout.write(`received ${message.value}\n`);
  return new Promise<void>(() => {});
};
await bus.subscribe(
  mode === 'batch'
    ? { topic, group, batch: { handler: hang } }
    : { topic, group, handler: (message) => hang([message]) },
);
process.stdout.write('ready\n');
