import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('a-test-auth-secret-a-test-auth-secret');

  it('opens what it sealed, for the same channel only', () => {
    const sealed = box.seal('SEC0123456789abcdef', 'ch_1');
    expect(sealed).not.toContain('SEC0123456789abcdef');
    expect(box.open(sealed, 'ch_1')).toBe('SEC0123456789abcdef');
    expect(() => box.open(sealed, 'ch_2')).toThrow();
  });

  it('seals the same secret differently each time, and refuses a tampered value or another key', () => {
    const a = box.seal('钉钉密钥', 'ch_1');
    expect(box.seal('钉钉密钥', 'ch_1')).not.toBe(a);
    const parts = a.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'ch_1')).toThrow();
    expect(() => createSecretBox('another-auth-secret-another-auth').open(a, 'ch_1')).toThrow();
  });
});
