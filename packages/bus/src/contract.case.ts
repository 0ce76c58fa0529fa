// The EventBus contract: one suite, run by every adapter's test file (hono's common.case style).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { deadLetterTopic } from '@parkmatch/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusConfig } from './index.ts';
import type {
  BatchHandler,
  BusMessage,
  DeadLetter,
  EventBus,
  MessageHandler,
  ReceivedMessage,
} from './port.ts';

export interface CrashingConsumer {
  readonly child: ChildProcess;
  /** Resolves once the child has subscribed. */
  readonly ready: Promise<void>;
  /** Values the child received (and will never finish handling). */
  readonly received: string[];
}

export interface CrashingSubscription {
  readonly topic: string;
  readonly group: string;
  /** Subscribe with a batch handler instead of a message handler. */
  readonly batch?: boolean;
}

export interface BusContractOptions {
  readonly name: string;
  /** A new bus on the same broker and namespace each call (several play consumers of one group). */
  readonly newBus: () => Promise<EventBus> | EventBus;
  /** Subscribes in another process with a handler that never finishes, so the test can kill -9 it. */
  readonly spawnCrashingConsumer?: (subscription: CrashingSubscription) => CrashingConsumer;
  /** Bound of every wait: rebalances and session timeouts differ per engine (default 15 s). */
  readonly timeoutMs?: number;
}

/** Runs `src/testing/hanging-consumer.ts` for `config` in a child Node process. */
export function spawnHangingConsumer(
  config: BusConfig,
  subscription: CrashingSubscription,
): CrashingConsumer {
  const fixture = fileURLToPath(new URL('./testing/hanging-consumer.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      fixture,
      JSON.stringify(config),
      subscription.topic,
      subscription.group,
      subscription.batch ? 'batch' : 'message',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const received: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hanging consumer exited early (code ${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') resolve();
      else if (line.startsWith('received ')) received.push(line.slice('received '.length));
    });
  });
  ready.catch(() => {});
  return { child, ready, received };
}

export function runBusContract(options: BusContractOptions): void {
  const { name, newBus, spawnCrashingConsumer, timeoutMs = 15_000 } = options;
  const wait = { timeout: timeoutMs, interval: 20 };
  const testTimeout = timeoutMs * 3;

  describe(`EventBus contract: ${name}`, () => {
    const buses: EventBus[] = [];
    const children: ChildProcess[] = [];

    async function bus(): Promise<EventBus> {
      const opened = await newBus();
      buses.push(opened);
      return opened;
    }

    afterEach(async () => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      await Promise.all(buses.splice(0).map((opened) => opened.close()));
    });

    const newTopic = () => `contract.${randomUUID()}`;
    const messages = (count: number, keys: number, tag = 'm'): BusMessage[] =>
      Array.from({ length: count }, (_, i) => ({ key: `lead-${i % keys}`, value: `${tag}-${i}` }));
    const collect =
      (into: ReceivedMessage[]): MessageHandler =>
      async (message) => {
        into.push(message);
      };

    it(
      'delivers a published message with its topic, key, value, partition and position',
      async () => {
        const b = await bus();
        await b.ping();
        const topic = newTopic();
        const got: ReceivedMessage[] = [];
        await b.subscribe({ topic, group: 'readers', handler: collect(got) });
        await b.publish(topic, [{ key: 'lead-1', value: '{"n":1}' }]);
        await expect.poll(() => got.length, wait).toBe(1);
        expect(got[0]).toMatchObject({ topic, key: 'lead-1', value: '{"n":1}', attempt: 1 });
        expect(got[0]?.partition).toBeTypeOf('number');
        expect(got[0]?.position).toBeTypeOf('string');
      },
      testTimeout,
    );

    it(
      'shares the work between two consumers of one group, each message handled once',
      async () => {
        const [first, second] = [await bus(), await bus()];
        const topic = newTopic();
        const handledBy = new Map<string, string[]>();
        const worker =
          (who: string): MessageHandler =>
          async (message) => {
            handledBy.set(message.value, [...(handledBy.get(message.value) ?? []), who]);
            await delay(2);
          };
        await first.subscribe({ topic, group: 'workers', handler: worker('first') });
        await second.subscribe({ topic, group: 'workers', handler: worker('second') });

        // Publish in waves until both consumers have taken part (the group may still be rebalancing).
        let published = 0;
        await expect
          .poll(
            async () => {
              const wave = messages(40, 16).map((m, i) => ({ ...m, value: `m-${published + i}` }));
              await first.publish(topic, wave);
              published += wave.length;
              return [...new Set([...handledBy.values()].flat())].sort();
            },
            { timeout: timeoutMs, interval: 200 },
          )
          .toEqual(['first', 'second']);

        await expect.poll(() => handledBy.size, wait).toBe(published);
        expect([...handledBy].filter(([, who]) => who.length !== 1)).toEqual([]);
      },
      testTimeout,
    );

    it(
      'gives every message to each of two groups',
      async () => {
        const b = await bus();
        const topic = newTopic();
        const alpha: ReceivedMessage[] = [];
        const beta: ReceivedMessage[] = [];
        await b.subscribe({ topic, group: 'alpha', handler: collect(alpha) });
        await b.subscribe({ topic, group: 'beta', handler: collect(beta) });
        const sent = messages(30, 5);
        await b.publish(topic, sent);
        const expected = sent.map((m) => m.value).sort();
        await expect.poll(() => alpha.map((m) => m.value).sort(), wait).toEqual(expected);
        await expect.poll(() => beta.map((m) => m.value).sort(), wait).toEqual(expected);
      },
      testTimeout,
    );

    it(
      'keeps per-key order, one message of a key at a time, across several consumers',
      async () => {
        const consumers = [await bus(), await bus(), await bus()];
        const topic = newTopic();
        const keys = 12;
        const seen = new Map<string, number[]>();
        const inFlight = new Set<string>();
        const overlaps: string[] = [];
        const participants = new Set<number>();
        const handler =
          (consumer: number): MessageHandler =>
          async ({ key, value }) => {
            participants.add(consumer);
            if (inFlight.has(key)) overlaps.push(`${key} ${value}`);
            inFlight.add(key);
            seen.set(key, [...(seen.get(key) ?? []), Number(value.split(':')[1])]);
            await delay(Math.random() * 3);
            inFlight.delete(key);
          };
        for (const [index, consumer] of consumers.entries()) {
          await consumer.subscribe({ topic, group: 'ordered', handler: handler(index) });
        }

        // One wave = the next sequence number for every key, interleaved; waves go on while
        // the group rebalances, until every consumer has taken part and at least 25 were sent.
        let waves = 0;
        await expect
          .poll(
            async () => {
              const wave = Array.from({ length: keys }, (_, k) => ({
                key: `lead-${k}`,
                value: `${k}:${waves}`,
              }));
              await consumers[waves % consumers.length]?.publish(topic, wave);
              waves += 1;
              return waves >= 25 && participants.size === consumers.length;
            },
            { timeout: timeoutMs, interval: 20 },
          )
          .toBe(true);

        await expect.poll(() => [...seen.values()].flat().length, wait).toBe(keys * waves);
        const inOrder = Array.from({ length: waves }, (_, seq) => seq);
        for (let k = 0; k < keys; k++) expect(seen.get(`lead-${k}`), `lead-${k}`).toEqual(inOrder);
        expect(overlaps).toEqual([]);
      },
      testTimeout,
    );

    it(
      'lets a new group read from the beginning, and a fromBeginning: false group only new messages',
      async () => {
        const b = await bus();
        const topic = newTopic();
        const old = messages(5, 3, 'old');
        await b.publish(topic, old);

        const late: ReceivedMessage[] = [];
        await b.subscribe({ topic, group: 'late-joiner', handler: collect(late) });
        await expect
          .poll(() => late.map((m) => m.value).sort(), wait)
          .toEqual(old.map((m) => m.value).sort());

        const tail: ReceivedMessage[] = [];
        await b.subscribe({ topic, group: 'tail', fromBeginning: false, handler: collect(tail) });
        await expect
          .poll(
            async () => {
              await b.publish(topic, [{ key: 'lead-0', value: 'new' }]);
              return tail.length;
            },
            { timeout: timeoutMs, interval: 200 },
          )
          .toBeGreaterThan(0);
        expect(tail.filter((m) => m.value !== 'new')).toEqual([]);
      },
      testTimeout,
    );

    for (const batch of [false, true]) {
      it.skipIf(!spawnCrashingConsumer)(
        `redelivers to another consumer what a ${batch ? 'batch' : 'message'} consumer killed with SIGKILL never acknowledged`,
        async () => {
          const topic = newTopic();
          const group = 'survivors';
          const crashing = spawnCrashingConsumer!({ topic, group, batch });
          children.push(crashing.child);
          await crashing.ready;

          const publisher = await bus();
          const sent = messages(24, 8);
          await publisher.publish(topic, sent);
          await expect.poll(() => crashing.received.length, wait).toBeGreaterThan(0);
          const exited = once(crashing.child, 'exit');
          crashing.child.kill('SIGKILL');
          await exited;
          const unfinished = [...crashing.received];

          const got: ReceivedMessage[] = [];
          await (await bus()).subscribe({ topic, group, handler: collect(got) });
          await expect.poll(() => new Set(got.map((m) => m.value)).size, wait).toBe(sent.length);
          const values = got.map((m) => m.value);
          for (const value of unfinished) expect(values).toContain(value);
        },
        testTimeout,
      );
    }

    it(
      'dead-letters a message that keeps failing after maxAttempts, and goes on with the rest',
      async () => {
        const b = await bus();
        const topic = newTopic();
        const handled: string[] = [];
        const poisonAttempts: number[] = [];
        await b.subscribe({
          topic,
          group: 'strict',
          maxAttempts: 3,
          retryBackoffMs: 10,
          handler: async (message) => {
            if (message.value === 'poison') {
              poisonAttempts.push(message.attempt);
              throw new Error('poison pill: cannot parse');
            }
            handled.push(message.value);
          },
        });
        const letters: ReceivedMessage[] = [];
        await b.subscribe({ topic: deadLetterTopic(topic), group: 'dlq-readers', handler: collect(letters) });

        await b.publish(topic, [
          { key: 'lead-1', value: 'before' },
          { key: 'lead-1', value: 'poison' },
          { key: 'lead-1', value: 'after' },
          { key: 'lead-2', value: 'other' },
        ]);

        await expect.poll(() => letters.length, wait).toBe(1);
        await expect.poll(() => [...handled].sort(), wait).toEqual(['after', 'before', 'other']);
        expect(handled.indexOf('before')).toBeLessThan(handled.indexOf('after'));
        expect(poisonAttempts).toEqual([1, 2, 3]);
        expect(letters[0]?.key).toBe('lead-1');
        const letter = JSON.parse(letters[0]?.value ?? '{}') as DeadLetter;
        expect(letter).toMatchObject({ topic, group: 'strict', key: 'lead-1', value: 'poison', attempts: 3 });
        expect(letter.error).toContain('poison pill: cannot parse');
        expect(Number.isNaN(Date.parse(letter.failedAt))).toBe(false);
      },
      testTimeout,
    );

    it(
      'hands batches of one partition over in per-key order, every message once per group',
      async () => {
        const [first, second] = [await bus(), await bus()];
        const topic = newTopic();
        const keys = 10;
        // group -> key -> sequence numbers, in the order handled
        const seen = new Map<string, Map<string, number[]>>();
        const batches: ReceivedMessage[][] = [];
        const participants = new Set<string>();
        const batchHandler =
          (group: string, who: string): BatchHandler =>
          async (received) => {
            participants.add(`${group}/${who}`);
            batches.push([...received]);
            const byKey = seen.get(group) ?? new Map<string, number[]>();
            seen.set(group, byKey);
            for (const { key, value } of received) {
              byKey.set(key, [...(byKey.get(key) ?? []), Number(value.split(':')[1])]);
            }
            await delay(Math.random() * 3);
          };
        // A backlog first, so the first reads find full batches; then waves while the group rebalances.
        const wave = (seq: number) =>
          Array.from({ length: keys }, (_, k) => ({ key: `lead-${k}`, value: `${k}:${seq}` }));
        let waves = 0;
        for (; waves < 20; waves++) await first.publish(topic, wave(waves));
        const batch = (group: string, who: string) => ({ handler: batchHandler(group, who), maxSize: 25 });
        await first.subscribe({ topic, group: 'batched', batch: batch('batched', 'first') });
        await second.subscribe({ topic, group: 'batched', batch: batch('batched', 'second') });
        await first.subscribe({ topic, group: 'audit', batch: batch('audit', 'first') });
        await expect
          .poll(
            async () => {
              await second.publish(topic, wave(waves));
              waves += 1;
              return participants.size;
            },
            { timeout: timeoutMs, interval: 50 },
          )
          .toBe(3);

        const inOrder = Array.from({ length: waves }, (_, seq) => seq);
        for (const group of ['batched', 'audit']) {
          await expect
            .poll(() => [...(seen.get(group)?.values() ?? [])].flat().length, wait)
            .toBe(keys * waves);
          for (let k = 0; k < keys; k++) {
            expect(seen.get(group)?.get(`lead-${k}`), `${group} lead-${k}`).toEqual(inOrder);
          }
        }
        expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
        expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(25);
        for (const b of batches) expect(new Set(b.map((m) => m.partition)).size).toBe(1);
      },
      testTimeout,
    );

    it(
      'dead-letters a poison message of a batch after maxAttempts, and handles the rest of the batch',
      async () => {
        const b = await bus();
        const topic = newTopic();
        // Published before anyone subscribes, so the first read hands them over as one batch.
        await b.publish(topic, [
          { key: 'lead-1', value: 'before' },
          { key: 'lead-1', value: 'poison' },
          { key: 'lead-1', value: 'after' },
          { key: 'lead-2', value: 'other' },
        ]);
        const handled: string[] = [];
        const poisonCalls: { size: number; attempt: number }[] = [];
        await b.subscribe({
          topic,
          group: 'strict-batches',
          maxAttempts: 3,
          retryBackoffMs: 10,
          batch: {
            handler: async (received) => {
              const poison = received.find((m) => m.value === 'poison');
              if (poison) {
                poisonCalls.push({ size: received.length, attempt: poison.attempt });
                throw new Error('poison pill: cannot parse');
              }
              handled.push(...received.map((m) => m.value));
            },
          },
        });
        const letters: ReceivedMessage[] = [];
        await b.subscribe({ topic: deadLetterTopic(topic), group: 'dlq-readers', handler: collect(letters) });

        await expect.poll(() => letters.length, wait).toBe(1);
        await expect.poll(() => [...handled].sort(), wait).toEqual(['after', 'before', 'other']);
        expect(handled.indexOf('before')).toBeLessThan(handled.indexOf('after'));
        // One try as part of the batch, then its own tries, one at a time.
        expect(poisonCalls[0]?.size).toBeGreaterThan(1);
        expect(poisonCalls.slice(1)).toEqual([
          { size: 1, attempt: 1 },
          { size: 1, attempt: 2 },
          { size: 1, attempt: 3 },
        ]);
        const letter = JSON.parse(letters[0]?.value ?? '{}') as DeadLetter;
        expect(letter).toMatchObject({
          topic,
          group: 'strict-batches',
          key: 'lead-1',
          value: 'poison',
          attempts: 3,
        });
        expect(letter.error).toContain('poison pill: cannot parse');
      },
      testTimeout,
    );

    it(
      'reports the lag of a group: messages not yet handled, all of them for a group that never subscribed',
      async () => {
        const b = await bus();
        const topic = newTopic();
        expect(await b.lag(topic, 'nobody')).toBe(0);
        await b.publish(topic, messages(12, 5));
        expect(await b.lag(topic, 'nobody')).toBe(12);

        const gate = Promise.withResolvers<void>();
        const handled: string[] = [];
        await b.subscribe({
          topic,
          group: 'gated',
          handler: async ({ value }) => {
            await gate.promise;
            handled.push(value);
          },
        });
        await expect.poll(() => b.lag(topic, 'gated'), wait).toBe(12);
        gate.resolve();
        await expect.poll(() => handled.length, wait).toBe(12);
        await expect.poll(() => b.lag(topic, 'gated'), wait).toBe(0);
        await b.publish(topic, messages(3, 3, 'more'));
        await expect.poll(() => b.lag(topic, 'gated'), wait).toBe(0);
        expect(await b.lag(topic, 'nobody')).toBe(15);
      },
      testTimeout,
    );

    it(
      'closes gracefully: the in-flight handler finishes, is acknowledged, and nothing new starts',
      async () => {
        const b = await bus();
        const topic = newTopic();
        const started: string[] = [];
        let finished = false;
        const subscription = await b.subscribe({
          topic,
          group: 'graceful',
          handler: async ({ value }) => {
            started.push(value);
            if (value !== 'slow') return;
            await delay(100);
            finished = true;
          },
        });
        const rest = ['after-1', 'after-2', 'after-3'];
        await b.publish(
          topic,
          ['slow', ...rest].map((value) => ({ key: 'lead-1', value })),
        );
        await expect.poll(() => started, wait).toContain('slow');
        await subscription.close();
        expect(finished).toBe(true);
        expect(started).toEqual(['slow']);

        // The group's next consumer resumes right after 'slow': it was acknowledged, the rest was not.
        const next: ReceivedMessage[] = [];
        const successor = await bus();
        await successor.subscribe({ topic, group: 'graceful', handler: collect(next) });
        await successor.publish(topic, [{ key: 'lead-1', value: 'marker' }]);
        await expect.poll(() => next.map((m) => m.value), wait).toContain('marker');
        expect(next.map((m) => m.value)).toEqual([...rest, 'marker']);
        expect(next.map((m) => m.attempt)).toEqual([1, 1, 1, 1]); // never started, so never attempted
      },
      testTimeout,
    );
  });
}
