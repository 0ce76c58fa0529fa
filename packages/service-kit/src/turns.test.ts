import { describe, expect, it } from 'vitest';
import { takeTurns } from './turns.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('turns by key', () => {
  const oneLeadAtATime = takeTurns();
  it('runs a lead’s tasks in the order they came, other leads’ beside them, and goes on after a failure', async () => {
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick(ms);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      oneLeadAtATime('a', task('a1', 30, true)),
      oneLeadAtATime('a', task('a2', 1)),
      oneLeadAtATime('b', task('b1', 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['a1 start', 'b1 start', 'b1 end', 'a1 end', 'a2 start', 'a2 end']);
  });
});
