// Test fixture: opens a bus, round-trips one message, closes, and then must exit by itself —
// a timer or connection left behind after close() would keep this process alive.
// Usage: node open-and-close.ts '<BusConfig JSON>' <topic>
import { type BusConfig, createBus } from '../index.ts';

const [config = '', topic = ''] = process.argv.slice(2);
const bus = await createBus(JSON.parse(config) as BusConfig);
const received = Promise.withResolvers<void>();
await bus.subscribe({ topic, group: 'once', handler: async () => received.resolve() });
await bus.publish(topic, [{ key: 'lead-1', value: 'hello' }]);
await received.promise;
await bus.close();
process.stdout.write('closed\n');
