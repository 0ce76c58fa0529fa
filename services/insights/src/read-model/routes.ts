import { createRoute, z } from '@hono/zod-openapi';
import {
  bearer,
  createRouter,
  json,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';

const READ_MODEL = tag(
  'read-model',
  'The state of the read model behind the metrics: its generation and size.',
);

export const ReadModelStatus = z
  .object({
    generation: z
      .number()
      .int()
      .openapi({ description: 'The generation served; a rebuild serves the next one' }),
    leads: z.number().int().openapi({ description: 'Leads in the read model' }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Goes up with every batch of events that changed something' }),
  })
  .openapi('ReadModelStatus');
export type ReadModelStatus = z.infer<typeof ReadModelStatus>;

const status = createRoute({
  method: 'get',
  path: '/v1/read-model',
  operationId: 'getReadModelStatus',
  tags: [READ_MODEL],
  summary: 'The generation and size of the read model (managers, admins)',
  security: bearer,
  responses: {
    200: json(ReadModelStatus, 'The read model now served'),
    401: problem('No or bad token'),
    403: problem('Managers and admins only'),
  },
});

export function readModelRoutes(deps: { tokens: TokenService; status: () => ReadModelStatus }) {
  const app = createRouter();
  app.use('/v1/read-model', requireAuth(deps.tokens, 'manager', 'admin'));
  app.openapi(status, (c) => c.json(deps.status(), 200));
  return app;
}
