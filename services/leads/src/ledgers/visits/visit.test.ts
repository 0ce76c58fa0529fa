import { describe, expect, it } from 'vitest';
import { visitProblems } from './visit.ts';

const visit = { date: '2026-11-02', participants: ['王主任'], summary: '初次走访' };

describe('the rules of a visit that need today', () => {
  it('takes a visit today or earlier, with a next step due on or after it', () => {
    expect(visitProblems(visit, '2026-11-02')).toEqual([]);
    expect(
      visitProblems({ ...visit, nextStep: '寄送政策汇编', nextStepDueOn: '2026-11-02' }, '2026-11-02'),
    ).toEqual([]);
  });

  it('refuses a visit in the future, a next step due before the visit, and a due date with no next step', () => {
    expect(visitProblems(visit, '2026-11-01')).toMatchObject([{ path: 'date', code: 'future' }]);
    expect(visitProblems({ ...visit, nextStepDueOn: '2026-11-01' }, '2026-11-02')).toMatchObject([
      { path: 'nextStepDueOn', code: 'before-date' },
      { path: 'nextStep', code: 'required' },
    ]);
  });

  it('refuses a visit before the day the lead was received; that day itself is fine', () => {
    expect(visitProblems({ ...visit, date: '1990-01-01' }, '2026-11-02', '2026-10-15')).toMatchObject([
      { path: 'date', code: 'before_received' },
    ]);
    expect(visitProblems({ ...visit, date: '2026-10-14' }, '2026-11-02', '2026-10-15')).toHaveLength(1);
    expect(visitProblems({ ...visit, date: '2026-10-15' }, '2026-11-02', '2026-10-15')).toEqual([]);
  });
});
