import { describe, expect, it } from 'vitest';
import { SCENARIO } from '../../test/scenario.ts';
import type { ReadModelEvent } from './events.ts';
import { factsOf, type LeadFacts } from './facts.ts';
import { fold } from './fold.ts';
import { emptyLeadState, type LeadState } from './lead-state.ts';
import { LeadTable } from './lead-table.ts';

// The packed columns hold each lead's moves and stays as its facts do, whatever order the
// leads changed in (rows written over when they fit, appended when they do not).

const columnsOf = (t: LeadTable, slot: number) => {
  const m = t.moves;
  const s = t.spells;
  const moves = [];
  for (let k = m.start[slot] as number; k < (m.start[slot] as number) + (m.count[slot] as number); k++)
    moves.push([m.ms[k], m.to[k], m.rank[k], m.park[k]]);
  const spells = [];
  for (let k = s.start[slot] as number; k < (s.start[slot] as number) + (s.count[slot] as number); k++)
    spells.push([
      s.enterMs[k],
      s.leaveMs[k],
      s.enterDay[k],
      s.leaveDay[k],
      s.enterWork[k],
      s.leaveWork[k],
      s.stage[k],
      s.park[k],
    ]);
  return { moves, spells };
};
const expected = (f: LeadFacts) => ({
  moves: f.moves.map((m) => [m.ms, m.toIndex, m.toRank, m.park]),
  spells: f.spells.map((s) => [
    s.enterMs,
    s.leaveMs,
    s.enterDay,
    s.leaveDay,
    s.enterWork,
    s.leaveWork,
    s.stageIndex,
    s.park,
  ]),
});

describe('the lead table', () => {
  it('packs each lead’s moves and stays as its facts say, as they change one event at a time', () => {
    const table = new LeadTable();
    const slots = new Map<string, number>();
    const states = new Map<string, LeadState>();
    const check = () => {
      for (const [id, slot] of slots)
        expect(columnsOf(table, slot), id).toEqual(expected(factsOf(states.get(id) as LeadState)));
    };
    for (const input of SCENARIO as ReadModelEvent[]) {
      const id = input.event.payload.leadId;
      const state = fold(states.get(id) ?? emptyLeadState(id), input);
      states.set(id, state);
      const slot = slots.get(id) ?? table.size;
      slots.set(id, slot);
      table.set(slot, factsOf(state));
      check();
    }
    // Put back to an earlier state (fewer moves): written over in place.
    const l1 = slots.get('L1') as number;
    table.set(l1, factsOf(emptyLeadState('L1')));
    expect(columnsOf(table, l1)).toEqual({ moves: [], spells: [] });
  });
});
