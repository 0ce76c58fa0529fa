import { z } from 'zod';
import { defineEvent } from './envelope.ts';

/**
 * Tokens of a subject issued before now stop working, in every service: a team account's
 * sessions revoked (disabled, password changed or reset, sign-out everywhere), or a firm's
 * access link re-issued or its profile withdrawn. Tokens carry their subject's epoch (`ep`);
 * one below `epoch` is refused. Key: the username, or the lead id for a firm's tokens.
 */
export const accessRevoked = defineEvent(
  'leads.access.revoked.v1',
  z.object({
    subject: z.string().min(1),
    /** Tokens with a lower epoch are revoked; epochs only go up. */
    epoch: z.number().int().positive(),
    reason: z.enum([
      'disabled',
      'password-changed',
      'password-reset',
      'sessions-revoked',
      'link-reissued',
      'withdrawn',
    ]),
    by: z.string(),
    at: z.iso.datetime(),
  }),
);
