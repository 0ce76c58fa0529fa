import { ProfileInput } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { filledForm } from '../../test/portal.ts';
import { fieldOfPath, profileFromValues, valuesFromProfile } from './profile-values.ts';

describe('the profile form’s values', () => {
  it('make a profile the contracts accept, and come back from it unchanged', () => {
    const values = filledForm({
      'project.plannedInvestmentCny': '１５，０００',
      'project.floorAreaM2': '2500.5',
    });
    const { profile, errors } = profileFromValues(values);
    expect(errors).toEqual([]);
    const parsed = ProfileInput.parse(profile);
    expect(parsed.project.plannedInvestmentCny).toBe(150_000_000);
    expect(parsed.project.floorAreaM2).toBe(2500.5);
    const again = valuesFromProfile(parsed);
    expect(again['project.plannedInvestmentCny']).toBe('15000');
    expect(again['project.products']).toBe('三重四极杆液质联用仪\n质谱检测试剂盒');
    expect(again['firm.qualifications']).toEqual(['high-tech']);
    expect(again['consent.dataUse']).toBe('true');
  });

  it('understand the unit a person adds to an amount in 万元, and a credit code typed full-width', () => {
    const investment = (typed: string) =>
      ProfileInput.parse(profileFromValues(filledForm({ 'project.plannedInvestmentCny': typed })).profile)
        .project.plannedInvestmentCny;
    expect(investment('5000万')).toBe(50_000_000);
    expect(investment('500 万元')).toBe(5_000_000);
    expect(investment('1.2亿')).toBe(120_000_000);
    expect(investment('１．５亿元')).toBe(150_000_000);
    expect(investment('3,000,000元')).toBe(3_000_000);
    expect(profileFromValues(filledForm({ 'project.plannedInvestmentCny': '五千万' })).errors).toHaveLength(
      1,
    );
    const { profile, errors } = profileFromValues(
      filledForm({ 'firm.creditCode': '９１３５０１００ｍ０００１００ｙ４３' }),
    );
    expect(errors).toEqual([]);
    expect(ProfileInput.parse(profile).firm.creditCode).toBe('91350100M000100Y43');
  });

  it('say which numbers are not numbers', () => {
    const { errors } = profileFromValues(
      filledForm({ 'firm.employees': '八十五', 'firm.foundedYear': '2018.5' }),
    );
    expect(errors.map((e) => e.path)).toEqual(['firm.foundedYear', 'firm.employees']);
  });

  it('send a missing consent as refused, so the API names the field', () => {
    const { profile } = profileFromValues(filledForm({ 'consent.dataUse': '' }));
    expect(profile.consent).toEqual({ dataUse: false });
  });

  it('put an API error path on its field', () => {
    expect(fieldOfPath('firm.creditCode')).toBe('firm.creditCode');
    expect(fieldOfPath('project.products.2')).toBe('project.products');
    expect(fieldOfPath('consent')).toBe('consent.dataUse');
    expect(fieldOfPath('(body)')).toBeUndefined();
  });
});
