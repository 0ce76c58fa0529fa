import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BusMessage, createRedisStreamsBus, type EventBus } from '@parkmatch/bus';
import { type Collection, createStore, type Doc, type DocumentStore } from '@parkmatch/store';
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

const TOPIC = 'test.things.v1';
const entry = (id: string, key = 'k1', topic = TOPIC): OutboxEntry => ({ id, topic, key, value: id });
const logger = createLogger('test', 'silent');
const wait = { timeout: 10_000, interval: 10 };

/** A bus that records every publish call; `beforePublish` runs inside the call (a write, a failure). */
function recordingBus(beforePublish: () => Promise<void> = async () => {}) {
  const calls: { topic: string; messages: BusMessage[] }[] = [];
  const bus: EventBus = {
    kind: 'redis',
    publish: async (topic, messages) => {
      await beforePublish();
      calls.push({ topic, messages: [...messages] });
    },
    subscribe: () => Promise.reject(new Error('not used here')),
    lag: async () => 0,
    ping: async () => {},
    close: async () => {},
  };
  const values = () => calls.flatMap((call) => call.messages.map((m) => m.value));
  return { bus, calls, values };
}

/** The store as seen by a process that died: every outbox call fails once `dead()` says so. */
function dyingStore(store: DocumentStore, dead: () => boolean): DocumentStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop !== 'outbox') return Reflect.get(target, prop, target);
      return (name: string) =>
        new Proxy(target.outbox(name), {
          get(real, key) {
            const value = Reflect.get(real, key, real);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) =>
              dead() ? Promise.reject(new Error('crash')) : value.apply(real, args);
          },
        });
    },
  });
}

describe('outbox relay', () => {
  let dir: string;
  let store: DocumentStore;
  let things: Collection<Thing>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    store = await createStore({ kind: 'sqlite', dir });
    things = store.collection<Thing>('things');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('on the Redis Streams bus', () => {
    let bus: EventBus;
    let received: string[];

    beforeEach(async () => {
      bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix: `outbox${Date.now()}${Math.random()}` });
      received = [];
      await bus.subscribe({
        topic: TOPIC,
        group: 'observer',
        handler: async (m) => {
          received.push(m.value);
        },
      });
    });
    afterEach(async () => {
      await bus.close();
    });

    it('publishes what a write left in the outbox, in order, then clears it', async () => {
      await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1'), entry('e2')]));
      await things.updateOne({ _id: 't1' }, updateWithEvents({ $inc: { n: 1 } }, [entry('e3')]));
      const relay = createOutboxRelay({ store, bus, collections: ['things'], logger });
      expect(await relay.runOnce()).toBe(3);
      await expect.poll(() => received, wait).toEqual(['e1', 'e2', 'e3']);
      expect(await things.findOne({ _id: 't1' })).toEqual({ _id: 't1', n: 2 });
      expect(await store.outbox('things').waiting()).toEqual([]);
      expect(await relay.runOnce()).toBe(0);
    });

    it('relays in the background once started, woken by a write', async () => {
      const relay = createOutboxRelay({ store, bus, collections: ['things'], logger, intervalMs: 60_000 });
      relay.start();
      try {
        await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1')]));
        relay.wake();
        await expect.poll(() => received, wait).toEqual(['e1']);
        await expect.poll(() => relay.pendingCount(), wait).toEqual({ things: 0 });
      } finally {
        await relay.stop();
      }
    });
  });

  it('relays many entries in a few publish calls: one per topic and round', async () => {
    const docs = Array.from({ length: 1_200 }, (_, i) =>
      withEvents({ _id: `t${i}`, n: i }, [
        entry(`a${i}-1`, `lead-${i % 300}`, 'test.alpha.v1'),
        entry(`b${i}`, `lead-${i % 300}`, 'test.beta.v1'),
        entry(`a${i}-2`, `lead-${i % 300}`, 'test.alpha.v1'),
      ]),
    );
    await things.insertMany(docs);
    const { bus, calls, values } = recordingBus();
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger, batchSize: 1_500 });
    expect(await relay.pendingCount()).toEqual({ things: 3_600 });

    let published = 0;
    for (let round = await relay.runOnce(); round > 0; round = await relay.runOnce()) published += round;

    expect(published).toBe(3_600);
    expect(calls.length).toBe(6); // 3 rounds (1,500 + 1,500 + 600 entries) × 2 topics
    expect(values().sort()).toEqual(docs.flatMap((d) => d._outbox?.map((e) => e.id) ?? []).sort());
    for (const { topic, messages } of calls) {
      for (const m of messages) expect(m.key).toBe(`lead-${Number(/\d+/.exec(m.value)?.[0]) % 300}`);
      expect(messages.every((m) => m.value.startsWith(topic === 'test.alpha.v1' ? 'a' : 'b'))).toBe(true);
    }
    const alpha = calls
      .filter((c) => c.topic === 'test.alpha.v1')
      .flatMap((c) => c.messages.map((m) => m.value));
    for (let i = 0; i < 1_200; i++) expect(alpha.indexOf(`a${i}-1`)).toBeLessThan(alpha.indexOf(`a${i}-2`));
    expect(await relay.pendingCount()).toEqual({ things: 0 });
    expect(await things.countDocuments({})).toBe(1_200);
  });

  it('gathers the writes of a moment into one round, and goes on at once only after a full batch', async () => {
    const { bus, calls, values } = recordingBus();
    const relay = createOutboxRelay({
      store,
      bus,
      collections: ['things'],
      logger,
      intervalMs: 60_000,
      gatherMs: 200,
      batchSize: 4,
    });
    relay.start();
    try {
      for (let i = 0; i < 3; i++) {
        await things.insertOne(withEvents({ _id: `g${i}`, n: i }, [entry(`g${i}`)]));
        relay.wake(); // as a repository does after each write
      }
      await expect.poll(() => values(), wait).toEqual(['g0', 'g1', 'g2']);
      expect(calls.length).toBe(1); // one round, not one per write

      // More than a batch at once: full rounds follow each other without waiting for a wake-up.
      await things.insertMany(
        Array.from({ length: 9 }, (_, i) => withEvents({ _id: `h${i}`, n: i }, [entry(`h${i}`)])),
      );
      relay.wake();
      await expect.poll(() => values().length, wait).toBe(12);
      expect(calls.length).toBe(4); // 4 + 4 + 1
    } finally {
      await relay.stop();
    }
  });

  it('stops after the round in progress, not a tick later', async () => {
    let publishing: () => void = () => {};
    let published: () => void = () => {};
    const inPublish = new Promise<void>((resolve) => {
      publishing = resolve;
    });
    const { bus } = recordingBus(async () => {
      publishing();
      await new Promise<void>((resolve) => {
        published = resolve;
      });
    });
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger, intervalMs: 60_000 });
    relay.start();
    await things.insertOne(withEvents({ _id: 's1', n: 1 }, [entry('s1')]));
    relay.wake();
    await inPublish;
    const stopped = relay.stop().then(() => 'stopped');
    published(); // the round ends after stop() was called
    const tick = new Promise((resolve) => setTimeout(resolve, 5_000, 'waiting for the next tick'));
    expect(await Promise.race([stopped, tick])).toBe('stopped');
  });

  it('publishes the entries of one key in the order they were written, across documents', async () => {
    await things.insertOne(withEvents({ _id: 'x', n: 0 }, [entry('09', 'lead-1'), entry('z9', 'lead-2')]));
    await things.insertOne(withEvents({ _id: 'y', n: 0 }, [entry('02', 'lead-1'), entry('z1', 'lead-2')]));
    await things.updateOne({ _id: 'x' }, updateWithEvents({ $inc: { n: 1 } }, [entry('01', 'lead-1')]));
    const { bus, values } = recordingBus();
    expect(await createOutboxRelay({ store, bus, collections: ['things'], logger }).runOnce()).toBe(5);
    const published = values();
    // Write order, not id order.
    expect(published.filter((v) => !v.startsWith('z'))).toEqual(['09', '02', '01']);
    expect(published.filter((v) => v.startsWith('z'))).toEqual(['z9', 'z1']);
  });

  it('keeps an entry pushed while its document was being published, for the next round', async () => {
    await things.insertMany(
      Array.from({ length: 20 }, (_, i) => withEvents({ _id: `t${i}`, n: i }, [entry(`e${i}`, `lead-${i}`)])),
    );
    let pushed = false;
    const { bus, values } = recordingBus(async () => {
      if (pushed) return;
      pushed = true; // another write lands between the relay's read and its clear
      await things.updateOne({ _id: 't7' }, updateWithEvents({ $inc: { n: 1 } }, [entry('late', 'lead-7')]));
    });
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger });
    expect(await relay.runOnce()).toBe(20);
    expect((await store.outbox('things').waiting()).map((e) => e.id)).toEqual(['late']);
    expect(await relay.pendingCount()).toEqual({ things: 1 });
    expect(await relay.runOnce()).toBe(1);
    expect(values().filter((v) => v === 'late' || v === 'e7')).toEqual(['e7', 'late']);
    expect(await relay.pendingCount()).toEqual({ things: 0 });
  });

  it('lets two relays work the same outbox at once, each entry published once', async () => {
    const count = 2_000;
    await things.insertMany(
      Array.from({ length: count }, (_, i) =>
        withEvents({ _id: `t${i}`, n: i }, [entry(`e${i}`, `lead-${i}`)]),
      ),
    );
    // Publishing yields to the event loop, so the relays' rounds interleave.
    const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));
    const [first, second] = [recordingBus(yieldOnce), recordingBus(yieldOnce)];
    const relays = [first, second].map(({ bus }) =>
      createOutboxRelay({ store, bus, collections: ['things'], logger, batchSize: 50 }),
    );
    for (const relay of relays) relay.start();
    try {
      await expect.poll(() => first.values().length + second.values().length, wait).toBe(count);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const all = [...first.values(), ...second.values()];
    expect(new Set(all).size).toBe(count);
    expect(all.length).toBe(count);
    expect(first.values().length).toBeGreaterThan(0);
    expect(second.values().length).toBeGreaterThan(0);
    expect(await relays[0]?.pendingCount()).toEqual({ things: 0 });
  });

  it('publishes again when the bus failed after publishing, and gives the claim back at once', async () => {
    await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1'), entry('e2')]));
    let fail = true;
    const flaky = recordingBus();
    const throwing: EventBus = {
      ...flaky.bus,
      publish: async (topic, messages) => {
        await flaky.bus.publish(topic, messages);
        if (fail) throw new Error('connection lost after the write');
      },
    };
    const relay = createOutboxRelay({ store, bus: throwing, collections: ['things'], logger });
    await expect(relay.runOnce()).rejects.toThrow('connection lost');
    fail = false;
    expect(await relay.runOnce()).toBe(2);
    expect(flaky.values()).toEqual(['e1', 'e2', 'e1', 'e2']); // duplicates, in order; nothing lost
    expect(await relay.pendingCount()).toEqual({ things: 0 });
  });

  it('leaves a crashed round to its lease: republished by another relay only once the lease expired', async () => {
    await things.insertOne(withEvents({ _id: 't1', n: 1 }, [entry('e1')]));
    let dead = false;
    const crashed = recordingBus(async () => {
      dead = true; // the process dies right after this publish, before the relay clears anything
    });
    const crashing = createOutboxRelay({
      store: dyingStore(store, () => dead),
      bus: crashed.bus,
      collections: ['things'],
      logger,
      leaseMs: 300,
    });
    await expect(crashing.runOnce()).rejects.toThrow('crash');
    expect(crashed.values()).toEqual(['e1']);

    const survivor = recordingBus();
    const relay = createOutboxRelay({ store, bus: survivor.bus, collections: ['things'], logger });
    expect(await relay.runOnce()).toBe(0); // still claimed by the crashed round
    await expect.poll(() => relay.runOnce(), wait).toBe(1);
    expect(survivor.values()).toEqual(['e1']);
    expect(await relay.pendingCount()).toEqual({ things: 0 });
  });

  it('counts pending entries per collection', async () => {
    const others = store.collection<Thing>('others');
    await things.insertMany([
      withEvents({ _id: 'a', n: 1 }, [entry('e1'), entry('e2')]),
      withEvents({ _id: 'b', n: 1 }, [entry('e3')]),
      { _id: 'c', n: 1 },
    ]);
    await others.insertOne(withEvents({ _id: 'd', n: 1 }, [entry('e4')]));
    const { bus } = recordingBus();
    const relay = createOutboxRelay({ store, bus, collections: ['things', 'others'], logger });
    expect(await relay.pendingCount()).toEqual({ things: 3, others: 1 });
  });
});
