import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisStreamsBus, type EventBus } from '@parkmatch/bus';
import { createEmbeddedStore, type Doc, type DocumentStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from './logger.ts';
import {
  createOutboxRelay,
  type OutboxEntry,
  type OutboxFields,
  updateWithEvents,
  withEvents,
} from './outbox.ts';

interface Thing extends Doc, OutboxFields {
  n: number;
}

const entry = (id: string, key = 'k1'): OutboxEntry => ({ id, topic: 'test.things.v1', key, value: id });

describe('outbox relay', () => {
  let dir: string;
  let store: DocumentStore;
  let bus: EventBus;
  let received: string[];
  const logger = createLogger('test', 'silent');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    store = await createEmbeddedStore({ dir });
    bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix: `outbox${Date.now()}${Math.random()}` });
    received = [];
    await bus.subscribe({
      topic: 'test.things.v1',
      group: 'observer',
      handler: async (m) => {
        received.push(m.value);
      },
    });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes what a write left in the outbox, in order, then clears it', async () => {
    const things = store.collection<Thing>('things');
    await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1'), entry('e2')]));
    await things.updateOne({ _id: 't1' }, updateWithEvents({ $inc: { n: 1 } }, [entry('e3')]));
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger });
    expect(await relay.runOnce()).toBe(3);
    await expect.poll(() => received, { timeout: 5_000 }).toEqual(['e1', 'e2', 'e3']);
    const doc = await things.findOne({ _id: 't1' });
    expect(doc).toMatchObject({ n: 2, _outbox: [] });
    expect(doc?._outboxPending).toBeUndefined();
    expect(await relay.runOnce()).toBe(0);
  });

  it('publishes again after a crash between publish and clear; an idempotent consumer sees each event once', async () => {
    const things = store.collection<Thing>('things');
    await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1')]));
    // A store whose first "clear" fails, as if the process died right after publishing.
    let failNextPull = true;
    const flaky = new Proxy(store, {
      get(target, prop) {
        if (prop !== 'collection') return Reflect.get(target, prop, target);
        return (name: string) =>
          new Proxy(target.collection<Thing>(name), {
            get(real, key) {
              const value = Reflect.get(real, key, real);
              if (key !== 'updateOne') return typeof value === 'function' ? value.bind(real) : value;
              return async (...args: Parameters<typeof real.updateOne>) => {
                if (failNextPull && args[1].$pull) {
                  failNextPull = false;
                  throw new Error('crash');
                }
                return real.updateOne(...args);
              };
            },
          });
      },
    });
    const relay = createOutboxRelay({ store: flaky, bus, collections: ['things'], logger, leaseMs: 0 });
    await expect(relay.runOnce()).rejects.toThrow('crash');
    expect(await relay.runOnce()).toBe(1);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(2);
    expect(new Set(received)).toEqual(new Set(['e1']));
    expect((await things.findOne({ _id: 't1' }))?._outboxPending).toBeUndefined();
  });

  it('keeps an event written while the relay was publishing', async () => {
    const things = store.collection<Thing>('things');
    await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1')]));
    const slowBus: EventBus = {
      ...bus,
      publish: async (topic, messages) => {
        // Another write lands between the relay's read and its clear.
        await things.updateOne({ _id: 't1' }, updateWithEvents({ $inc: { n: 1 } }, [entry('e2')]));
        await bus.publish(topic, messages);
      },
    };
    const relay = createOutboxRelay({ store, bus: slowBus, collections: ['things'], logger });
    expect(await relay.runOnce()).toBe(1);
    const doc = await things.findOne({ _id: 't1' });
    expect(doc?._outbox?.map((e) => e.id)).toEqual(['e2']);
    expect(doc?._outboxPending).toBe(true);
    expect(await createOutboxRelay({ store, bus, collections: ['things'], logger }).runOnce()).toBe(1);
    await expect.poll(() => received, { timeout: 5_000 }).toEqual(['e1', 'e2']);
  });
});
