import { describe, expect, it } from 'vitest';
import { Form } from '../session/form.ts';
import { readTarget } from './target-form.ts';

const form = (fields: Record<string, string>) => new Form(Object.entries(fields));

describe('reading a target form', () => {
  it('reads money in 万元 as CNY and counts as whole numbers, with the baseline and a note', () => {
    const read = readTarget(
      form({
        year: '2027',
        'targets.firms': '300',
        'targets.revenueCny': '2,000,000',
        'targets.certificates': '８００',
        'targets.signedInvestmentCny': '',
        'baseline.year': '2022',
        'baseline.firms': '206',
        'baseline.revenueCny': '1376000',
        note: ' 十四五目标 ',
      }),
      'dadukou-ivd',
      'zh',
    );
    expect(read).toEqual({
      input: {
        scope: 'dadukou-ivd',
        year: 2027,
        targets: { firms: 300, revenueCny: 2e10, certificates: 800 },
        baseline: { year: 2022, firms: 206, revenueCny: 1.376e10 },
        note: '十四五目标',
      },
      errors: {},
    });
  });

  it('names what to fix beside each field, and asks for the baseline year with baseline figures', () => {
    expect(
      readTarget(form({ year: '', 'targets.firms': '-3', 'baseline.firms': '5' }), 'city', 'en').errors,
    ).toEqual({
      year: 'Fill this in',
      'targets.firms': 'Enter a whole number, not negative',
      'baseline.year': 'Give the baseline year with the baseline figures',
    });
  });

  it('leaves a year out of range and a target with no figure to the service', () => {
    expect(readTarget(form({ year: '1999' }), 'city', 'zh').input).toEqual({
      scope: 'city',
      year: 1999,
      targets: {},
    });
  });
});
