import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AuthEnv, requireAuth, type TokenService } from './auth.ts';
import { docsRoutes } from './docs.ts';
import { issueErrors, jsonGuard, paramIssues } from './json-guard.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { documentTags } from './openapi.ts';
import { fieldErrors, HttpProblem, problemResponse } from './problem.ts';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ServiceAppOptions {
  service: string;
  version?: string;
  description?: string;
  logger: Logger;
  metrics: Metrics;
  readiness?: ReadinessCheck[];
  bodyLimitBytes?: number;
  /** When given, `/metrics` answers only an admin's token (it tells how busy and how far behind the service is). */
  tokens?: TokenService;
}

export type AppEnv = Env & AuthEnv & { Variables: { requestId: string } };
export type ServiceApp = OpenAPIHono<AppEnv>;

const READY_TIMEOUT_MS = 2_000;
/** The project carries no open-source license: the API descriptions say so. */
const LICENSE = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };
const ABOUT_EVERY_SERVICE =
  'Errors are RFC 9457 problem details (`application/problem+json`), in Chinese or English after ' +
  '`Accept-Language`. Besides the operations described here, the service answers `GET /healthz` ' +
  '(liveness), `GET /readyz` (readiness), `GET /metrics` (Prometheus text format) and `GET /docs` ' +
  '(this document in Swagger UI).';
const VALIDATION_FAILED = { zh: '请求未通过校验，见 errors', en: 'request failed validation; see errors' };

/** A new router for a group of routes that answers validation failures with problem+json. */
export function createRouter(): ServiceApp {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = fieldErrors(result.error.issues);
        // A parameter given twice (?tier=A&tier=B) reaches the schema as a list: say that, not
        // that the list is not one of A–D.
        if (result.target === 'query') {
          const repeated = Object.entries(c.req.queries())
            .filter(([, values]) => values.length > 1)
            .map(([name]) => name);
          for (const error of errors)
            if (repeated.includes(error.path))
              Object.assign(error, {
                message: `参数 ${error.path} 只能给一次`,
                messageEn: `give ${error.path} only once`,
                code: 'repeated',
              });
        }
        return problemResponse(c, 400, VALIDATION_FAILED, { errors });
      }
      // What no path parameter may be, whatever its route's schema allows (json-guard.ts).
      if (result.target === 'param') {
        const issues = paramIssues(result.data as Record<string, unknown>);
        if (issues.length > 0)
          return problemResponse(c, 400, VALIDATION_FAILED, { errors: issueErrors(issues) });
      }
    },
  });
}

/**
 * The Hono app every service starts from: request ids, access logs, metrics, body limit,
 * JSON guard, problem+json errors (404 for an unknown path, 405 with `Allow` for a known path
 * asked with another method), health, readiness, metrics, OpenAPI and a docs page.
 * It never listens; main.ts does.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const {
    service,
    logger,
    metrics,
    readiness = [],
    bodyLimitBytes = 256 * 1024,
    version = '0.1.0',
  } = options;
  const app = createRouter();

  app.use(requestId());
  // nosniff, frame and referrer policies on every answer, problems and docs included.
  app.use(secureHeaders());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const line = {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
  app.use(metrics.middleware);
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const { method, path } = c.req;
        const allow = methods.join(', ');
        c.header('Allow', allow);
        return problemResponse(c, 405, {
          zh: `${path} 不支持 ${method} 方法，可用：${allow}`,
          en: `${method} is not allowed on ${path}; allowed: ${allow}`,
        });
      },
    }),
  );
  app.use(
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) =>
        problemResponse(c, 413, {
          zh: `请求体超过 ${bodyLimitBytes} 字节`,
          en: `request body is larger than ${bodyLimitBytes} bytes`,
        }),
    }),
  );
  app.use(jsonGuard);

  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      return problemResponse(c, error.status, error.detail, {
        errors: error.errors,
        type: error.type,
        extensions: error.extensions,
      });
    }
    if (error instanceof HTTPException) {
      return problemResponse(c, error.status as ContentfulStatusCode, error.message || 'request rejected');
    }
    logger.error({ err: error, requestId: c.var.requestId, path: c.req.path }, 'unhandled error');
    return problemResponse(c, 500, {
      zh: '服务器内部错误；日志中可按请求编号（requestId）查到',
      en: 'internal error; the request id identifies it in the logs',
    });
  });
  app.notFound((c) =>
    problemResponse(c, 404, {
      zh: `没有这个接口：${c.req.method} ${c.req.path}`,
      en: `no route ${c.req.method} ${c.req.path}`,
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok', service }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), READY_TIMEOUT_MS, `${name} did not answer in ${READY_TIMEOUT_MS} ms`);
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', service, checks: results }, ready ? 200 : 503);
  });
  if (options.tokens) app.use('/metrics', requireAuth(options.tokens, 'admin'));
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A team member’s token from `POST /v1/auth/token` on the leads service (valid on every service), ' +
      'or the `accessToken` a firm receives from `POST /v1/profiles` (for its own profile).',
  });
  const description = [options.description, ABOUT_EVERY_SERVICE].filter(Boolean).join('\n\n');
  // Computed per request: the servers entry is this service's own base URL, as the caller reached it.
  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: { title: `parkmatch ${service}`, version, description, license: LICENSE },
    servers: [{ url: new URL(c.req.url).origin, description: `parkmatch ${service}` }],
    tags: documentTags(app),
  }));
  app.route('/docs', docsRoutes({ title: `parkmatch ${service} API`, specUrl: '/openapi.json' }));
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
