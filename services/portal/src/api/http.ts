import { Problem, type ProblemView } from '@parkmatch/contracts';
import type { z } from 'zod';
import type { Lang } from '../i18n/lang.ts';

// One way to call another service: JSON over fetch with a timeout, the caller's token and
// language, the answer checked against the contracts' schema. A service's refusal (4xx,
// problem+json) is an answer the page shows; a service that cannot be reached, fails (5xx)
// or answers outside its contract is an UpstreamError, which the portal's error page shows.

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem: ProblemView };

export interface CallContext {
  /** The caller's bearer token (a team member's or the firm's). */
  token?: string | undefined;
  /** Asked of the service as Accept-Language: problem details come back in it. */
  lang: Lang;
  /** The portal request's id, passed on so the services' logs line up with the portal's. */
  requestId?: string | undefined;
  /** The visitor's address, sent as X-Forwarded-For (leads counts failed sign-ins by it when it trusts the portal). */
  forwardedFor?: string | undefined;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly service: string;
  constructor(service: string, message: string, options?: { cause?: unknown }) {
    super(`${service}: ${message}`, options);
    this.service = service;
  }
}

export interface Upstream {
  readonly service: string;
  readonly baseUrl: string;
  call<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    ctx: CallContext,
    options?: CallOptions,
  ): Promise<ApiResult<z.output<S>>>;
  /** A call whose success has no body (204). */
  send(method: string, path: string, ctx: CallContext, options?: CallOptions): Promise<ApiResult<null>>;
  /**
   * A download: the service's answer itself, its body not read (the caller streams it on). The
   * timeout covers the wait for the headers only, so a long file is never cut off.
   */
  stream(method: string, path: string, ctx: CallContext, options?: CallOptions): Promise<ApiResult<Response>>;
  healthy(): Promise<void>;
}

export type Fetch = (input: URL | string, init?: RequestInit) => Promise<Response>;

export function createUpstream(
  service: string,
  baseUrl: string,
  timeoutMs: number,
  fetchImpl: Fetch = fetch,
): Upstream {
  async function request(
    method: string,
    path: string,
    ctx: CallContext,
    options: CallOptions,
    accept = 'application/json',
    signal: AbortSignal = AbortSignal.timeout(timeoutMs),
  ) {
    const url = new URL(path, `${baseUrl}/`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept, 'accept-language': ctx.lang };
    if (ctx.token) headers.authorization = `Bearer ${ctx.token}`;
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    if (ctx.forwardedFor) headers['x-forwarded-for'] = ctx.forwardedFor;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetchImpl(url, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal,
      });
    } catch (error) {
      throw new UpstreamError(service, `${method} ${url.pathname} failed`, { cause: error });
    }
  }

  async function refusal(response: Response, method: string, path: string) {
    if (response.status >= 500)
      throw new UpstreamError(service, `${method} ${path} answered ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = Problem.safeParse(body);
    const problem: ProblemView = parsed.success
      ? parsed.data
      : { type: 'about:blank', title: response.statusText, status: response.status };
    return { ok: false as const, status: response.status, problem };
  }

  return {
    service,
    baseUrl,
    async call(schema, method, path, ctx, options = {}) {
      const response = await request(method, path, ctx, options);
      if (!response.ok) return refusal(response, method, path);
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ');
        throw new UpstreamError(service, `${method} ${path}: answer outside the contract (${where})`);
      }
      return { ok: true, status: response.status, data: parsed.data };
    },
    async send(method, path, ctx, options = {}) {
      const response = await request(method, path, ctx, options);
      if (!response.ok) return refusal(response, method, path);
      await response.body?.cancel();
      return { ok: true, status: response.status, data: null };
    },
    async stream(method, path, ctx, options = {}) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
      try {
        const response = await request(method, path, ctx, options, '*/*', controller.signal);
        if (!response.ok) return refusal(response, method, path);
        return { ok: true, status: response.status, data: response };
      } finally {
        clearTimeout(timer);
      }
    },
    async healthy() {
      const response = await fetchImpl(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(
        (error: unknown) => {
          throw new UpstreamError(service, 'not reachable', { cause: error });
        },
      );
      await response.body?.cancel();
      if (!response.ok) throw new UpstreamError(service, `/healthz answered ${response.status}`);
    },
  };
}
