import type { MiddlewareHandler } from 'hono';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpProblem } from './problem.ts';

// Signed bearer tokens (HS256, one shared secret) that every service verifies on its own.
// Roles: firm (its own lead only), analyst (its park), manager (its park, or the city
// when it has no park), admin (everything); bank-officer and service-operator act for the
// bank or service operator whose members they are (firm-services keeps who belongs where) and
// see no park's data.

export const ROLES = ['firm', 'analyst', 'manager', 'admin', 'bank-officer', 'service-operator'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Principal = z.object({
  sub: z.string().min(1),
  role: Role,
  parkId: z.string().optional(),
  leadId: z.string().optional(),
  /** The subject's token epoch when the token was issued: lower than its epoch now = revoked. */
  ep: z.number().int().min(0).optional(),
});
export type Principal = z.infer<typeof Principal>;

const ISSUER = 'parkmatch';

export interface TokenService {
  sign(principal: Principal, ttlSeconds?: number): Promise<string>;
  /** Throws when the token is malformed, badly signed, expired or revoked (TokenRevokedError). */
  verify(token: string): Promise<Principal>;
}

/**
 * Where a verifier learns which tokens are revoked: the lowest epoch still valid for a
 * subject (0 when none was ever revoked). See revocations.ts for why epochs, not short tokens.
 */
export interface TokenRevocations {
  minEpoch(subject: string): number;
}

/** A well-signed, unexpired token whose subject's sessions were revoked after it was issued. */
export class TokenRevokedError extends Error {
  override readonly name = 'TokenRevokedError';
}

export function createTokenService(
  secret: string,
  { revocations }: { revocations?: TokenRevocations } = {},
): TokenService {
  // Imported once: given raw bytes, jose would import the key again on every sign and verify.
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return {
    async sign(principal, ttlSeconds = 12 * 3600) {
      const { sub, ...claims } = Principal.parse(principal);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(await key);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, await key, { issuer: ISSUER, algorithms: ['HS256'] });
      const principal = Principal.parse(payload);
      // Tokens issued before epochs existed count as epoch 0: any revocation stops them too.
      if (revocations && (principal.ep ?? 0) < revocations.minEpoch(principal.sub)) {
        throw new TokenRevokedError(`token of ${principal.sub} revoked`);
      }
      return principal;
    },
  };
}

export type AuthEnv = { Variables: { principal: Principal } };

/** Requires a valid bearer token with one of `roles` (any role when none given). */
export function requireAuth(tokens: TokenService, ...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new HttpProblem(401, {
        zh: '缺少令牌（Authorization: Bearer <token>）',
        en: 'missing bearer token (Authorization: Bearer <token>)',
      });
    let principal: Principal;
    try {
      principal = await tokens.verify(match[1]);
    } catch (error) {
      throw new HttpProblem(
        401,
        error instanceof joseErrors.JWTExpired
          ? { zh: '令牌已过期', en: 'token expired' }
          : error instanceof TokenRevokedError
            ? { zh: '令牌已被撤销，请重新登录', en: 'token revoked; sign in again' }
            : { zh: '令牌无效', en: 'invalid token' },
      );
    }
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new HttpProblem(403, {
        zh: `角色 ${principal.role} 无权执行此操作（需要 ${roles.join(' 或 ')}）`,
        en: `role ${principal.role} may not do this (needs ${roles.join(' or ')})`,
      });
    }
    c.set('principal', principal);
    await next();
  };
}
