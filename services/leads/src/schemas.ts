import { z } from '@hono/zod-openapi';
import { ProfileInput, Stage, Tier } from '@parkmatch/contracts';
import { Role } from '@parkmatch/service-kit';

export const LeadIdParam = z.object({
  leadId: z
    .uuid()
    .openapi({ param: { name: 'leadId', in: 'path' }, example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f' }),
});

export const SubmittedProfile = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    stage: Stage,
    accessToken: z
      .string()
      .openapi({ description: 'Bearer token for the firm to read and update its own profile' }),
  })
  .openapi('SubmittedProfile');

export const LeadView = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    stage: Stage,
    profile: ProfileInput,
    parks: z.record(z.string(), z.object({ tier: Tier, score: z.number() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Lead');

export const TokenRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const TokenResponse = z.object({ token: z.string(), expiresIn: z.number().int(), role: Role });

export const NewUser = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 lower-case letters, digits, ".", "_" or "-"'),
  password: z.string().min(8).max(200),
  role: z.enum(['analyst', 'manager', 'admin']),
  parkId: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .optional(),
});
export const UserView = z.object({ username: z.string(), role: Role, parkId: z.string().optional() });
