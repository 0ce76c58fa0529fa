import { describe, expect, it } from 'vitest';
import { checkMove, legalMoves } from './stages.ts';

const team = { manager: false, note: false, facts: false };
const withNote = { ...team, note: true };
const manager = { manager: true, note: true, facts: false };

describe('the stage machine', () => {
  it('moves forward one stage at a time without a note, asking facts where a stage has them', () => {
    expect(checkMove({ stage: 'lead' }, 'contacted', team)).toMatchObject({
      ok: true,
      position: { stage: 'contacted' },
    });
    expect(checkMove({ stage: 'negotiating' }, 'signed', team)).toEqual({
      ok: false,
      problem: 'needs',
      missing: ['facts'],
      move: { to: 'signed', kind: 'next', needs: ['facts'] },
    });
    expect(checkMove({ stage: 'negotiating' }, 'signed', { ...team, facts: true }).ok).toBe(true);
  });

  it('skips forward only with a note', () => {
    expect(checkMove({ stage: 'lead' }, 'site-visit', team)).toMatchObject({ ok: false, missing: ['note'] });
    expect(checkMove({ stage: 'lead' }, 'site-visit', withNote).ok).toBe(true);
  });

  it('goes back only for a manager, with a note', () => {
    expect(checkMove({ stage: 'negotiating' }, 'contacted', withNote)).toMatchObject({
      ok: false,
      missing: ['manager'],
    });
    expect(checkMove({ stage: 'negotiating' }, 'contacted', manager).ok).toBe(true);
  });

  it('remembers where a held lead was, resumes there, and lets a manager reopen a lost one', () => {
    const held = checkMove({ stage: 'site-visit' }, 'on-hold', { ...team, facts: true });
    expect(held).toMatchObject({ ok: true, position: { stage: 'on-hold', heldFrom: 'site-visit' } });
    if (!held.ok) return;
    expect(legalMoves(held.position).map((m) => m.to)).toEqual(['site-visit', 'lost']);
    const lost = checkMove(held.position, 'lost', { ...team, facts: true });
    expect(lost).toMatchObject({ ok: true, position: { stage: 'lost', heldFrom: 'site-visit' } });
    if (!lost.ok) return;
    expect(checkMove(lost.position, 'site-visit', withNote)).toMatchObject({
      ok: false,
      missing: ['manager'],
    });
    expect(checkMove(lost.position, 'site-visit', manager)).toMatchObject({
      ok: true,
      position: { stage: 'site-visit' },
    });
  });

  it('resumes or reopens at a stage with facts without asking for them again', () => {
    expect(legalMoves({ stage: 'on-hold', heldFrom: 'signed' })[0]).toEqual({
      to: 'signed',
      kind: 'resume',
      needs: [],
    });
    expect(legalMoves({ stage: 'lost', heldFrom: 'registered' })).toEqual([
      { to: 'registered', kind: 'reopen', needs: ['manager', 'note'] },
    ]);
  });

  it('refuses an illegal move, listing the legal next stages', () => {
    expect(checkMove({ stage: 'contacted' }, 'contacted', manager)).toEqual({
      ok: false,
      problem: 'illegal',
      legal: [
        'site-visit',
        'negotiating',
        'signed',
        'registered',
        'construction',
        'operating',
        'lead',
        'on-hold',
        'lost',
      ],
    });
    expect(checkMove({ stage: 'on-hold', heldFrom: 'lead' }, 'signed', manager)).toMatchObject({
      ok: false,
      problem: 'illegal',
      legal: ['lead', 'lost'],
    });
  });

  it('ends the loop at 投产 and closes a withdrawn lead for good', () => {
    expect(legalMoves({ stage: 'operating' }).every((m) => m.kind === 'back')).toBe(true);
    expect(legalMoves({ stage: 'withdrawn' })).toEqual([]);
  });
});
