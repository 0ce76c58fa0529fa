import { describe, expect, it } from 'vitest';
import { figures } from '../../../test/ledger-steps.ts';
import { changedFields, classifyReport, monthProblems, reported } from './figures.ts';
import { keyFirmStatus } from './key-firm.ts';

describe('reporting a month’s figures', () => {
  it('is a first report, the same again, or a correction naming what changed', () => {
    expect(classifyReport(null, figures())).toEqual({ kind: 'first' });
    expect(classifyReport(figures(), figures())).toEqual({ kind: 'same' });
    expect(classifyReport(figures(), figures({ revenueCny: 13_000_000, employees: 150 }))).toEqual({
      kind: 'correction',
      changed: ['revenueCny', 'employees'],
    });
    expect(changedFields(figures(), figures({ mainBusiness: '分子诊断试剂' }))).toEqual(['mainBusiness']);
  });

  it('keeps just the figures and who reported them in a correction’s history', () => {
    const stored = { ...figures(), reportedBy: 'dadukou', reportedAt: '2026-11-02T02:00:00.000Z' };
    expect(reported({ ...stored, extra: 1 } as typeof stored)).toEqual(stored);
  });

  it('refuses a month after this one (Asia/Shanghai)', () => {
    expect(monthProblems('2026-11', '2026-11')).toEqual([]);
    expect(monthProblems('2025-12', '2026-11')).toEqual([]);
    expect(monthProblems('2026-12', '2026-11')).toMatchObject([{ path: 'month', code: 'future' }]);
  });

  it('takes no month before 2000-01, the floor of a firm’s history', () => {
    expect(monthProblems('2000-01', '2026-11')).toEqual([]);
    expect(monthProblems('1999-12', '2026-11')).toMatchObject([{ path: 'month', code: 'too_early' }]);
    expect(monthProblems('1900-01', '2026-11')).toMatchObject([{ path: 'month', code: 'too_early' }]);
  });
});

describe('who is on the 重点培育 ledger', () => {
  it('is a firm at 投产 unless taken off, and any firm put on it by hand', () => {
    expect(keyFirmStatus({ stage: 'operating' })).toEqual({ onLedger: true, because: 'operating' });
    expect(keyFirmStatus({ stage: 'construction' })).toEqual({ onLedger: false });
    const by = { by: 'dadukou', at: '2026-11-02T02:00:00.000Z' };
    expect(keyFirmStatus({ stage: 'construction', keyFirm: { onLedger: true, ...by } })).toEqual({
      onLedger: true,
      because: 'marked',
    });
    expect(keyFirmStatus({ stage: 'operating', keyFirm: { onLedger: false, ...by } })).toEqual({
      onLedger: false,
    });
  });
});
