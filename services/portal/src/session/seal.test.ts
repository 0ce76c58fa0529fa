import { describe, expect, it } from 'vitest';
import { createSealer } from './seal.ts';

describe('sealing', () => {
  const secret = 'a-secret-of-enough-length-0123456789';

  it('gives back what it sealed', () => {
    const sealer = createSealer(secret, 'session-cookie');
    expect(sealer.unseal(sealer.seal({ csrf: 'x', n: 1 }))).toEqual({ csrf: 'x', n: 1 });
  });

  it('reads nothing altered, nothing sealed for another purpose or with another secret', () => {
    const sealer = createSealer(secret, 'session-cookie');
    const sealed = sealer.seal({ role: 'analyst' });
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
    expect(sealer.unseal(flipped)).toBeUndefined();
    expect(createSealer(secret, 'kept-form').unseal(sealed)).toBeUndefined();
    expect(createSealer(`${secret}!`, 'session-cookie').unseal(sealed)).toBeUndefined();
    expect(sealer.unseal('v1.garbage')).toBeUndefined();
    expect(sealer.unseal(undefined)).toBeUndefined();
  });

  it('keeps the content unreadable', () => {
    const sealed = createSealer(secret, 'session-cookie').seal({ token: 'eyJhbGciOi-secret-token' });
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('secret-token');
  });
});
