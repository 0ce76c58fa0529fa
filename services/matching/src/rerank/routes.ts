import { createRoute } from '@hono/zod-openapi';
import { Rerank } from '@parkmatch/contracts';
import {
  assertPark,
  bearer,
  createRouter,
  HttpProblem,
  json,
  problem,
  requireAuth,
  type TokenService,
} from '@parkmatch/service-kit';
import { ParkIdParam } from '../params.ts';
import type { RerankDoc, RerankRepository } from './repository.ts';

export const rerankView = ({ _id, cursor: _cursor, ...rest }: RerankDoc) => rest;

const rerankStatus = createRoute({
  method: 'get',
  path: '/v1/parks/{parkId}/rerank',
  operationId: 'getRerankProgress',
  tags: ['catalog'],
  summary: 'Progress of the latest re-rank of the park',
  security: bearer,
  request: { params: ParkIdParam },
  responses: {
    200: json(Rerank, 'Progress'),
    400: problem('Malformed park id'),
    401: problem('No or bad token'),
    403: problem('Not your park'),
    404: problem('Never re-ranked'),
  },
});

export function rerankRoutes({ reranks, tokens }: { reranks: RerankRepository; tokens: TokenService }) {
  const app = createRouter();
  app.use('/v1/parks/:parkId/rerank', requireAuth(tokens, 'analyst', 'manager', 'admin'));
  app.openapi(rerankStatus, async (c) => {
    const { parkId } = c.req.valid('param');
    assertPark(c.var.principal, parkId);
    const latest = await reranks.latest(parkId);
    if (!latest)
      throw new HttpProblem(404, {
        zh: `园区 ${parkId} 尚未重新排序`,
        en: `park ${parkId} has not been re-ranked`,
      });
    return c.json(rerankView(latest), 200);
  });
  return app;
}
