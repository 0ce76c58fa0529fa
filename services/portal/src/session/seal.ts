import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Sealing: AES-256-GCM with a key derived (HKDF-SHA256) from the portal's SESSION_SECRET and
// a purpose, so one secret gives independent keys for the session cookie and for a form kept
// across a sign-in. A sealed value cannot be read or altered without the secret; unsealing
// anything else (tampered, truncated, sealed for another purpose) gives undefined.

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export interface Sealer {
  seal(value: unknown): string;
  unseal(sealed: string | undefined): unknown;
}

export function createSealer(secret: string, purpose: string): Sealer {
  const key = Buffer.from(hkdfSync('sha256', secret, 'parkmatch-portal', purpose, 32));
  const aad = Buffer.from(`${VERSION}:${purpose}`);
  return {
    seal(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    unseal(sealed) {
      if (!sealed?.startsWith(`${VERSION}.`)) return undefined;
      try {
        const bytes = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
        if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(aad);
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
