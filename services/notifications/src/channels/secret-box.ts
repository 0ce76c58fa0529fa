import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Channel secrets at rest (webhook URLs carry keys, signing secrets, addresses): AES-256-GCM
// with a key derived from AUTH_SECRET by HKDF-SHA256, a fresh 12-byte nonce per value, and
// the channel's id as associated data, so a sealed value copied onto another channel does
// not open. Stored as `v1.<nonce>.<tag>.<ciphertext>` (base64url).

export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const SALT = 'parkmatch/notifications';
const INFO = 'channel-secrets/v1';

export function createSecretBox(authSecret: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', authSecret, SALT, INFO, 32));
  return {
    seal(plain, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
