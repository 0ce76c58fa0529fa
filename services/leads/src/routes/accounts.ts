import { createRoute } from '@hono/zod-openapi';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  jsonBody,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import type { Repositories } from '../repositories.ts';
import { NewUser, TokenRequest, TokenResponse, UserView } from '../schemas.ts';

const TEAM_TOKEN_TTL_SECONDS = 12 * 3600;

const issueToken = createRoute({
  method: 'post',
  path: '/v1/auth/token',
  tags: ['auth'],
  summary: 'Exchange a team member’s username and password for a bearer token',
  request: { body: jsonBody(TokenRequest) },
  responses: {
    200: json(TokenResponse, 'A signed token every service accepts'),
    400: problem('Malformed request'),
    401: problem('Wrong username or password'),
  },
});

const createUser = createRoute({
  method: 'post',
  path: '/v1/users',
  tags: ['auth'],
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

export function accountRoutes({ repos, tokens }: { repos: Repositories; tokens: TokenService }) {
  const app = createRouter();

  app.openapi(issueToken, async (c) => {
    const { username, password } = c.req.valid('json');
    const user = await repos.users.findOne({ _id: username });
    // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new HttpProblem(401, 'wrong username or password');
    const principal = { sub: user._id, role: user.role, ...(user.parkId ? { parkId: user.parkId } : {}) };
    const token = await tokens.sign(principal, TEAM_TOKEN_TTL_SECONDS);
    return c.json({ token, expiresIn: TEAM_TOKEN_TTL_SECONDS, role: user.role }, 200);
  });

  app.use('/v1/users', requireAuth(tokens, 'admin'));
  app.openapi(createUser, async (c) => {
    const input = c.req.valid('json');
    if (input.role === 'analyst' && !input.parkId) {
      throw new HttpProblem(400, 'an analyst belongs to a park', {
        errors: [{ path: 'parkId', message: 'required for analysts' }],
      });
    }
    try {
      await repos.users.insertOne({
        _id: input.username,
        role: input.role,
        ...(input.parkId ? { parkId: input.parkId } : {}),
        passwordHash: await hashPassword(input.password),
        createdAt: new Date().toISOString(),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw new HttpProblem(409, `username ${input.username} is taken`);
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
export async function ensureAdmin(repos: Repositories, admin: { username: string; password: string }) {
  const existing = await repos.users.findOne({ _id: admin.username });
  if (existing) return;
  try {
    await repos.users.insertOne({
      _id: admin.username,
      role: 'admin',
      passwordHash: await hashPassword(admin.password),
      createdAt: new Date().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
}
