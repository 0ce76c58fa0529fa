import { createRedisStreamsBus, type EventBus, type ReceivedMessage } from '@parkmatch/bus';
import { createEvent, deadLetterTopic, defineEvent, type EventOf } from '@parkmatch/contracts';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { consumeEvent, consumeEvents } from './events.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';

const Counted = defineEvent('test.thing.counted.v1', z.strictObject({ n: z.number().int() }));
type Counted = EventOf<typeof Counted>;
const logger = createLogger('test', 'silent');
const wait = { timeout: 10_000, interval: 20 };

const event = (key: string, n: number) => ({
  key,
  value: JSON.stringify(createEvent(Counted, { key, source: 'test', payload: { n } })),
});
const handledCount = async (metrics: ReturnType<typeof createMetrics>, outcome: string) =>
  (await metrics.events.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

describe('typed event consumers', () => {
  let bus: EventBus;
  let letters: ReceivedMessage[];

  beforeEach(async () => {
    bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix: `events${Date.now()}${Math.random()}` });
    letters = [];
    await bus.subscribe({
      topic: deadLetterTopic(Counted.topic),
      group: 'dlq',
      handler: async (m) => void letters.push(m),
    });
  });
  afterEach(async () => {
    await bus.close();
  });

  it('consumeEvents hands parsed events over in batches, in per-key order, and counts them', async () => {
    const sent = Array.from({ length: 60 }, (_, i) => event(`lead-${i % 4}`, i));
    await bus.publish(Counted.topic, sent); // before subscribing: the first reads are full batches
    const metrics = createMetrics('test');
    const batches: Counted[][] = [];
    await consumeEvents({
      bus,
      definition: Counted,
      group: 'counter',
      logger,
      metrics,
      maxBatchSize: 20,
      handleBatch: async (events) => void batches.push(events),
    });
    await expect.poll(() => batches.flat().length, wait).toBe(60);
    expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(20);
    for (let k = 0; k < 4; k++) {
      const ns = batches.flat().filter((e) => e.key === `lead-${k}`);
      expect(ns.map((e) => e.payload.n)).toEqual(ns.map((e) => e.payload.n).sort((a, b) => a - b));
    }
    await expect.poll(() => handledCount(metrics, 'handled'), wait).toBe(60);
    expect(letters).toEqual([]);
  });

  it('consumeEvents dead-letters a message that does not parse and applies the rest of its batch once each', async () => {
    await bus.publish(Counted.topic, [
      event('lead-1', 1),
      { key: 'lead-1', value: '{"not":"an event"}' },
      event('lead-1', 2),
      event('lead-2', 3),
    ]);
    const applied: number[] = [];
    const metrics = createMetrics('test');
    await consumeEvents({
      bus,
      definition: Counted,
      group: 'counter',
      logger,
      metrics,
      maxAttempts: 2,
      handleBatch: async (events) => void applied.push(...events.map((e) => e.payload.n)),
    });
    await expect.poll(() => letters.length, wait).toBe(1);
    await expect.poll(() => [...applied].sort(), wait).toEqual([1, 2, 3]);
    expect(applied.indexOf(1)).toBeLessThan(applied.indexOf(2));
    expect(JSON.parse(letters[0]?.value ?? '{}')).toMatchObject({
      group: 'counter',
      value: '{"not":"an event"}',
      attempts: 2,
    });
    expect(await handledCount(metrics, 'handled')).toBe(3);
  });

  it('consumeEvent hands over one parsed event at a time and dead-letters one that does not parse', async () => {
    const got: number[] = [];
    await consumeEvent({
      bus,
      definition: Counted,
      group: 'single',
      logger,
      maxAttempts: 2,
      handler: async (e) => void got.push(e.payload.n),
    });
    await bus.publish(Counted.topic, [
      event('lead-1', 1),
      { key: 'lead-1', value: 'nonsense' },
      event('lead-1', 2),
    ]);
    await expect.poll(() => got, wait).toEqual([1, 2]);
    await expect.poll(() => letters.length, wait).toBe(1);
  });

  it('consumeEvents with fromBeginning: false starts a new group at the events published from now on', async () => {
    await bus.publish(Counted.topic, [event('lead-1', 1)]);
    const applied: number[] = [];
    await consumeEvents({
      bus,
      definition: Counted,
      group: 'from-now-on',
      fromBeginning: false,
      logger,
      handleBatch: async (events) => void applied.push(...events.map((e) => e.payload.n)),
    });
    await bus.publish(Counted.topic, [event('lead-1', 2)]);
    await expect.poll(() => applied, wait).toEqual([2]);
  });
});
