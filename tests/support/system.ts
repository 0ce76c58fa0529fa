import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyPriority, nodeOptionsOf, SERVICES, urlVar } from '../../scripts/services.ts';
import { freePort } from './redis-server.ts';

const root = path.resolve(import.meta.dirname, '../..');

export type ServiceName = (typeof SERVICES)[number]['name'];

const withNodeOptions = (options: string | undefined) => (options ? { NODE_OPTIONS: options } : {});

interface Running {
  child: ChildProcess;
  output: string[];
}

/** The services as separate OS processes, each on a free port, data in a temp folder. */
export class TestSystem {
  readonly urls = {} as Record<ServiceName, string>;
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'parkmatch-e2e-'));
  private readonly running = new Map<ServiceName, Running>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly priorities: boolean;

  /**
   * `priorities`: background services at a lower scheduling priority, as `npm start` runs them
   * (benchmarks); off by default, so that tests sharing the cores keep their timing.
   */
  constructor(redisUrl: string, env: Record<string, string> = {}, { priorities = false } = {}) {
    this.priorities = priorities;
    this.env = {
      PATH: process.env.PATH,
      // Passed on so that a profiler (--cpu-prof, --heap-prof) can watch the services too.
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      REDIS_URL: redisUrl,
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-42',
      LOG_LEVEL: 'warn',
      // A fresh key prefix per system, so systems sharing one Redis do not see each other.
      REDIS_PREFIX: `e2e${Math.random().toString(36).slice(2, 8)}`,
      SESSION_SECRET: 'e2e-session-secret-e2e-session-secret',
      ...env,
    };
  }

  async start(only: readonly ServiceName[] = SERVICES.map((s) => s.name)): Promise<this> {
    for (const name of only) await this.startService(name);
    return this;
  }

  async startService(name: ServiceName, env: Record<string, string> = {}): Promise<void> {
    const service = SERVICES.find((s) => s.name === name);
    if (!service) throw new Error(`unknown service ${name}`);
    // Every service's URL is fixed up front and given to each (LEADS_URL …: the portal reads them).
    for (const other of SERVICES) this.urls[other.name] ??= `http://127.0.0.1:${await freePort()}`;
    const urls = Object.fromEntries(SERVICES.map((s) => [urlVar(s.name), this.urls[s.name]]));
    const port = new URL(this.urls[name]).port;
    const given: NodeJS.ProcessEnv = {
      ...this.env,
      ...urls,
      ...env,
      PORT: port,
      DATA_DIR: path.join(this.dataDir, name),
    };
    const child = spawn(process.execPath, [path.join(root, service.main)], {
      cwd: root,
      // The service's own flags after those given (a test's clock preload, a profiler's).
      env: { ...given, ...withNodeOptions(nodeOptionsOf(name, given.NODE_OPTIONS)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.priorities) applyPriority(name, child.pid);
    const output: string[] = [];
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    this.running.set(name, { child, output });
    await this.waitReady(name);
  }

  private async waitReady(name: ServiceName, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const running = this.running.get(name);
    while (Date.now() < deadline) {
      if (running?.child.exitCode !== null) {
        throw new Error(`${name} exited (${running?.child.exitCode}):\n${running?.output.join('')}`);
      }
      // /healthz, not /readyz: a service restarted into a backlog is up but not "ready".
      const ok = await fetch(`${this.urls[name]}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name} not ready in ${timeoutMs} ms:\n${running?.output.join('')}`);
  }

  /** SIGKILL: no shutdown hooks, no flushing — a crash. */
  async kill(name: ServiceName): Promise<void> {
    await this.signal(name, 'SIGKILL');
  }

  /** SIGTERM and wait for the exit code (graceful shutdown). */
  async stopService(name: ServiceName): Promise<number | null> {
    return this.signal(name, 'SIGTERM');
  }

  /** The OS process id of a running service (for benchmarks that read its CPU time). */
  pid(name: ServiceName): number | undefined {
    return this.running.get(name)?.child.pid;
  }

  logs(name: ServiceName): string {
    return this.running.get(name)?.output.join('') ?? '';
  }

  private async signal(name: ServiceName, signal: NodeJS.Signals): Promise<number | null> {
    const running = this.running.get(name);
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return null;
    const exited = new Promise<number | null>((resolve) =>
      running.child.once('exit', (code) => resolve(code)),
    );
    running.child.kill(signal);
    const code = await exited;
    this.running.delete(name);
    return code;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stopService(name)));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function postJson(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export async function getJson<T = unknown>(
  url: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

export async function signIn(leadsUrl: string, username: string, password: string): Promise<string> {
  const res = await postJson(`${leadsUrl}/v1/auth/token`, { username, password });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
