import { describe, expect, it } from 'vitest';
import { claimed, figures, liaison, moved, scored, transferred, visit } from '../../test/events.ts';
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

  it('folds the 一企一策 ledger: liaisons in time order, each visit once by its id', () => {
    const first = liaison('L9', 'dadukou-ivd', '张伟', '2026-01-05T08:00:00.000Z');
    const second = liaison('L9', 'dadukou-ivd', '刘洋', '2026-03-01T01:00:00.000Z');
    const v1 = visit('L9', 'dadukou-ivd', 'V1', '2026-01-12', '2026-01-12T10:00:00.000Z');
    const v2 = visit('L9', 'dadukou-ivd', 'V2', '2026-03-03', '2026-03-03T10:00:00.000Z');
    const events = [second, v2, first, v1, v1, second];
    const state = foldEvents(events).get('L9') as LeadState;
    expect(state.liaisons?.map((l) => l.liaison)).toEqual(['张伟', '刘洋']);
    expect(Object.keys(state.visits ?? {}).sort()).toEqual(['V1', 'V2']);
    expect(fold(state, v1)).toBe(state); // redelivered: the same state
    expect(comparable(foldEvents([first, v1, second, v2]))).toEqual(comparable(foldEvents(events)));
    // Facts: the visits by day, each with the liaison named when it was logged
    const facts = factsOf(state);
    expect(facts.visits.map((v) => v.liaison)).toEqual(['张伟', '刘洋']);
    expect(facts.liaisons.map((l) => [parkIdOf(l.park), l.name])).toEqual([
      ['dadukou-ivd', '张伟'],
      ['dadukou-ivd', '刘洋'],
    ]);
  });

  it('reads a state stored before liaisons and visits were folded', () => {
    const { liaisons: _l, visits: _v, ...old } = emptyLeadState('L8');
    const facts = factsOf(old);
    expect([facts.liaisons, facts.visits]).toEqual([[], []]);
    const next = fold(old, visit('L8', 'gaoxin', 'V1', '2026-02-02', '2026-02-02T02:00:00.000Z'));
    expect(factsOf(next).visits).toHaveLength(1);
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
