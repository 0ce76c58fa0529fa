import { createRoute, z } from '@hono/zod-openapi';
import {
  Order,
  OrderInput,
  OrderList,
  OrderStatusInput,
  ReportInput,
  RndService,
  RndServiceInput,
  RndServiceList,
  ServiceSuggestions,
  SUB_PLATFORMS,
} from '@parkmatch/contracts';
import {
  bearer,
  createRouter,
  json,
  jsonBody,
  problem,
  requireAuth,
  type TokenService,
  tag,
} from '@parkmatch/service-kit';
import { Id, LeadId, pathParam, queryParam, Slug } from '../params.ts';
import { type CatalogueDeps, getService, putService, suggestionsFor, viewServices } from './catalogue.ts';
import {
  completeOrder,
  listOrders,
  moveOrder,
  type OrderDeps,
  placeOrder,
  readOrder,
  readReport,
} from './orders.ts';

export const RND = tag(
  'rnd-platform',
  'The shared R&D service platform (研发共享服务平台): its catalogue of services by sub-platform ' +
    '(basic and applied R&D, clinical evaluation, basic testing), orders paid partly by service voucher, ' +
    'accepted and completed by the operators with a report.',
);

const ServiceIdParam = z.object({ serviceId: pathParam(Slug, 'serviceId', 'The service’s id') });
const OrderIdParam = z.object({ orderId: pathParam(Id, 'orderId', 'The order’s id') });
const CatalogueQuery = z.object({
  subPlatform: queryParam(
    z.enum(SUB_PLATFORMS).optional(),
    'subPlatform',
    'Only this sub-platform’s services',
  ),
  operatorId: queryParam(Slug.optional(), 'operatorId', 'Only this operator’s services'),
});
const LeadQuery = z.object({
  leadId: queryParam(LeadId.optional(), 'leadId', 'Only this firm’s (the lead id)'),
});
const SuggestQuery = z.object({ leadId: queryParam(LeadId, 'leadId', 'The firm (its lead id)') });
const unauthorized = problem('No or bad token');

const putServiceRoute = createRoute({
  method: 'put',
  path: '/v1/rnd/services/{serviceId}',
  operationId: 'putRndService',
  tags: [RND],
  summary: 'Create or replace a service of the catalogue (an admin, or the operator’s staff)',
  security: bearer,
  request: { params: ServiceIdParam, body: jsonBody(RndServiceInput) },
  responses: {
    200: json(RndService, 'Replaced'),
    201: json(RndService, 'Created'),
    400: problem('Invalid service'),
    401: unauthorized,
    403: problem('Not staff of this operator'),
    422: problem('Unknown operator'),
  },
});
const listServicesRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/services',
  operationId: 'listRndServices',
  tags: [RND],
  summary: 'The catalogue, by id',
  security: bearer,
  request: { query: CatalogueQuery },
  responses: { 200: json(RndServiceList, 'By id'), 400: problem('Malformed query'), 401: unauthorized },
});
const getServiceRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/services/{serviceId}',
  operationId: 'getRndService',
  tags: [RND],
  summary: 'One service',
  security: bearer,
  request: { params: ServiceIdParam },
  responses: {
    200: json(RndService, 'The service'),
    400: problem('Malformed id'),
    401: unauthorized,
    404: problem('No such service'),
  },
});
const suggestRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/suggestions',
  operationId: 'suggestRndServices',
  tags: [RND],
  summary: 'Services the needs in a firm’s profile (rnd-services, clinical-samples …) suggest, with why',
  security: bearer,
  request: { query: SuggestQuery },
  responses: {
    200: json(ServiceSuggestions, 'Services answering more of the needs first'),
    400: problem('Missing lead id'),
    401: unauthorized,
    403: problem('The role may not do this'),
    404: problem('No such firm, or not one the caller acts for'),
  },
});
const placeRoute = createRoute({
  method: 'post',
  path: '/v1/rnd/orders',
  operationId: 'placeRndOrder',
  tags: [RND],
  summary: 'Order a service for a firm, paying `voucherCny` from its vouchers and the rest itself',
  security: bearer,
  request: { body: jsonBody(OrderInput) },
  responses: {
    201: json(Order, 'Placed (rnd.order.placed.v1; vouchers.balance.moved.v1 for the voucher part)'),
    400: problem('Invalid order'),
    401: unauthorized,
    403: problem('The role may not do this'),
    404: problem('No such firm, or not one the caller acts for'),
    409: problem('The firm withdrew its profile, or its voucher account is busy'),
    422: problem(
      'Unknown or withdrawn service; voucher part above the total, above the balance, expired or absent',
    ),
  },
});
const listOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/orders',
  operationId: 'listRndOrders',
  tags: [RND],
  summary: 'Orders the caller may read, newest first: a firm’s, a park’s, or an operator’s',
  security: bearer,
  request: { query: LeadQuery },
  responses: {
    200: json(OrderList, 'Newest first (at most 200)'),
    400: problem('Malformed lead id'),
    401: unauthorized,
    404: problem('No such firm, or not one the caller acts for'),
  },
});
const getOrderRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/orders/{orderId}',
  operationId: 'getRndOrder',
  tags: [RND],
  summary: 'One order',
  security: bearer,
  request: { params: OrderIdParam },
  responses: {
    200: json(Order, 'The order'),
    400: problem('Malformed id'),
    401: unauthorized,
    404: problem('No such order, or not one the caller may read'),
  },
});
const statusRoute = createRoute({
  method: 'post',
  path: '/v1/rnd/orders/{orderId}/status',
  operationId: 'changeRndOrderStatus',
  tags: [RND],
  summary:
    'The operator accepts or declines; the firm (or its park) cancels a placed order. Declined and cancelled orders get their voucher part back',
  security: bearer,
  request: { params: OrderIdParam, body: jsonBody(OrderStatusInput) },
  responses: {
    200: json(Order, 'Changed (rnd.order.status-changed.v1)'),
    400: problem('Invalid change'),
    401: unauthorized,
    403: problem('Not the caller’s move'),
    404: problem('No such order, or not one the caller may read'),
    409: problem('The order is not in a status that allows it'),
  },
});
const completeRoute = createRoute({
  method: 'post',
  path: '/v1/rnd/orders/{orderId}/report',
  operationId: 'completeRndOrder',
  tags: [RND],
  summary: 'The operator completes an accepted order with its report: a link, or a file of at most 160 KiB',
  security: bearer,
  request: { params: OrderIdParam, body: jsonBody(ReportInput) },
  responses: {
    200: json(Order, 'Completed (rnd.order.status-changed.v1)'),
    400: problem('Invalid report (a file too large, not base64 …)'),
    401: unauthorized,
    403: problem('Not the operator of this order'),
    404: problem('No such order, or not one the caller may read'),
    409: problem('The order is not accepted'),
    422: problem('Empty or oversized file'),
  },
});
const reportRoute = createRoute({
  method: 'get',
  path: '/v1/rnd/orders/{orderId}/report',
  operationId: 'getRndOrderReport',
  tags: [RND],
  summary: 'The report file of a completed order (a link report is in the order itself)',
  security: bearer,
  request: { params: OrderIdParam },
  responses: {
    200: {
      description: 'The file, with its content type',
      content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
    },
    400: problem('Malformed id'),
    401: unauthorized,
    404: problem('No such order or no report file'),
  },
});

export function rndRoutes(deps: CatalogueDeps & OrderDeps & { tokens: TokenService }) {
  const app = createRouter();
  const { tokens } = deps;
  app.on('PUT', '/v1/rnd/services/:serviceId', requireAuth(tokens, 'admin', 'service-operator'));
  app.on(
    'GET',
    ['/v1/rnd/services', '/v1/rnd/services/:serviceId', '/v1/rnd/orders', '/v1/rnd/orders/*'],
    requireAuth(tokens),
  );
  app.on('GET', '/v1/rnd/suggestions', requireAuth(tokens, 'firm', 'analyst', 'manager', 'admin'));
  app.on('POST', '/v1/rnd/orders', requireAuth(tokens, 'firm', 'analyst', 'manager', 'admin'));
  app.on('POST', '/v1/rnd/orders/*', requireAuth(tokens));

  app.openapi(putServiceRoute, async (c) => {
    const { service, created } = await putService(
      deps,
      c.var.principal,
      c.req.valid('param').serviceId,
      c.req.valid('json'),
    );
    return created ? c.json(service, 201) : c.json(service, 200);
  });
  app.openapi(listServicesRoute, async (c) => {
    const { subPlatform, operatorId } = c.req.valid('query');
    const docs = await deps.services.all({
      ...(subPlatform ? { subPlatform } : {}),
      ...(operatorId ? { operatorId } : {}),
    });
    return c.json({ items: await viewServices(deps, docs) }, 200);
  });
  app.openapi(getServiceRoute, async (c) =>
    c.json(await getService(deps, c.req.valid('param').serviceId), 200),
  );
  app.openapi(suggestRoute, async (c) =>
    c.json(await suggestionsFor(deps, c.var.principal, c.req.valid('query').leadId), 200),
  );

  app.openapi(placeRoute, async (c) => {
    const order = await placeOrder(deps, c.var.principal, c.req.valid('json'));
    c.header('location', `/v1/rnd/orders/${order.id}`);
    return c.json(order, 201);
  });
  app.openapi(listOrdersRoute, async (c) =>
    c.json({ items: await listOrders(deps, c.var.principal, c.req.valid('query').leadId) }, 200),
  );
  app.openapi(getOrderRoute, async (c) =>
    c.json(await readOrder(deps, c.var.principal, c.req.valid('param').orderId), 200),
  );
  app.openapi(statusRoute, async (c) => {
    const input = c.req.valid('json');
    const reason = input.status === 'accepted' ? undefined : input.reason;
    return c.json(
      await moveOrder(deps, c.var.principal, c.req.valid('param').orderId, input.status, reason),
      200,
    );
  });
  app.openapi(completeRoute, async (c) =>
    c.json(
      await completeOrder(deps, c.var.principal, c.req.valid('param').orderId, c.req.valid('json')),
      200,
    ),
  );
  app.openapi(reportRoute, async (c) => {
    const report = await readReport(deps, c.var.principal, c.req.valid('param').orderId);
    return c.body(Buffer.from(report.contentBase64, 'base64'), 200, {
      'content-type': report.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(report.name)}`,
    });
  });
  return app;
}
