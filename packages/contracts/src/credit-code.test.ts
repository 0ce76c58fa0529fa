import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.ts';

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
});
