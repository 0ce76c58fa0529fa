import { Agent, request } from 'undici';
import { checkPublicUrl } from './addresses.ts';
import { DeliveryError } from './port.ts';

// POSTs of the robots and webhooks, and what their answers mean. One keep-alive connection
// pool per adapter (undici's `request`: far less work per message than `fetch`). Robots
// answer HTTP 200 even when they refuse a message, so the caller reads the body as well.

export interface PostOptions {
  headers?: Record<string, string>;
  /** False for a channel a non-admin set up: its host must still resolve to a public address. */
  allowPrivate: boolean;
}

export interface PostAnswer {
  status: number;
  text: string;
  json: unknown;
}

export interface HttpClient {
  /** POSTs `body` (a JSON string); rejects with a DeliveryError on network faults, timeouts and non-2xx answers. */
  postJson(url: string, body: string, options: PostOptions): Promise<PostAnswer>;
  close(): Promise<void>;
}

export function createHttpClient({ timeoutMs = 10_000 } = {}): HttpClient {
  const agent = new Agent({
    connections: 16,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
  });
  return {
    async postJson(url, body, options) {
      if (!options.allowPrivate) {
        const check = await checkPublicUrl(url);
        if (!check.ok) throw new DeliveryError(check.reason.en, { permanent: true });
      }
      let status: number;
      let text: string;
      try {
        const res = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
          body,
          dispatcher: agent,
        });
        status = res.statusCode;
        text = await res.body.text();
      } catch (error) {
        throw new DeliveryError(describeFault(error, timeoutMs), { cause: error });
      }
      if (status < 200 || status >= 300) {
        // 408 and 429 and 5xx may pass later; any other answer is the same next time.
        const permanent = status < 500 && status !== 408 && status !== 429;
        throw new DeliveryError(`HTTP ${status}: ${text.slice(0, 200)}`, { permanent });
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status, text, json };
    },
    close: () => agent.close(),
  };
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function describeFault(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TIMEOUTS.has(code)) return `no answer in ${timeoutMs} ms (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return `unreachable: ${typeof code === 'string' ? `${code} ` : ''}${message}`;
}

/** A robot's JSON answer field (`errcode`, `code`) as a number; undefined when absent. */
export function numberField(json: unknown, field: string): number | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = (json as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : undefined;
}

export function stringField(json: unknown, field: string): string {
  if (typeof json !== 'object' || json === null) return '';
  const value = (json as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}
