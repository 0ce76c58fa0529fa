import { createHmac } from 'node:crypto';

// Bearer tokens that must not open anything: each kind is a way a token goes wrong or is forged.
// Built by hand (HS256 is a few lines), so the test does not lean on the verifier it checks.

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, secret: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

function jwt(header: object, payload: object, secret: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(input, secret)}`;
}

export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

export type BadTokenKind =
  | 'malformed'
  | 'truncated'
  | 'wrong signature'
  | 'alg none'
  | 'expired'
  | 'wrong issuer'
  | 'unknown role'
  | 'firm token made staff';

/**
 * Eight bad tokens, from a real admin token and a real firm token of the system: an attacker
 * who holds either, or the shape of one, tries to pass.
 */
export function badTokens(admin: string, firm: string, secret: string): Record<BadTokenKind, string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = payloadOf(admin);
  const firmClaims = payloadOf(firm);
  const [firmHeader, , firmSignature] = firm.split('.');
  return {
    malformed: 'not-a-token',
    truncated: admin.slice(0, -12),
    // The admin's claims, signed with a secret that is not the system's.
    'wrong signature': jwt({ alg: 'HS256' }, claims, 'a-guessed-secret-a-guessed-secret-00'),
    // The admin's claims with no signature at all.
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    // Well signed, but its time is over.
    expired: jwt({ alg: 'HS256' }, { ...claims, iat: now - 7200, exp: now - 3600 }, secret),
    // Well signed, but not issued by parkmatch (another audience's token with the same secret).
    'wrong issuer': jwt({ alg: 'HS256' }, { ...claims, iss: 'another-system' }, secret),
    // Well signed, with a role the system does not have.
    'unknown role': jwt({ alg: 'HS256' }, { ...claims, role: 'superuser' }, secret),
    // A firm's own token with its claims edited to an admin's, its signature kept.
    'firm token made staff': `${firmHeader}.${b64({ ...firmClaims, role: 'admin', leadId: undefined })}.${firmSignature}`,
  };
}
