import { describe, expect, it } from 'vitest';
import { checkStatusChange, nextStatuses } from './status.ts';

describe('the appeal status machine', () => {
  it('goes open → in progress → resolved, and open straight to resolved or rejected', () => {
    expect(nextStatuses('open')).toEqual(['in-progress', 'resolved', 'rejected']);
    expect(nextStatuses('in-progress')).toEqual(['resolved', 'rejected']);
    expect(checkStatusChange('open', { status: 'in-progress' })).toEqual({ ok: true });
    expect(
      checkStatusChange('in-progress', { status: 'resolved', resolution: '已协调药监局加快审评' }),
    ).toEqual({
      ok: true,
    });
    expect(checkStatusChange('open', { status: 'rejected', rejectionReason: '不属于园区职责' })).toEqual({
      ok: true,
    });
  });

  it('lets nothing leave resolved or rejected, and refuses staying put, listing what is legal', () => {
    expect(checkStatusChange('resolved', { status: 'in-progress' })).toEqual({
      ok: false,
      problem: 'illegal',
      legal: [],
    });
    expect(checkStatusChange('rejected', { status: 'resolved', resolution: 'x' })).toMatchObject({
      problem: 'illegal',
    });
    expect(checkStatusChange('in-progress', { status: 'open' })).toEqual({
      ok: false,
      problem: 'illegal',
      legal: ['resolved', 'rejected'],
    });
  });

  it('asks how for resolved and why for rejected, and takes neither text elsewhere', () => {
    expect(checkStatusChange('open', { status: 'resolved' })).toMatchObject({
      ok: false,
      problem: 'invalid',
      errors: [{ path: 'resolution', code: 'required' }],
    });
    expect(checkStatusChange('open', { status: 'rejected' })).toMatchObject({
      errors: [{ path: 'rejectionReason', code: 'required' }],
    });
    expect(
      checkStatusChange('open', { status: 'in-progress', resolution: 'x', rejectionReason: 'y' }),
    ).toMatchObject({
      errors: [
        { path: 'resolution', code: 'unexpected' },
        { path: 'rejectionReason', code: 'unexpected' },
      ],
    });
  });
});
