// Load generation over undici (keep-alive connection pools), run in the benchmark's own
// process: a closed loop (N connections, each sending its next request when the previous
// one is answered) and an open loop (requests sent on a fixed schedule whatever the
// answers). Latency is measured per request; the open loop measures from the scheduled
// send time, so a generator or server that falls behind shows in the figures.
import { Agent, Pool } from 'undici';

export const REQUEST_TIMEOUT_MS = 30_000;

/** Wall-clock milliseconds with sub-millisecond resolution (comparable to the services' ISO timestamps). */
export const wallNow = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Refuses any target that is not on the loopback address. */
export function assertLoopback(url: string): void {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`refusing to send load to ${url}: 127.0.0.1 only`);
}

/** Latencies and outcomes of many requests. */
export class Recorder {
  #latencies = new Float64Array(1 << 14);
  #count = 0;
  readonly outcomes = new Map<string, number>();

  add(outcome: string, ms: number): void {
    if (this.#count === this.#latencies.length) {
      const bigger = new Float64Array(this.#latencies.length * 2);
      bigger.set(this.#latencies);
      this.#latencies = bigger;
    }
    this.#latencies[this.#count++] = ms;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  get count(): number {
    return this.#count;
  }

  count2xx(): number {
    let n = 0;
    for (const [outcome, c] of this.outcomes) if (/^2\d\d$/.test(outcome)) n += c;
    return n;
  }

  /** Every latency, sorted ascending. */
  sorted(): Float64Array {
    return this.#latencies.slice(0, this.#count).sort();
  }
}

/** Nearest-rank percentile of an ascending array (p in 0..1). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  seconds: number;
  /** Answered requests per second (any status). */
  rps: number;
  /** 2xx answers per second. */
  okRps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  outcomes: Record<string, number>;
  /** CPU time of the generator process over the run, as a fraction of one core. */
  generatorCpu: number;
}

function result(recorder: Recorder, seconds: number, cpu: NodeJS.CpuUsage): LoadResult {
  const sorted = recorder.sorted();
  const ok = recorder.count2xx();
  return {
    requests: recorder.count,
    ok,
    seconds,
    rps: recorder.count / seconds,
    okRps: ok / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    outcomes: Object.fromEntries([...recorder.outcomes].sort(([a], [b]) => a.localeCompare(b))),
    generatorCpu: (cpu.user + cpu.system) / 1000 / (seconds * 1000),
  };
}

/** What each request's answer is handed to (only 2xx bodies are read as text). */
export type OnAnswer = (answer: { status: number; body: string; sentAtWall: number; ms: number }) => void;

interface PostSpec {
  /** Origin (http://127.0.0.1:port) and path. */
  url: string;
  /** A fresh JSON body per request. */
  body: () => string;
  onAnswer?: OnAnswer;
}

async function post(pool: Pool, path: string, body: string) {
  const res = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}

const outcomeOf = (error: unknown): string => {
  const e = error as { code?: unknown; name?: unknown };
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'error';
};

/**
 * `connections` workers, each posting its next body as soon as the previous answer is in,
 * until `durationMs` has passed or `total` requests were sent (whichever is given first).
 */
export async function closedLoop(
  spec: PostSpec & {
    connections: number;
    durationMs?: number;
    total?: number;
    /** Called every 5 s with the recorder so far. */
    onProgress?: (recorder: Recorder, elapsedMs: number) => void;
  },
): Promise<LoadResult> {
  assertLoopback(spec.url);
  const { origin, pathname } = new URL(spec.url);
  const pool = new Pool(origin, { connections: spec.connections, pipelining: 1 });
  const recorder = new Recorder();
  const started = performance.now();
  const until = spec.durationMs === undefined ? Number.POSITIVE_INFINITY : started + spec.durationMs;
  let left = spec.total ?? Number.POSITIVE_INFINITY;
  const progress = spec.onProgress
    ? setInterval(() => spec.onProgress?.(recorder, performance.now() - started), 5_000)
    : undefined;
  const cpu0 = process.cpuUsage();
  const worker = async () => {
    while (left > 0 && performance.now() < until) {
      left--;
      const body = spec.body();
      const sentAtWall = wallNow();
      const t0 = performance.now();
      let answer: { status: number; text: string };
      try {
        answer = await post(pool, pathname, body);
      } catch (error) {
        recorder.add(outcomeOf(error), performance.now() - t0);
        continue;
      }
      const ms = performance.now() - t0;
      recorder.add(String(answer.status), ms);
      spec.onAnswer?.({ status: answer.status, body: answer.text, sentAtWall, ms });
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.connections }, worker));
  } finally {
    if (progress) clearInterval(progress);
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return result(recorder, seconds, process.cpuUsage(cpu0));
}

/**
 * Posts `rate` requests per second for `durationMs` on a fixed schedule, never waiting for
 * answers (an open loop); latency counts from each request's scheduled time.
 */
export async function openLoop(
  spec: PostSpec & {
    rate: number;
    durationMs: number;
    /** Most connections the pool may open (requests beyond them queue in the generator). */
    connections?: number;
    onProgress?: (recorder: Recorder, elapsedMs: number, inFlight: number) => void;
  },
): Promise<LoadResult & { lateSends: number }> {
  assertLoopback(spec.url);
  const { origin, pathname } = new URL(spec.url);
  const pool = new Pool(origin, { connections: spec.connections ?? 256, pipelining: 1 });
  const recorder = new Recorder();
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const interval = 1000 / spec.rate;
  const inFlight = new Set<Promise<void>>();
  let lateSends = 0;
  const started = performance.now();
  const startedWall = wallNow();
  const progress = spec.onProgress
    ? setInterval(() => spec.onProgress?.(recorder, performance.now() - started, inFlight.size), 5_000)
    : undefined;
  const cpu0 = process.cpuUsage();
  try {
    for (let i = 0; i < total; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      else if (wait < -50) lateSends++; // the generator itself is more than 50 ms behind schedule
      const body = spec.body();
      const sentAtWall = startedWall + i * interval;
      const send = (async () => {
        let answer: { status: number; text: string };
        try {
          answer = await post(pool, pathname, body);
        } catch (error) {
          recorder.add(outcomeOf(error), performance.now() - due);
          return;
        }
        const ms = performance.now() - due;
        recorder.add(String(answer.status), ms);
        spec.onAnswer?.({ status: answer.status, body: answer.text, sentAtWall, ms });
      })();
      inFlight.add(send);
      void send.finally(() => inFlight.delete(send));
    }
    await Promise.all(inFlight);
  } finally {
    if (progress) clearInterval(progress);
    await pool.close();
  }
  const seconds = spec.durationMs / 1000;
  return { ...result(recorder, seconds, process.cpuUsage(cpu0)), lateSends };
}

/** A small keep-alive client for the benchmark's own reads (checks, metrics, admin calls). */
export class Http {
  readonly #agent = new Agent({ connections: 32, pipelining: 1 });

  async json<T>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    options: { token?: string | undefined; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const { status, text } = await this.text(method, url, options);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { status, body: body as T };
  }

  async text(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    options: { token?: string | undefined; body?: unknown } = {},
  ): Promise<{ status: number; text: string }> {
    assertLoopback(url);
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.#agent.request({
      origin: new URL(url).origin,
      path: new URL(url).pathname + new URL(url).search,
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
    return { status: res.statusCode, text: await res.body.text() };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
