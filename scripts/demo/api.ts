// A small JSON client for the demo loader: the public HTTP APIs, as any client would call them.

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export class Api {
  readonly base: string;
  token: string | undefined;

  constructor(base: string, token?: string) {
    this.base = base;
    this.token = token;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed as T };
  }

  get = <T = unknown>(path: string) => this.call<T>('GET', path);
  post = <T = unknown>(path: string, body: unknown) => this.call<T>('POST', path, body);
  put = <T = unknown>(path: string, body: unknown) => this.call<T>('PUT', path, body);
  patch = <T = unknown>(path: string, body: unknown) => this.call<T>('PATCH', path, body);
  delete = <T = unknown>(path: string) => this.call<T>('DELETE', path);
}

/** The problem's detail (or the body) of a failed answer, for a warning. */
export function why(answer: Answer): string {
  const body = answer.body as
    | { detail?: string; errors?: { path: string; messageEn?: string }[] }
    | undefined;
  const errors = body?.errors?.map((e) => `${e.path}: ${e.messageEn ?? ''}`).join('; ');
  return `${answer.status} ${body?.detail ?? (typeof answer.body === 'string' ? answer.body : '')}${errors ? ` (${errors})` : ''}`;
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
