import { describe, expect, it } from 'vitest';
import { checkFacts } from './facts.ts';

const today = '2026-11-02';
const paths = (check: ReturnType<typeof checkFacts>) => (check.ok ? [] : check.errors.map((e) => e.path));

describe('stage facts', () => {
  it('accepts the facts of a signing on or before today', () => {
    expect(checkFacts('signed', { agreedInvestmentCny: 5e8, signedOn: today }, today)).toEqual({
      ok: true,
      facts: { agreedInvestmentCny: 5e8, signedOn: today },
    });
  });

  it('names each bad or missing field under facts, in both languages', () => {
    const check = checkFacts('registered', { entityName: '', registeredCapitalCny: 0 }, today);
    expect(paths(check)).toEqual([
      'facts.entityName',
      'facts.creditCode',
      'facts.registeredCapitalCny',
      'facts.registeredOn',
    ]);
    expect(check.ok ? [] : check.errors.every((e) => e.message && e.messageEn)).toBe(true);
  });

  it('refuses dates of things that have not happened yet, and a resume date that has passed', () => {
    expect(paths(checkFacts('construction', { startedOn: '2026-11-03' }, today))).toEqual([
      'facts.startedOn',
    ]);
    expect(paths(checkFacts('on-hold', { resumeOn: today }, today))).toEqual(['facts.resumeOn']);
    expect(checkFacts('on-hold', { resumeOn: '2027-01-15' }, today).ok).toBe(true);
  });

  it('asks what the other reason is when a lead is lost for "other"', () => {
    expect(paths(checkFacts('lost', { reason: 'other' }, today))).toEqual(['facts.detail']);
    expect(checkFacts('lost', { reason: 'other', detail: '企业被并购' }, today).ok).toBe(true);
    expect(paths(checkFacts('lost', { reason: 'weather' }, today))).toEqual(['facts.reason']);
  });

  it('refuses facts for a stage that records none, and fields a stage does not have', () => {
    expect(paths(checkFacts('contacted', { met: true }, today))).toEqual(['facts']);
    expect(paths(checkFacts('on-hold', { resumeOn: '2027-01-15', why: 'x' }, today))).toEqual(['facts']);
  });
});
