import type { MiddlewareHandler } from 'hono';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpProblem } from './problem.ts';

// Signed bearer tokens (HS256, one shared secret) that every service verifies on its own.
// Roles: firm (its own lead only), analyst (its park), manager (its park, or the city
// when it has no park), admin (everything).

export const ROLES = ['firm', 'analyst', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Principal = z.object({
  sub: z.string().min(1),
  role: Role,
  parkId: z.string().optional(),
  leadId: z.string().optional(),
});
export type Principal = z.infer<typeof Principal>;

const ISSUER = 'parkmatch';

export interface TokenService {
  sign(principal: Principal, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<Principal>;
}

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(principal, ttlSeconds = 12 * 3600) {
      const { sub, ...claims } = Principal.parse(principal);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      return Principal.parse(payload);
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
      const expired = error instanceof joseErrors.JWTExpired;
      throw new HttpProblem(
        401,
        expired ? { zh: '令牌已过期', en: 'token expired' } : { zh: '令牌无效', en: 'invalid token' },
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
