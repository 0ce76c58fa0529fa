import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisStreamsBus, type EventBus } from '@parkmatch/bus';
import { createStore, type Doc, type DocumentStore } from '@parkmatch/store';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createServiceApp } from './app.ts';
import { watchBacklog } from './backlog.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { createOutboxRelay, type OutboxFields, withEvents } from './outbox.ts';

const logger = createLogger('test', 'silent');
const wait = { timeout: 10_000, interval: 20 };
const TOPIC = 'test.backlog.v1';

describe('backlog: consumer lag and outbox pending counts', () => {
  let dir: string;
  let store: DocumentStore;
  let bus: EventBus;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'backlog-'));
    store = await createStore({ kind: 'sqlite', dir });
    bus = createRedisStreamsBus({ url: inject('redisUrl'), prefix: `backlog${Date.now()}${Math.random()}` });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function backlogOf(count: number): Promise<void> {
    await bus.publish(
      TOPIC,
      Array.from({ length: count }, (_, i) => ({ key: `lead-${i}`, value: `${i}` })),
    );
    await store
      .collection<Doc & OutboxFields>('things')
      .insertMany(
        Array.from({ length: count }, (_, i) =>
          withEvents({ _id: `t${i}` }, [{ id: `e${i}`, topic: TOPIC, key: `lead-${i}`, value: `${i}` }]),
        ),
      );
  }

  it('shows lag and pending counts on /metrics, read at scrape time, and fails /readyz while far behind', async () => {
    await backlogOf(5);
    const metrics = createMetrics('test');
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger });
    const backlog = watchBacklog({
      bus,
      groups: [{ group: 'readers', topics: [TOPIC] }],
      relay,
      metrics,
      logger,
      maxLag: 4,
      maxPending: 4,
    });
    const app = createServiceApp({ service: 'test', logger, metrics, readiness: [backlog.readiness] });
    const scrape = async () => (await app.request('/metrics')).text();

    const before = await scrape();
    expect(before).toContain(`bus_consumer_lag{topic="${TOPIC}",group="readers",service="test"} 5`);
    expect(before).toContain('outbox_pending{collection="things",service="test"} 5');
    const notReady = await app.request('/readyz');
    expect(notReady.status).toBe(503);
    const { checks } = (await notReady.json()) as { checks: { name: string; error?: string }[] };
    const check = checks.find((c) => c.name === 'backlog');
    expect(check?.error).toContain(`group readers is 5 messages behind on ${TOPIC}`);
    expect(check?.error).toContain('5 documents of things wait in the outbox');

    expect(await relay.runOnce()).toBe(5); // 5 more messages for the readers, none pending
    await bus.subscribe({ topic: TOPIC, group: 'readers', handler: async () => {} });
    await expect
      .poll(scrape, wait)
      .toContain(`bus_consumer_lag{topic="${TOPIC}",group="readers",service="test"} 0`);
    expect(await scrape()).toContain('outbox_pending{collection="things",service="test"} 0');
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('is ready at the limits, with the defaults far above a small backlog', async () => {
    await backlogOf(4);
    const relay = createOutboxRelay({ store, bus, collections: ['things'], logger });
    const watch = (limits: { maxLag?: number; maxPending?: number }) =>
      watchBacklog({
        bus,
        groups: [{ group: 'readers', topics: [TOPIC] }],
        relay,
        metrics: createMetrics('test'),
        logger,
        ...limits,
      });
    await expect(watch({ maxLag: 4, maxPending: 4 }).readiness.check()).resolves.toBeUndefined();
    await expect(watch({}).readiness.check()).resolves.toBeUndefined();
    await expect(watch({ maxLag: 3 }).readiness.check()).rejects.toThrow(
      'group readers is 4 messages behind',
    );
    expect(await watch({}).read()).toEqual({
      lag: [{ topic: TOPIC, group: 'readers', messages: 4 }],
      pending: { things: 4 },
    });
  });

  it('leaves the lag out of a scrape when the bus cannot tell it, instead of failing /metrics', async () => {
    const metrics = createMetrics('test');
    const broken: Pick<EventBus, 'lag'> = { lag: () => Promise.reject(new Error('redis is gone')) };
    const backlog = watchBacklog({
      bus: broken,
      groups: [{ group: 'readers', topics: [TOPIC] }],
      metrics,
      logger,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE bus_consumer_lag gauge');
    expect(text).not.toContain('bus_consumer_lag{');
    expect(text).not.toContain('outbox_pending'); // no relay, no gauge
    await expect(backlog.readiness.check()).rejects.toThrow('redis is gone');
  });
});
