import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './credit-code.ts';
import { ProfileInput } from './profile.ts';

describe('unified social credit code', () => {
  it('accepts a code whose check character is right', () => {
    // 91350100M000100Y43 is a published example (GB 32100-2015 appendix style)
    const first17 = '91350100M000100Y4';
    const code = first17 + creditCodeCheckChar(first17);
    expect(code).toBe('91350100M000100Y43');
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects a wrong check character, a forbidden letter and a wrong length', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });

  it('refuses codes whose checksum holds but whose authority, type or region do not exist', () => {
    const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);
    expect(isValidCreditCode('000000000000000000')).toBe(true); // the checksum alone lets it pass
    expect(creditCodeProblem('000000000000000000')?.en).toBe('no such registration authority');
    expect(creditCodeProblem(withCheck('94350100M000100Y4'))?.en).toBe(
      'no such organisation type for that authority',
    );
    expect(creditCodeProblem(withCheck('91990100M000100Y4'))?.en).toBe('no such administrative division');
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem(withCheck('52500000MJ1234567'))).toBeUndefined(); // 民政 · 民办非企业单位 · 重庆
  });
});

describe('text fields of a profile', () => {
  const profile = (name: string) => ({
    firm: { name, creditCode: '91350100M000100Y43', province: '福建', city: '厦门' },
    project: { title: '试剂', type: 'production', description: '胶体金' },
    contact: { name: '陈', phone: '13800000001' },
    consent: { dataUse: true },
  });

  it('refuses a name of invisible characters, and stores names in NFC', () => {
    expect(ProfileInput.safeParse(profile('\u200B\u200C\uFEFF')).success).toBe(false);
    const parsed = ProfileInput.parse(profile('Cafe\u0301 生物'));
    expect(parsed.firm.name).toBe('Caf\u00E9 生物');
  });
});
