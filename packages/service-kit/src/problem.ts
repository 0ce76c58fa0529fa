import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

// RFC 9457 problem details. Every error answer of every service has this shape.

export interface FieldError {
  /** Dot path of the offending field, e.g. `firm.creditCode`. */
  path: string;
  message: string;
  code?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Throw from a handler to answer with a problem. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: ContentfulStatusCode;
  readonly errors: FieldError[] | undefined;
  readonly type: string;
  constructor(
    status: ContentfulStatusCode,
    detail: string,
    options: { errors?: FieldError[]; type?: string } = {},
  ) {
    super(detail);
    this.status = status;
    this.errors = options.errors;
    this.type = options.type ?? 'about:blank';
  }
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  options: { errors?: FieldError[] | undefined; type?: string } = {},
): Response {
  const requestId: unknown = c.get('requestId');
  const body: Problem = {
    type: options.type ?? 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    ...(options.errors ? { errors: options.errors } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}

/** Zod issues (from any zod version's error) to field errors. */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
) {
  return issues.map(
    (issue): FieldError => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
      ...(issue.code ? { code: issue.code } : {}),
    }),
  );
}
