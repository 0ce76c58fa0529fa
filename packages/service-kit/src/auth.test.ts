import { describe, expect, it } from 'vitest';
import { createTokenService } from './auth.ts';

describe('tokens', () => {
  const tokens = createTokenService('a-test-secret-a-test-secret');

  it('round-trips a principal', async () => {
    const token = await tokens.sign({ sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' });
    expect(await tokens.verify(token)).toEqual({ sub: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' });
  });

  it('rejects a token signed with another secret, a tampered one and an expired one', async () => {
    const other = createTokenService('another-secret-another-secret');
    const forged = await other.sign({ sub: 'x', role: 'admin' });
    await expect(tokens.verify(forged)).rejects.toThrow();
    const real = await tokens.sign({ sub: 'x', role: 'analyst', parkId: 'p' });
    const [h, , s] = real.split('.');
    const body = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', iss: 'parkmatch' })).toString(
      'base64url',
    );
    await expect(tokens.verify(`${h}.${body}.${s}`)).rejects.toThrow();
    const expired = await tokens.sign({ sub: 'x', role: 'admin' }, -10);
    await expect(tokens.verify(expired)).rejects.toThrow();
  });
});
