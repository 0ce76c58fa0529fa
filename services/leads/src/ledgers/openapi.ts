import { z } from '@hono/zod-openapi';
import { LedgerProblem } from '@parkmatch/contracts';
import { problem, requireAuth, type TokenService, tag } from '@parkmatch/service-kit';

// What the ledgers' route declarations share: tags, the lead id, the answers every ledger
// operation can give, and the gate (team roles only: firms never see a ledger).

export const LEDGER = tag(
  'ledger',
  '一企一策 ledger of an owned lead: its liaison, expected output and sales, visits and talks. ' +
    'Kept by the park that owns the lead; read and written by that park’s team and city-wide staff.',
);
export const APPEALS = tag(
  'appeals',
  'Firms’ problems (诉求) in the 一企一策 ledger: category, responsible department, due date, ' +
    'open → in progress → resolved or rejected.',
);
export const KEY_FIRMS = tag(
  'key-firms',
  '重点培育 ledger: monthly figures of key firms (every firm at 投产, and firms put on it by hand).',
);

export const LeadIdParam = z.object({
  leadId: z.uuid().openapi({
    param: { name: 'leadId', in: 'path' },
    description: 'The lead’s id',
    example: '019a5c1e-8f3b-7c2d-9e4f-0a1b2c3d4e5f',
  }),
});

/** The answers of an operation on one owned lead's ledger, besides its success and 400. */
export const ledgerProblems = {
  401: problem('No or bad token'),
  403: problem('Firms never see a ledger'),
  404: problem('No such lead, or another park owns it'),
} as const;

/** A 409 whose body may say what stands now (LedgerProblem's extension members). */
export const ledgerConflict = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: LedgerProblem } },
});

export const noOwnerYet = problem('No park owns the lead yet: it has no ledger (claim it first)');

/** Team members only (analysts, managers, admins); a firm gets 403. */
export const teamOnly = (tokens: TokenService) => requireAuth(tokens, 'analyst', 'manager', 'admin');
