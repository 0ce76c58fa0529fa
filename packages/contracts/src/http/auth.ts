import { z } from 'zod';

// Team sign-in over HTTP: what `POST /v1/auth/token` on the leads service takes and answers.

export const TokenRequest = z
  .strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .meta({ id: 'TokenRequest' });
export type TokenRequest = z.infer<typeof TokenRequest>;

/** A signed bearer token every service accepts, how long it is valid and the holder's role. */
export const IssuedToken = z
  .object({
    token: z.string(),
    expiresIn: z.number().int().meta({ description: 'Seconds the token is valid' }),
    role: z.enum(['firm', 'analyst', 'manager', 'admin', 'bank-officer', 'service-operator']),
  })
  .meta({ id: 'IssuedToken' });
export type IssuedToken = z.infer<typeof IssuedToken>;
