import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import { ParkId } from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  noToken,
  problem,
  Role,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import type { Context } from 'hono';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { UserRepository } from './repository.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

const TEAM_TOKEN_TTL_SECONDS = 12 * 3600;

const TokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
const TokenResponse = z.object({ token: z.string(), expiresIn: z.number().int(), role: Role });

const NewUser = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 lower-case letters, digits, ".", "_" or "-"'),
  password: z.string().min(8).max(200),
  role: z.enum(['analyst', 'manager', 'admin']),
  /** One of the system's parks; required for analysts, absent for city-wide managers and admins. */
  parkId: ParkId.optional(),
});
const UserView = z.object({ username: z.string(), role: Role, parkId: z.string().optional() });

const AUTH = tag('auth', 'Team accounts and the bearer tokens every service accepts.');

const issueToken = createRoute({
  method: 'post',
  path: '/v1/auth/token',
  operationId: 'issueToken',
  tags: [AUTH],
  summary: 'Exchange a team member’s username and password for a bearer token',
  security: noToken,
  request: { body: jsonBody(TokenRequest) },
  responses: {
    200: json(TokenResponse, 'A signed token every service accepts'),
    400: problem('Malformed request'),
    401: problem('Wrong username or password'),
    429: problem(
      'Too many failed sign-ins for this account or from this address (Retry-After says when to try again)',
    ),
  },
});

const createUser = createRoute({
  method: 'post',
  path: '/v1/users',
  operationId: 'createUser',
  tags: [AUTH],
  summary: 'Create a team account (admin only)',
  security: bearer,
  request: { body: jsonBody(NewUser) },
  responses: {
    201: json(UserView, 'Created'),
    400: problem('Invalid account'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
    409: problem('Username taken'),
  },
});

/** The caller's address as the socket saw it ('unknown' when there is none, as in app.request tests). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function accountRoutes({ users, tokens }: { users: UserRepository; tokens: TokenService }) {
  const app = createRouter();
  const throttle = new SignInThrottle();

  app.openapi(issueToken, async (c) => {
    const { username, password } = c.req.valid('json');
    const address = clientAddress(c);
    const wait = await throttle.waitSeconds(username, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new HttpProblem(429, {
        zh: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
        en: `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`,
      });
    }
    const user = await users.get(username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await throttle.failed(username, address);
      throw new HttpProblem(401, { zh: '用户名或密码错误', en: 'wrong username or password' });
    }
    await throttle.succeeded(username);
    const principal = { sub: user._id, role: user.role, ...(user.parkId ? { parkId: user.parkId } : {}) };
    const token = await tokens.sign(principal, TEAM_TOKEN_TTL_SECONDS);
    return c.json({ token, expiresIn: TEAM_TOKEN_TTL_SECONDS, role: user.role }, 200);
  });

  app.use('/v1/users', requireAuth(tokens, 'admin'));
  app.openapi(createUser, async (c) => {
    const input = c.req.valid('json');
    if (input.role === 'analyst' && !input.parkId) {
      throw new HttpProblem(
        400,
        { zh: '分析员必须属于一个园区', en: 'an analyst belongs to a park' },
        {
          errors: [
            { path: 'parkId', message: '分析员必填', messageEn: 'required for analysts', code: 'required' },
          ],
        },
      );
    }
    try {
      await users.insert({
        _id: input.username,
        role: input.role,
        ...(input.parkId ? { parkId: input.parkId } : {}),
        passwordHash: await hashPassword(input.password),
        createdAt: new Date().toISOString(),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw new HttpProblem(409, {
          zh: `用户名 ${input.username} 已被占用`,
          en: `username ${input.username} is taken`,
        });
      throw error;
    }
    return c.json(
      { username: input.username, role: input.role, ...(input.parkId ? { parkId: input.parkId } : {}) },
      201,
    );
  });

  return app;
}

const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Makes sure the configured admin exists (creating it on first start; the password is never overwritten). */
export async function ensureAdmin(users: UserRepository, admin: { username: string; password: string }) {
  const existing = await users.get(admin.username);
  if (existing) return;
  try {
    await users.insert({
      _id: admin.username,
      role: 'admin',
      passwordHash: await hashPassword(admin.password),
      createdAt: new Date().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
}
