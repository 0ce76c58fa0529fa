import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRedisStreamsBus, type EventBus } from '@parkmatch/bus';
import { deadLetterTopic, Events } from '@parkmatch/contracts';
import { createLogger } from '@parkmatch/service-kit';
import { createStore, type DocumentStore } from '@parkmatch/store';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { claimed, moved } from '../../test/events.ts';
import { FINANCE_SCENARIO } from '../../test/finance.ts';
import { SCENARIO, SCENARIO_NOW } from '../../test/scenario.ts';
import { allViews } from '../../test/views.ts';
import { READ_MODEL_EVENTS, READ_MODEL_TOPICS, type ReadModelEvent } from '../read-model/events.ts';
import { GenerationRepository } from '../read-model/generation.ts';
import { LeadStateRepository } from '../read-model/repository.ts';
import { ServedReadModel } from '../read-model/served.ts';
import { rebuildReadModel } from './rebuild.ts';

// Exactly-once in effect and the rebuild, on a real Redis Streams bus and a SQLite store: the
// service's own consumers fold the scenario (the closed loop's events and firm-services' financing,
// voucher and order events); every event published again changes no number; a
// rebuild from the first event of every topic gives the same numbers, and the service swaps to
// it and goes on from there.

const logger = createLogger('insights-test', 'silent');
const Q1 = { from: '2026-01-01', to: '2026-03-31' };
let bus: EventBus;
let store: DocumentStore;
let dir: string;
let served: ServedReadModel;
let generations: GenerationRepository;

async function publish(events: readonly ReadModelEvent[]): Promise<void> {
  for (const { name, event } of events) {
    await bus.publish(READ_MODEL_EVENTS[name].topic, [{ key: event.key, value: JSON.stringify(event) }]);
  }
}

async function caughtUp(group: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const lags = await Promise.all(READ_MODEL_TOPICS.map((t) => bus.lag(t, group)));
      if (lags.some((n) => n > 0)) throw new Error(`behind: ${lags.join(', ')}`);
    },
    { timeout: 15_000, interval: 100 },
  );
}

const numbers = () => allViews(served.model.facts().facts, Q1, SCENARIO_NOW);
const HISTORY = [...SCENARIO, ...FINANCE_SCENARIO];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parkmatch-insights-rebuild-'));
  store = await createStore({ kind: 'sqlite', dir });
  bus = createRedisStreamsBus({
    url: inject('redisUrl'),
    prefix: `insights${Math.random().toString(36).slice(2, 8)}`,
    heartbeatMs: 100,
    sessionTimeoutMs: 1_000,
    blockMs: 200,
  });
  generations = await GenerationRepository.open(store);
  served = await ServedReadModel.start({ bus, store, generations, logger });
  await publish(HISTORY);
  await caughtUp(served.group);
});

afterAll(async () => {
  await served?.close();
  await bus?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the read model on the bus', () => {
  it('folds every event of the scenario, one state per lead in the store', async () => {
    expect(served.model.size).toBe(5);
    expect(await (await LeadStateRepository.open(store, 1)).count()).toBe(5);
    const funnel = numbers()[0]?.funnel.stages.find((s) => s.stage === 'lead');
    expect(funnel?.entered).toBe(5);
    const city = numbers()[0]?.financing;
    expect(city?.financing).toMatchObject({ needs: 2, pushes: 3, offers: 1, declined: 2 });
    expect(city?.vouchers).toMatchObject({ grantedCny: 150_000, spentCny: 10_000, balanceAtEndCny: 140_000 });
    expect(city?.orders).toMatchObject({ placed: 2, completed: 1 });
  });

  it('changes no number when every event is delivered again', async () => {
    const before = numbers();
    const version = served.model.version;
    await publish(HISTORY);
    await caughtUp(served.group);
    expect(numbers()).toEqual(before);
    expect(served.model.version).toBe(version); // no batch changed anything
  });

  it('sends an event of an unknown version to the dead-letter topic, applying nothing of it', async () => {
    const before = numbers();
    const bad = moved(
      'L3',
      'dadukou-ivd',
      'lead',
      'contacted',
      '2026-03-01T01:00:00.000Z',
      '2026-01-08T01:00:00.000Z',
    );
    const letters: { key: string; value: string }[] = [];
    const reader = await bus.subscribe({
      topic: deadLetterTopic(Events.stageChanged.topic),
      group: 'test-dlq',
      handler: async (m) => void letters.push(m),
    });
    await bus.publish(Events.stageChanged.topic, [
      { key: 'L3', value: JSON.stringify({ ...bad.event, version: 2 }) },
    ]);
    await expect
      .poll(() => bus.lag(deadLetterTopic(Events.stageChanged.topic), 'nobody'), {
        timeout: 15_000,
        interval: 200,
      })
      .toBe(1);
    await expect.poll(() => letters.length, { timeout: 15_000, interval: 100 }).toBe(1);
    await reader.close();
    // The letter names the reason, and carries the message as it came.
    const letter = JSON.parse(letters[0]?.value ?? '{}') as { error: string; value: string; group: string };
    expect(letter.error).toContain('got leads.lead.stage-changed v2');
    expect(JSON.parse(letter.value)).toMatchObject({ id: bad.event.id, version: 2 });
    expect(letter.group).toBe(served.group);
    expect(numbers()).toEqual(before);
    expect(await served.model.state('L3')).not.toMatchObject({
      applied: expect.arrayContaining([bad.event.id]),
    });
  });

  it('rebuilds from the first event of every topic to the same numbers; the service swaps and goes on', async () => {
    const before = numbers();
    const result = await rebuildReadModel({ bus, store, generations, logger, pollMs: 100 });
    expect(result).toMatchObject({ generation: 2, leads: 5 });
    expect(result.events).toBe(2 * HISTORY.length); // the history holds every event twice
    expect(await served.checkGeneration()).toBe(true);
    expect(served.model.generation).toBe(2);
    expect(numbers()).toEqual(before);
    expect(await (await LeadStateRepository.open(store, 1)).count()).toBe(0); // the old generation let go

    // After the swap the service follows the rebuild's group: a new event arrives.
    await publish([claimed('L3', 'dadukou-ivd', '2026-03-20T02:00:00.000Z')]);
    await caughtUp(served.group);
    expect((await served.model.state('L3'))?.owners).toHaveLength(1);
  });

  it('rebuilds from a snapshot (the served states) plus the events the bus holds, to the same numbers', async () => {
    const before = numbers();
    const result = await rebuildReadModel({ bus, store, generations, logger, pollMs: 100, from: 'active' });
    expect(result.generation).toBe(3);
    expect(await served.checkGeneration()).toBe(true);
    expect(numbers()).toEqual(before);
  });
});
