import { describe, expect, it } from 'vitest';
import { canSeePark, createTokenService, visibleParks } from './auth.ts';

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

describe('scopes', () => {
  it('gives admins and city managers every park, analysts and park managers theirs, firms none', () => {
    expect(visibleParks({ sub: 'a', role: 'admin' })).toBe('all');
    expect(visibleParks({ sub: 'm', role: 'manager' })).toBe('all');
    expect(visibleParks({ sub: 'm', role: 'manager', parkId: 'fuling' })).toEqual(['fuling']);
    expect(visibleParks({ sub: 'a', role: 'analyst', parkId: 'gaoxin' })).toEqual(['gaoxin']);
    expect(visibleParks({ sub: 'f', role: 'firm', leadId: 'l' })).toEqual([]);
    expect(canSeePark({ sub: 'a', role: 'analyst', parkId: 'gaoxin' }, 'fuling')).toBe(false);
  });

  it('gives an analyst without a park nothing', () => {
    expect(visibleParks({ sub: 'a', role: 'analyst' })).toEqual([]);
  });
});
