import { describe, expect, it } from 'vitest';
import { claimed, figures, moved, scored, transferred } from '../../test/events.ts';
import { SCENARIO } from '../../test/scenario.ts';
import type { ReadModelEvent } from './events.ts';
import { factsOf, ownerAt, parkIdOf, spellAt } from './facts.ts';
import { fold, foldAll } from './fold.ts';
import { emptyLeadState, type LeadState } from './lead-state.ts';

const foldEvents = (events: readonly ReadModelEvent[]) => {
  const states = new Map<string, LeadState>();
  foldAll(states, events, emptyLeadState);
  return states;
};

/** A state with its applied ids as a set: what must not depend on the order events came in. */
const comparable = (states: Map<string, LeadState>) =>
  Object.fromEntries([...states].map(([id, s]) => [id, { ...s, applied: [...s.applied].sort() }]));

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('the fold', () => {
  it('changes nothing on a redelivered event (the same state comes back)', () => {
    const event = claimed('L1', 'dadukou-ivd', '2026-01-05T07:00:00.000Z');
    const once = fold(emptyLeadState('L1'), event);
    expect(fold(once, event)).toBe(once);
    expect(once.applied).toEqual([event.event.id]);
  });

  it('gives the same states for every order of the events, and for every event twice', () => {
    const inOrder = comparable(foldEvents(SCENARIO));
    for (const seed of [1, 2, 3, 42, 2026]) {
      expect(comparable(foldEvents(shuffled(SCENARIO, seed)))).toEqual(inOrder);
    }
    expect(comparable(foldEvents([...SCENARIO, ...shuffled(SCENARIO, 7)]))).toEqual(inOrder);
  });

  it('keeps the rating of the newest profile revision and the first score as the tier at intake', () => {
    const s = foldEvents([
      scored('L', 'dadukou-ivd', 'B', '2026-01-05T01:00:00.000Z', { revision: 2 }),
      scored('L', 'dadukou-ivd', 'C', '2026-01-04T01:00:00.000Z', { revision: 1 }),
      scored('L', 'dadukou-ivd', 'A', '2026-01-03T01:00:00.000Z', { revision: 1 }),
    ]).get('L') as LeadState;
    expect(s.ratings['dadukou-ivd']?.tier).toBe('B');
    expect(s.intake['dadukou-ivd']?.tier).toBe('A');
  });

  it('keeps the latest report of a month (a correction replaces it)', () => {
    const s = foldEvents([
      figures('L', 'dadukou-ivd', '2026-01', 900, 1, '2026-02-05T01:00:00.000Z', true),
      figures('L', 'dadukou-ivd', '2026-01', 1000, 2, '2026-02-01T01:00:00.000Z'),
    ]).get('L') as LeadState;
    expect(s.figures['2026-01']).toMatchObject({ revenueCny: 900, certificatesObtained: 1 });
  });

  it('keeps owners and stays in time order whatever order they came in', () => {
    const s = foldEvents([
      transferred('L', 'dadukou-ivd', 'bio-city', '2026-01-10T01:00:00.000Z'),
      moved(
        'L',
        'bio-city',
        'contacted',
        'site-visit',
        '2026-01-12T01:00:00.000Z',
        '2026-01-06T01:00:00.000Z',
      ),
      moved('L', 'dadukou-ivd', 'lead', 'contacted', '2026-01-06T01:00:00.000Z', '2026-01-05T01:00:00.000Z'),
      claimed('L', 'dadukou-ivd', '2026-01-05T02:00:00.000Z'),
    ]).get('L') as LeadState;
    const facts = factsOf(s);
    expect(facts.spells.map((x) => [x.stage, parkIdOf(x.park)])).toEqual([
      ['lead', 'dadukou-ivd'],
      ['contacted', 'bio-city'],
      ['site-visit', 'bio-city'],
    ]);
    expect(parkIdOf(ownerAt(facts, Date.parse('2026-01-09T00:00:00Z')))).toBe('dadukou-ivd');
    expect(parkIdOf(ownerAt(facts, Date.parse('2026-01-11T00:00:00Z')))).toBe('bio-city');
    expect(spellAt(facts, Date.parse('2026-01-07T00:00:00Z'))?.stage).toBe('contacted');
    expect(parkIdOf(facts.claim?.park ?? -1)).toBe('dadukou-ivd');
  });

  it('closes a withdrawn lead where it stood', () => {
    const facts = factsOf(foldEvents(SCENARIO).get('L5') as LeadState);
    expect(facts.moves.map((m) => [m.from, m.to])).toEqual([['lead', 'withdrawn']]);
    expect(facts.spells.at(-1)?.stage).toBe('withdrawn');
  });
});
