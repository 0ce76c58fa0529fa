import { createRoute, z } from '@hono/zod-openapi';
import { FinanceProduct, FinanceProductInput, FinanceProductList, PushInput } from '@parkmatch/contracts';
import { bearer, createRouter, json, jsonBody, problem, requireAuth, tag } from '@parkmatch/service-kit';
import { Id, LeadId, pathParam, queryParam, Slug } from '../params.ts';
import { getProduct, putProduct, viewProducts } from './catalogue.ts';
import type { FinanceDeps } from './deps.ts';
import { answerPush, listNeeds, needMatches, pushNeed, readNeed, registerNeed } from './needs.ts';
import {
  AnswerBody,
  NeedView as FinancingNeed,
  NeedViewList as FinancingNeedList,
  MatchList,
  NeedInput,
} from './schemas.ts';

export const FINANCE = tag(
  'finance',
  'Financing needs (渝企金服): banks’ credit products, needs matched to every product with the gates ' +
    'that excluded the rest, pushes to the banks the firm chooses, and the banks’ answers.',
);

const ProductIdParam = z.object({ productId: pathParam(Slug, 'productId', 'The product’s id') });
const NeedIdParam = z.object({ needId: pathParam(Id, 'needId', 'The financing need’s id') });
const AnswerParams = NeedIdParam.extend({ productId: pathParam(Slug, 'productId', 'The product pushed to') });
const ProductQuery = z.object({
  bankId: queryParam(Slug.optional(), 'bankId', 'Only this bank’s products'),
});
const NeedQuery = z.object({
  leadId: queryParam(LeadId.optional(), 'leadId', 'Only this firm’s needs (the lead id)'),
});

const unauthorized = problem('No or bad token');
const forbidden = problem('The role may not do this');

const putProductRoute = createRoute({
  method: 'put',
  path: '/v1/finance/products/{productId}',
  operationId: 'putFinanceProduct',
  tags: [FINANCE],
  summary: 'Create or replace a credit product (an admin, or an officer of the product’s bank)',
  security: bearer,
  request: { params: ProductIdParam, body: jsonBody(FinanceProductInput) },
  responses: {
    200: json(FinanceProduct, 'Replaced'),
    201: json(FinanceProduct, 'Created'),
    400: problem('Invalid product (a lower bound above its upper bound, a loan without rates …)'),
    401: unauthorized,
    403: problem('Not an officer of this bank'),
    422: problem('Unknown bank'),
  },
});

const listProductsRoute = createRoute({
  method: 'get',
  path: '/v1/finance/products',
  operationId: 'listFinanceProducts',
  tags: [FINANCE],
  summary: 'The credit products, by id',
  security: bearer,
  request: { query: ProductQuery },
  responses: {
    200: json(FinanceProductList, 'By id'),
    400: problem('Malformed bank id'),
    401: unauthorized,
  },
});

const getProductRoute = createRoute({
  method: 'get',
  path: '/v1/finance/products/{productId}',
  operationId: 'getFinanceProduct',
  tags: [FINANCE],
  summary: 'One credit product',
  security: bearer,
  request: { params: ProductIdParam },
  responses: {
    200: json(FinanceProduct, 'The product'),
    400: problem('Malformed product id'),
    401: unauthorized,
    404: problem('No such product'),
  },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/v1/finance/needs',
  operationId: 'registerFinancingNeed',
  tags: [FINANCE],
  summary: 'Register a firm’s financing need (the firm, or its park’s team)',
  security: bearer,
  request: { body: jsonBody(NeedInput) },
  responses: {
    201: json(FinancingNeed, 'Registered (announced with finance.need.registered.v1)'),
    400: problem('Invalid need (an amount under 1 万元 or over 10 亿元 among them)'),
    401: unauthorized,
    403: forbidden,
    404: problem('No such firm, or not one the caller acts for'),
    409: problem('The firm withdrew its profile'),
  },
});

const listNeedsRoute = createRoute({
  method: 'get',
  path: '/v1/finance/needs',
  operationId: 'listFinancingNeeds',
  tags: [FINANCE],
  summary:
    'Needs the caller may read, newest first: a firm’s own, a park’s, or those pushed to a bank’s officer',
  security: bearer,
  request: { query: NeedQuery },
  responses: {
    200: json(FinancingNeedList, 'Newest first (at most 200)'),
    400: problem('Malformed lead id'),
    401: unauthorized,
    403: forbidden,
    404: problem('No such firm, or not one the caller acts for'),
  },
});

const getNeedRoute = createRoute({
  method: 'get',
  path: '/v1/finance/needs/{needId}',
  operationId: 'getFinancingNeed',
  tags: [FINANCE],
  summary: 'One need with its pushes and the banks’ answers (a bank officer sees its banks’ pushes only)',
  security: bearer,
  request: { params: NeedIdParam },
  responses: {
    200: json(FinancingNeed, 'The need'),
    400: problem('Malformed id'),
    401: unauthorized,
    403: forbidden,
    404: problem('No such need, or not one the caller may read'),
  },
});

const matchesRoute = createRoute({
  method: 'get',
  path: '/v1/finance/needs/{needId}/matches',
  operationId: 'matchFinancingNeed',
  tags: [FINANCE],
  summary:
    'The need against every product: eligible ones scored with components and reasons, then the excluded ones with the gates that closed them',
  security: bearer,
  request: { params: NeedIdParam },
  responses: {
    200: json(MatchList, 'Eligible first, best first; then the excluded'),
    400: problem('Malformed id'),
    401: unauthorized,
    403: forbidden,
    404: problem('No such need, or not one the caller acts for'),
  },
});

const pushRoute = createRoute({
  method: 'post',
  path: '/v1/finance/needs/{needId}/pushes',
  operationId: 'pushFinancingNeed',
  tags: [FINANCE],
  summary:
    'Push the need to the chosen products’ banks (all or none; a product pushed before is left as it is)',
  security: bearer,
  request: { params: NeedIdParam, body: jsonBody(PushInput) },
  responses: {
    200: json(FinancingNeed, 'Pushed (one finance.need.pushed.v1 per new push)'),
    400: problem('Malformed list'),
    401: unauthorized,
    403: forbidden,
    404: problem('No such need, or not one the caller acts for'),
    409: problem('The firm withdrew its profile (the need is closed), or the need changed meanwhile'),
    422: problem('An unknown product, or one the need is not eligible for (errors name the gates)'),
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/v1/finance/needs/{needId}/pushes/{productId}/answer',
  operationId: 'answerFinancingNeed',
  tags: [FINANCE],
  summary:
    'A bank’s answer to a pushed need: reviewing, an offer (amount, rate, term) or declined with a reason',
  security: bearer,
  request: { params: AnswerParams, body: jsonBody(AnswerBody) },
  responses: {
    200: json(FinancingNeed, 'Answered (announced with finance.need.answered.v1)'),
    400: problem('Invalid answer'),
    401: unauthorized,
    403: problem('Bank officers and admins only'),
    404: problem('No such push, or not one to a bank the officer acts for'),
    409: problem(
      'The push was answered already (an offer or a refusal is final), or the need is closed (its firm withdrew)',
    ),
    422: problem('The offer is outside the product’s amount, term or rate'),
  },
});

export function financeRoutes(deps: FinanceDeps) {
  const app = createRouter();
  const { tokens } = deps;
  app.on('PUT', '/v1/finance/products/:productId', requireAuth(tokens, 'admin', 'bank-officer'));
  app.on('GET', ['/v1/finance/products', '/v1/finance/products/:productId'], requireAuth(tokens));
  app.on(['GET', 'POST'], ['/v1/finance/needs', '/v1/finance/needs/*'], requireAuth(tokens));
  app.on(
    'POST',
    ['/v1/finance/needs', '/v1/finance/needs/:needId/pushes'],
    requireAuth(tokens, 'firm', 'analyst', 'manager', 'admin'),
  );
  app.on(
    'GET',
    '/v1/finance/needs/:needId/matches',
    requireAuth(tokens, 'firm', 'analyst', 'manager', 'admin'),
  );
  app.on(
    'POST',
    '/v1/finance/needs/:needId/pushes/:productId/answer',
    requireAuth(tokens, 'bank-officer', 'admin'),
  );

  app.openapi(putProductRoute, async (c) => {
    const { product, created } = await putProduct(
      deps,
      c.var.principal,
      c.req.valid('param').productId,
      c.req.valid('json'),
    );
    return created ? c.json(product, 201) : c.json(product, 200);
  });
  app.openapi(listProductsRoute, async (c) => {
    const docs = await deps.products.all(c.req.valid('query').bankId);
    return c.json({ items: await viewProducts(deps, docs) }, 200);
  });
  app.openapi(getProductRoute, async (c) =>
    c.json(await getProduct(deps, c.req.valid('param').productId), 200),
  );

  app.openapi(registerRoute, async (c) => {
    const need = await registerNeed(deps, c.var.principal, c.req.valid('json'));
    c.header('location', `/v1/finance/needs/${need.id}`);
    return c.json(need, 201);
  });
  app.openapi(listNeedsRoute, async (c) =>
    c.json({ items: await listNeeds(deps, c.var.principal, c.req.valid('query').leadId) }, 200),
  );
  app.openapi(getNeedRoute, async (c) =>
    c.json(await readNeed(deps, c.var.principal, c.req.valid('param').needId), 200),
  );
  app.openapi(matchesRoute, async (c) => {
    const { needId } = c.req.valid('param');
    return c.json({ needId, ...(await needMatches(deps, c.var.principal, needId)) }, 200);
  });
  app.openapi(pushRoute, async (c) => {
    const { needId } = c.req.valid('param');
    return c.json(await pushNeed(deps, c.var.principal, needId, c.req.valid('json').productIds), 200);
  });
  app.openapi(answerRoute, async (c) => {
    const { needId, productId } = c.req.valid('param');
    return c.json(await answerPush(deps, c.var.principal, needId, productId, c.req.valid('json')), 200);
  });
  return app;
}
