import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { $ZodIssue } from 'zod/v4/core';
import { issueText, type ZhEn } from './issue-text.ts';

export type { ZhEn } from './issue-text.ts';

// RFC 9457 problem details. Every error answer of every service has this shape. `title` and
// `detail` follow the request's Accept-Language (zh or en, English by default); each field
// error carries both languages.

export interface FieldError {
  /** Dot path of the offending field, e.g. `firm.creditCode`. */
  path: string;
  /** What is wrong with the field, in Chinese. */
  message: string;
  /** The same in English. Every error the kit builds has it; hand-built errors should give it too. */
  messageEn?: string;
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

export type Language = keyof ZhEn;

const TITLES: Record<number, ZhEn> = {
  400: { zh: '请求有误', en: 'Bad Request' },
  401: { zh: '未登录或令牌无效', en: 'Unauthorized' },
  403: { zh: '无权访问', en: 'Forbidden' },
  404: { zh: '未找到', en: 'Not Found' },
  405: { zh: '不支持该请求方法', en: 'Method Not Allowed' },
  409: { zh: '冲突', en: 'Conflict' },
  413: { zh: '请求体过大', en: 'Content Too Large' },
  415: { zh: '不支持的媒体类型', en: 'Unsupported Media Type' },
  422: { zh: '无法处理的内容', en: 'Unprocessable Content' },
  429: { zh: '请求过于频繁', en: 'Too Many Requests' },
  500: { zh: '服务器内部错误', en: 'Internal Server Error' },
  503: { zh: '服务暂不可用', en: 'Service Unavailable' },
};

/** Throw from a handler to answer with a problem. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: ContentfulStatusCode;
  readonly detail: string | ZhEn;
  readonly errors: FieldError[] | undefined;
  readonly type: string;
  /** RFC 9457 extension members (e.g. the stages a refused move could take instead). */
  readonly extensions: Record<string, unknown> | undefined;
  constructor(
    status: ContentfulStatusCode,
    detail: string | ZhEn,
    options: { errors?: FieldError[]; type?: string; extensions?: Record<string, unknown> } = {},
  ) {
    super(typeof detail === 'string' ? detail : detail.en);
    this.status = status;
    this.detail = detail;
    this.errors = options.errors;
    this.type = options.type ?? 'about:blank';
    this.extensions = options.extensions;
  }
}

/** The language an Accept-Language header prefers among zh and en; English when it names neither. */
export function preferredLanguage(header: string | undefined): Language {
  let best: { language: Language; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const language = range.split('-')[0];
    if (language !== 'zh' && language !== 'en') continue;
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? 1,
    );
    if (q > 0 && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? 'en';
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string | ZhEn,
  options: {
    errors?: FieldError[] | undefined;
    type?: string;
    extensions?: Record<string, unknown> | undefined;
  } = {},
): Response {
  const language = preferredLanguage(c.req.header('accept-language'));
  const requestId: unknown = c.get('requestId');
  // Extension members first: they never override the standard ones.
  const body: Problem & Record<string, unknown> = {
    ...options.extensions,
    type: options.type ?? 'about:blank',
    title: (TITLES[status] ?? { zh: '错误', en: 'Error' })[language],
    status,
    detail: typeof detail === 'string' ? detail : detail[language],
    instance: c.req.path,
    ...(options.errors ? { errors: options.errors } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json; charset=utf-8',
    vary: 'Accept-Language',
  });
}

/** Zod issues to field errors, each with its message in Chinese and in English (see issue-text.ts). */
export function fieldErrors(issues: readonly $ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const { zh, en } = issueText(issue);
    return {
      path: issue.path.map(String).join('.') || '(body)',
      message: zh,
      messageEn: en,
      code: issue.code,
    };
  });
}
