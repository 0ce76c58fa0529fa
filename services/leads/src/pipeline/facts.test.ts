import { creditCodeCheckChar } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { checkFacts, factFloors } from './facts.ts';

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

  it('refuses dates of what happened before the lead was received or before the stage it follows', () => {
    // Received 2026-03-02 at 10:00 Shanghai; signed 2026-05-09, registered 2026-06-01.
    const lead = {
      createdAt: '2026-03-02T02:00:00.000Z',
      facts: {
        signed: { agreedInvestmentCny: 5e8, signedOn: '2026-05-09' },
        registered: { registeredOn: '2026-06-01' },
      },
    };
    const signing = (signedOn: string) =>
      checkFacts('signed', { agreedInvestmentCny: 5e8, signedOn }, today, factFloors('signed', lead));
    expect(signing('1901-01-01')).toEqual({
      ok: false,
      errors: [
        {
          path: 'facts.signedOn',
          message: '不能早于线索接收日期（2026-03-02）',
          messageEn: 'must not be before the day the lead was received (2026-03-02)',
          code: 'before_received',
        },
      ],
    });
    expect(signing('2026-03-01').ok).toBe(false);
    expect(signing('2026-03-02').ok).toBe(true);

    const registered = {
      entityName: '重庆测试',
      creditCode: `91500104MA6000001${creditCodeCheckChar('91500104MA6000001')}`,
      registeredCapitalCny: 1e7,
    };
    const registering = (registeredOn: string) =>
      checkFacts('registered', { ...registered, registeredOn }, today, factFloors('registered', lead));
    expect(registering('2026-05-08')).toMatchObject({
      ok: false,
      errors: [{ path: 'facts.registeredOn', code: 'before_previous_stage' }],
    });
    const refused = registering('2026-05-08');
    expect(refused.ok ? '' : refused.errors[0]?.message).toBe('不能早于「签约」阶段记录的日期（2026-05-09）');
    expect(refused.ok ? '' : refused.errors[0]?.messageEn).toBe(
      'must not be before the date recorded at Signed (2026-05-09)',
    );
    expect(registering('2026-05-09').ok).toBe(true);

    const started = (to: 'construction' | 'operating', startedOn: string) =>
      checkFacts(to, { startedOn, expectedAnnualOutputCny: 1e9 }, today, factFloors(to, lead)).ok;
    expect(started('construction', '2026-05-31')).toBe(false);
    expect(started('construction', '2026-06-01')).toBe(true);
    // Production after construction: with a construction start recorded, that is the floor.
    const building = { ...lead, facts: { ...lead.facts, construction: { startedOn: '2026-08-01' } } };
    expect(factFloors('operating', building).map((f) => f.on)).toEqual(['2026-03-02', '2026-08-01']);
    // A stage skipped (no 注册 recorded): the one before it counts.
    expect(factFloors('construction', { ...lead, facts: { signed: lead.facts.signed } }).at(-1)?.on).toBe(
      '2026-05-09',
    );
    // The floor of a resume date or a loss is only the day received (and they carry no past date).
    expect(factFloors('on-hold', lead).map((f) => f.code)).toEqual(['before_received']);
  });

  it('counts the day received as Shanghai does: received at 23:30 UTC is the next day there', () => {
    const floors = factFloors('signed', { createdAt: '2026-03-01T23:30:00.000Z', facts: {} });
    expect(floors[0]?.on).toBe('2026-03-02');
  });
});
