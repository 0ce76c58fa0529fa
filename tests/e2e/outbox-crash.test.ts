import { createBus, type EventBus, type Subscription } from '@parkmatch/bus';
import { Events, parseEvent } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postJson, TestSystem } from '../support/system.ts';
import { massSpecProfile } from './fixtures.ts';

// No lost events: the leads process is killed (SIGKILL) after it stored a profile and
// before it published the event. After a restart the event arrives, and an idempotent
// consumer sees it exactly once.

describe('outbox survives a crash between the write and the publish', () => {
  const prefix = `crash${Date.now().toString(36)}`;
  let system: TestSystem;
  let bus: EventBus;
  let observer: Subscription;
  const deliveries: { eventId: string; leadId: string }[] = [];

  beforeAll(async () => {
    system = new TestSystem(inject('redisUrl'), { REDIS_PREFIX: prefix });
    bus = await createBus({ kind: 'redis', url: inject('redisUrl'), prefix, partitions: 8 });
    observer = await bus.subscribe({
      topic: Events.leadSubmitted.topic,
      group: 'e2e-observer',
      fromBeginning: true,
      handler: async (message) => {
        const event = parseEvent(Events.leadSubmitted, message.value);
        deliveries.push({ eventId: event.id, leadId: event.payload.leadId });
      },
    });
  });

  afterAll(async () => {
    await observer?.close();
    await bus?.close();
    await system?.stop();
  });

  it('publishes the stored event after a restart, once', async () => {
    // The relay is off: the write commits, the publish never happens — then the process dies.
    await system.startService('leads', { OUTBOX_RELAY: 'off' });
    const res = await postJson(`${system.urls.leads}/v1/profiles`, massSpecProfile('MA1CR01'));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await system.kill('leads');
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveries.filter((d) => d.leadId === id)).toHaveLength(0);

    await system.startService('leads');
    await expect
      .poll(() => deliveries.filter((d) => d.leadId === id).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    // Give a duplicate (if any) time to show up, then count what an idempotent consumer keeps.
    await new Promise((r) => setTimeout(r, 1_000));
    const distinct = new Set(deliveries.filter((d) => d.leadId === id).map((d) => d.eventId));
    expect(distinct.size).toBe(1);
  });
});
