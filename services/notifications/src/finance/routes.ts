import { createRoute, z } from '@hono/zod-openapi';
import {
  bearer,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import type { BankInboxEntry, BankInboxRepository } from './inbox.ts';

// Banks' inboxes over HTTP: an officer reads the needs pushed to its bank (those addressed to
// it) and marks them read; admins see every bank's.

const BANK_INBOX = tag('bank-inbox', 'Banks’ inboxes: financing needs pushed to a bank, for its officers.');

const Bilingual = z.object({ zh: z.string(), en: z.string() });
export const BankInboxItem = z
  .object({
    id: z.string().openapi({ description: 'The notification’s id' }),
    bankId: z.string(),
    leadId: z.string().openapi({ description: 'The firm (its lead id in parkmatch)' }),
    firmName: z.string(),
    productName: z.string().openapi({ description: 'The bank’s product the need was pushed to' }),
    kind: z.string().openapi({ description: '`finance-pushed`' }),
    title: Bilingual,
    lines: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
    link: z.string().nullable(),
    occurredAt: z.iso.datetime().openapi({ description: 'When the need was pushed' }),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('BankInboxItem');
const BankInboxPage = z
  .object({
    items: z.array(BankInboxItem),
    nextBefore: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `before` for the next page; null at the end' }),
  })
  .openapi('BankInboxPage');

const itemOf = ({ _id, audience: _a, ...rest }: BankInboxEntry): z.infer<typeof BankInboxItem> => ({
  id: _id,
  ...rest,
});

const list = createRoute({
  method: 'get',
  path: '/v1/bank-inbox',
  operationId: 'listBankInbox',
  tags: [BANK_INBOX],
  summary:
    'The financing needs pushed to the caller’s bank and addressed to the caller (admins: every bank’s)',
  security: bearer,
  request: {
    query: z.object({
      bankId: z.string().max(64).optional().openapi({ description: 'Only this bank’s entries' }),
      unread: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: '`true`: unread only; `false`: read only' }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(200)
        .default(50)
        .openapi({ description: 'Entries on the page' }),
      before: z.iso.datetime().optional().openapi({ description: 'The `nextBefore` of the previous page' }),
    }),
  },
  responses: {
    200: json(BankInboxPage, 'Newest first'),
    400: problem('Bad query'),
    401: problem('No or bad token'),
    403: problem('Bank officers and admins only'),
  },
});

const markRead = createRoute({
  method: 'post',
  path: '/v1/bank-inbox/{id}/read',
  operationId: 'markBankInboxEntryRead',
  tags: [BANK_INBOX],
  summary: 'Mark a bank inbox entry read',
  security: bearer,
  request: {
    params: z.object({
      id: z.string().min(1).max(200).openapi({ description: 'The entry’s id, from `GET /v1/bank-inbox`' }),
    }),
  },
  responses: {
    200: json(BankInboxItem, 'The entry'),
    400: problem('Malformed entry id'),
    401: problem('No or bad token'),
    403: problem('Bank officers and admins only'),
    404: problem('No such entry in your inbox'),
  },
});

export function bankInboxRoutes({
  bankInbox,
  tokens,
  now,
}: {
  bankInbox: BankInboxRepository;
  tokens: TokenService;
  now: () => Date;
}) {
  const app = createRouter();
  app.use('/v1/bank-inbox', requireAuth(tokens, 'bank-officer', 'admin'));
  app.use('/v1/bank-inbox/*', requireAuth(tokens, 'bank-officer', 'admin'));
  app.openapi(list, async (c) => {
    const { bankId, unread, limit, before } = c.req.valid('query');
    const entries = await bankInbox.list(c.var.principal, {
      bankId,
      unread: unread === undefined ? undefined : unread === 'true',
      before,
      limit,
    });
    const nextBefore = entries.length === limit ? (entries.at(-1)?.createdAt ?? null) : null;
    return c.json({ items: entries.map(itemOf), nextBefore }, 200);
  });
  app.openapi(markRead, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await bankInbox.markRead(c.var.principal, id, now());
    if (!entry) throw new HttpProblem(404, { zh: `收件箱中没有 ${id}`, en: `no inbox entry ${id}` });
    return c.json(itemOf(entry), 200);
  });
  return app;
}
