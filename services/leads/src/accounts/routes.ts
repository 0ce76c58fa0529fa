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
  type Principal,
  parkScope,
  problem,
  type RevocationList,
  Role,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { DuplicateKeyError } from '@parkmatch/store';
import type { Context } from 'hono';
import { hashPassword, verifyPassword } from './passwords.ts';
import { type RevocationReason, TEAM_ROLES, type User, type UserRepository } from './repository.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

const TEAM_TOKEN_TTL_SECONDS = 12 * 3600;

const TokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
const TokenResponse = z.object({ token: z.string(), expiresIn: z.number().int(), role: Role });

/** Every role that signs in with a password (firms use their private link instead). */
const ACCOUNT_ROLES = ['analyst', 'manager', 'admin', 'bank-officer', 'service-operator'] as const;

const NewUser = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 lower-case letters, digits, ".", "_" or "-"'),
  password: z.string().min(8).max(200),
  role: z.enum(ACCOUNT_ROLES),
  /** One of the system's parks; required for analysts, absent for city-wide managers and admins. */
  parkId: ParkId.optional(),
});
const UserView = z.object({ username: z.string(), role: Role, parkId: z.string().optional() });
const AccountView = UserView.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
});
/** An account in a list: an analyst is shown its colleagues without when each account was made or changed. */
const ListedAccount = UserView.extend({
  disabled: z.boolean(),
  createdAt: z.string().optional().openapi({ description: 'Admins and managers only' }),
  updatedAt: z.string().optional().openapi({ description: 'Admins and managers only' }),
});
const AccountList = z.object({ items: z.array(ListedAccount) });
const ListQuery = z.strictObject({
  parkId: ParkId.optional().openapi({
    param: { name: 'parkId', in: 'query' },
    description: 'Only this park’s accounts (a park’s manager or analyst: its own park only)',
    example: 'dadukou-ivd',
  }),
});
const UsernameParam = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, 'a username')
    .openapi({
      param: { name: 'username', in: 'path' },
      description: 'The account’s username',
      example: 'dadukou',
    }),
});
const NewPassword = z.string().min(8).max(200);
const PasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});
const PasswordReset = z.strictObject({ newPassword: NewPassword });

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

const listUsers = createRoute({
  method: 'get',
  path: '/v1/users',
  operationId: 'listUsers',
  tags: [AUTH],
  summary: 'List team accounts (admins and city managers: any park’s; a park’s team: its own park’s)',
  description:
    'Admins and city managers list every account, or one park’s (`parkId`); a park’s manager ' +
    'lists its park’s accounts, disabled ones included. A park’s analyst lists its park’s ' +
    'roster — the analysts and managers whose accounts are not disabled, whom a lead’s liaison ' +
    '(联络员) may be picked from — with username, role, park and `disabled` only. A park’s ' +
    'team asking for another park is refused (403).',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: json(AccountList, 'Accounts by username, with whether each is disabled'),
    400: problem('Malformed query'),
    401: problem('No or bad token'),
    403: problem(
      'Firms, bank officers and service operators do not list accounts; a park’s manager or analyst lists its own park only',
    ),
  },
});

const accountAction = (action: 'disable' | 'enable', summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/v1/users/{username}/${action}`,
    operationId: `${action}User`,
    tags: [AUTH],
    summary,
    description,
    security: bearer,
    request: { params: UsernameParam },
    responses: {
      200: json(AccountView, 'The account as it is now'),
      400: problem('Malformed username'),
      401: problem('No or bad token'),
      403: problem('Admins only'),
      404: problem('No such account'),
      409: problem('An admin cannot disable its own account'),
    },
  });
const disableUser = accountAction(
  'disable',
  'Disable a team account and revoke its tokens (admin only)',
  'The account can no longer sign in, and every token issued to it stops working in every ' +
    'service (`leads.access.revoked.v1`). Idempotent.',
);
const enableUser = accountAction(
  'enable',
  'Enable a disabled team account (admin only)',
  'The account may sign in again; tokens revoked when it was disabled stay revoked. Idempotent.',
);

const changePassword = createRoute({
  method: 'put',
  path: '/v1/auth/password',
  operationId: 'changeOwnPassword',
  tags: [AUTH],
  summary: 'Change one’s own password (the current one is required)',
  description:
    'Every token issued to the account so far is revoked (other sessions end); the answer ' +
    'carries a new token for the caller. Wrong current passwords count as failed sign-ins.',
  security: bearer,
  request: { body: jsonBody(PasswordChange) },
  responses: {
    200: json(TokenResponse, 'Changed: a new token (the old ones no longer work)'),
    400: problem('Malformed request, or the new password is the current one'),
    401: problem('No or bad token, or a wrong current password'),
    403: problem('Firm tokens have no password'),
    404: problem('The account no longer exists'),
    429: problem('Too many failed attempts (Retry-After says when to try again)'),
  },
});

const resetPassword = createRoute({
  method: 'put',
  path: '/v1/users/{username}/password',
  operationId: 'resetUserPassword',
  tags: [AUTH],
  summary: 'Set a new password for an account and revoke its tokens (admin only)',
  security: bearer,
  request: { params: UsernameParam, body: jsonBody(PasswordReset) },
  responses: {
    204: { description: 'Reset; every token of the account is revoked' },
    400: problem('Malformed request'),
    401: problem('No or bad token'),
    403: problem('Admins only'),
    404: problem('No such account'),
  },
});

const revokeSessions = createRoute({
  method: 'post',
  path: '/v1/users/{username}/revoke-sessions',
  operationId: 'revokeUserSessions',
  tags: [AUTH],
  summary: 'Revoke every token of an account (admins; or the account itself: sign out everywhere)',
  security: bearer,
  request: { params: UsernameParam },
  responses: {
    204: { description: 'Revoked in every service' },
    400: problem('Malformed username'),
    401: problem('No or bad token'),
    403: problem('Not an admin, and not one’s own account'),
    404: problem('No such account'),
  },
});

/** The caller's address as the socket saw it ('unknown' when there is none, as in app.request tests). */
function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Whose sign-in this is: the socket's peer, or, when the peer is a trusted proxy (the portal),
 * the last address of its X-Forwarded-For (the one that proxy added; earlier ones are the
 * visitor's word). Without this every sign-in through the portal would share one address.
 */
function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const peer = peerAddress(c);
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((a) => a.trim());
  return forwarded.at(-1) || peer;
}

const accountView = (user: User) => ({
  username: user._id,
  role: user.role,
  ...(user.parkId ? { parkId: user.parkId } : {}),
  disabled: user.disabled === true,
  createdAt: user.createdAt,
  ...(user.updatedAt ? { updatedAt: user.updatedAt } : {}),
});

/** What a colleague sees of an account: who it is, its role and park, whether it is disabled. */
const colleagueView = (user: User) => ({
  username: user._id,
  role: user.role,
  ...(user.parkId ? { parkId: user.parkId } : {}),
  disabled: user.disabled === true,
});

const noAccount = (username: string) =>
  new HttpProblem(404, { zh: `没有账号 ${username}`, en: `no account ${username}` });

const tooManyFailures = (wait: number) =>
  new HttpProblem(429, {
    zh: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
    en: `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`,
  });

export interface AccountRouteDeps {
  users: UserRepository;
  tokens: TokenService;
  /** This service's revocation list: a revocation counts here at once, not when its event is back. */
  revocations?: Pick<RevocationList, 'apply'>;
  /** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
}

export function accountRoutes({ users, tokens, revocations, trustedProxies = [] }: AccountRouteDeps) {
  const app = createRouter();
  const throttle = new SignInThrottle();

  const signToken = async (user: User) => {
    const principal: Principal = {
      sub: user._id,
      role: user.role,
      ...(user.parkId ? { parkId: user.parkId } : {}),
      ep: user.tokenEpoch ?? 0,
    };
    const token = await tokens.sign(principal, TEAM_TOKEN_TTL_SECONDS);
    return { token, expiresIn: TEAM_TOKEN_TTL_SECONDS, role: user.role };
  };

  /** Applies `update` and revokes the account's tokens everywhere; null when there is no such account. */
  const revokeAccount = async (
    username: string,
    update: Parameters<UserRepository['revoke']>[1],
    reason: RevocationReason,
    by: string,
  ) => {
    const result = await users.revoke(username, update, { reason, by, at: new Date().toISOString() });
    if (!result) throw noAccount(username);
    await revocations?.apply([result.revocation]);
    return result.user;
  };

  app.openapi(issueToken, async (c) => {
    const { username, password } = c.req.valid('json');
    const address = clientAddress(c, trustedProxies);
    const wait = await throttle.waitSeconds(username, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooManyFailures(wait);
    }
    const user = await users.get(username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await throttle.failed(username, address);
      throw new HttpProblem(401, { zh: '用户名或密码错误', en: 'wrong username or password' });
    }
    await throttle.succeeded(username);
    // Said only to whoever knows the password, so it tells a guesser nothing.
    if (user.disabled)
      throw new HttpProblem(403, {
        zh: '该账号已停用，请联系管理员',
        en: 'this account is disabled; ask an administrator',
      });
    return c.json(await signToken(user), 200);
  });

  app.use('/v1/auth/password', requireAuth(tokens, ...ACCOUNT_ROLES));
  app.openapi(changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const username = c.var.principal.sub;
    const address = clientAddress(c, trustedProxies);
    const wait = await throttle.waitSeconds(username, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooManyFailures(wait);
    }
    const user = await users.get(username);
    if (!user) throw noAccount(username);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await throttle.failed(username, address);
      throw new HttpProblem(
        401,
        { zh: '当前密码错误', en: 'the current password is wrong' },
        {
          errors: [
            {
              path: 'currentPassword',
              message: '当前密码错误',
              messageEn: 'wrong password',
              code: 'wrong_password',
            },
          ],
        },
      );
    }
    if (currentPassword === newPassword)
      throw new HttpProblem(
        400,
        { zh: '新密码不能与当前密码相同', en: 'the new password is the current one' },
        {
          errors: [
            {
              path: 'newPassword',
              message: '与当前密码相同',
              messageEn: 'same as the current password',
              code: 'unchanged',
            },
          ],
        },
      );
    await throttle.succeeded(username);
    const changed = await revokeAccount(
      username,
      { $set: { passwordHash: await hashPassword(newPassword) } },
      'password-changed',
      username,
    );
    c.header('cache-control', 'no-store');
    return c.json(await signToken(changed), 200);
  });

  // Listing: a park's team and admins; creating (below): managers reach it and are refused there.
  app.on('GET', '/v1/users', requireAuth(tokens, ...TEAM_ROLES, 'admin'));
  app.on('POST', '/v1/users', requireAuth(tokens, 'manager', 'admin'));
  app.openapi(listUsers, async (c) => {
    const principal = c.var.principal;
    const { parkId } = c.req.valid('query');
    const scope = parkScope(principal);
    // Admins and city managers: any park's accounts, or all.
    if (scope === 'all') return c.json({ items: (await users.list(parkId)).map(accountView) }, 200);
    // A park's team: its own park only.
    const [own] = scope;
    if (!own || (parkId && parkId !== own))
      throw new HttpProblem(403, {
        zh: '只能查看本园区的账号',
        en: "a park's team lists its own park's accounts only",
      });
    if (principal.role === 'manager') return c.json({ items: (await users.list(own)).map(accountView) }, 200);
    // An analyst: the park's roster, with only what a colleague needs.
    return c.json({ items: (await users.roster(own)).map(colleagueView) }, 200);
  });

  app.use('/v1/users/:username/revoke-sessions', requireAuth(tokens, ...ACCOUNT_ROLES));
  app.openapi(revokeSessions, async (c) => {
    const { username } = c.req.valid('param');
    const principal = c.var.principal;
    if (principal.role !== 'admin' && principal.sub !== username)
      throw new HttpProblem(403, {
        zh: '只能撤销自己的会话（管理员除外）',
        en: 'only an admin revokes the sessions of another account',
      });
    await revokeAccount(username, {}, 'sessions-revoked', principal.sub);
    return c.body(null, 204);
  });

  app.use('/v1/users/:username/disable', requireAuth(tokens, 'admin'));
  app.openapi(disableUser, async (c) => {
    const { username } = c.req.valid('param');
    const principal = c.var.principal;
    if (username === principal.sub)
      throw new HttpProblem(409, {
        zh: '不能停用自己的账号',
        en: 'an admin cannot disable its own account',
      });
    const user = await users.get(username);
    if (!user) throw noAccount(username);
    if (user.disabled) return c.json(accountView(user), 200);
    return c.json(
      accountView(await revokeAccount(username, { $set: { disabled: true } }, 'disabled', principal.sub)),
      200,
    );
  });

  app.use('/v1/users/:username/enable', requireAuth(tokens, 'admin'));
  app.openapi(enableUser, async (c) => {
    const { username } = c.req.valid('param');
    const user = await users.update(username, {
      $unset: { disabled: '' },
      $set: { updatedAt: new Date().toISOString() },
    });
    if (!user) throw noAccount(username);
    return c.json(accountView(user), 200);
  });

  app.use('/v1/users/:username/password', requireAuth(tokens, 'admin'));
  app.openapi(resetPassword, async (c) => {
    const { username } = c.req.valid('param');
    const { newPassword } = c.req.valid('json');
    await revokeAccount(
      username,
      { $set: { passwordHash: await hashPassword(newPassword) } },
      'password-reset',
      c.var.principal.sub,
    );
    return c.body(null, 204);
  });

  app.openapi(createUser, async (c) => {
    if (c.var.principal.role !== 'admin')
      throw new HttpProblem(403, {
        zh: '只有管理员可以创建账号',
        en: 'only admins create accounts',
      });
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
