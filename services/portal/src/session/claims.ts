import { Principal } from '@parkmatch/service-kit';
import { z } from 'zod';

// What a token says of its holder (role, park, lead, expiry). The portal does not verify the
// signature: it got the token straight from the leads service (or from the firm's link, which
// the leads service then checks), and every service verifies it on every call. The claims
// only decide which pages to offer and when the session ends.

const Claims = Principal.extend({ exp: z.number().int().positive() });
export type Claims = z.infer<typeof Claims>;

export function decodeClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const parsed = Claims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
