// `npm start` lands here (after scripts/bootstrap.mjs has installed the toolchain):
// every service as its own process on the local defaults (Redis Streams bus, SQLite
// store under .data/, a private redis-server unless REDIS_URL is set), demo data loaded,
// URLs printed. A process that dies (a service, or the private Redis) is started again
// with backoff; only Ctrl-C stops everything, cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoData } from './demo/load.ts';
import { applyPriority, nodeOptionsOf, SERVICES, urlVar, WEB_SERVICE } from './services.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(root, process.env.PARKMATCH_DATA ?? '.data');
const { values: flags } = parseArgs({ options: { 'no-demo': { type: 'boolean', default: false } } });

const say = (msg: string) => process.stdout.write(`[parkmatch] ${msg}\n`);
/** A supervised process: `child` is the one running now (it changes on each restart). */
interface Supervised {
  name: string;
  child: ChildProcess;
}
const children: Supervised[] = [];
/** Restart delays: doubling from 1 s to 30 s, back to 1 s once a process stayed up a minute. */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const STABLE_AFTER_MS = 60_000;
let stopping = false;

/** A secret from the environment, else generated once into .data/<file> (auth-secret, session-secret). */
function localSecret(variable: string, file: string): string {
  const given = process.env[variable];
  if (given) return given;
  const at = path.join(dataDir, file);
  if (!existsSync(at)) writeFileSync(at, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(at, 'utf8').trim();
}

function logFile(name: string) {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' });
}

/** Everything goes to .data/logs/; errors from a service's JSON log go to the console too. */
function pipeLogs(name: string, child: ChildProcess) {
  const file = logFile(name);
  const forward = (chunk: Buffer) => {
    file.write(chunk);
    if (name === 'redis') return;
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
        if ((entry.level ?? 0) >= 50) say(`${name}: ${entry.msg ?? ''} ${entry.err?.message ?? ''}`);
      } catch {
        say(`${name}: ${line}`);
      }
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
}

/** Starts a process and keeps it running: an unexpected exit restarts it after a backoff. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  let delay = RESTART_MIN_MS;
  const launch = (): ChildProcess => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    applyPriority(name, child.pid);
    const startedAt = Date.now();
    pipeLogs(name, child);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) delay = RESTART_MIN_MS;
      say(`${name} exited (${signal ?? code}); see .data/logs/${name}.log — restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (stopping) return;
        supervised.child = launch();
        writePids();
        say(`${name} restarted`);
      }, delay).unref();
      delay = Math.min(delay * 2, RESTART_MAX_MS);
    });
    return child;
  };
  const supervised: Supervised = { name, child: launch() };
  children.push(supervised);
  writePids();
  return supervised.child;
}

/** `.data/pids.json`: which process each name runs as now (for people and the fault tests). */
function writePids() {
  const pids = Object.fromEntries(children.map(({ name, child }) => [name, child.pid]));
  writeFileSync(path.join(dataDir, 'pids.json'), `${JSON.stringify(pids, null, 2)}\n`);
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped');
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

async function startRedis(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const port = Number(process.env.REDIS_PORT ?? 6390);
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const redis = start(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    process.env,
  );
  await new Promise<void>((resolve, reject) => {
    redis.once('error', (e) => reject(new Error(`cannot start redis-server: ${e.message}`)));
    redis.stdout?.on(
      'data',
      (c: Buffer) => c.toString().includes('Ready to accept connections') && resolve(),
    );
    setTimeout(
      () => reject(new Error(`redis-server did not start on port ${port}; see .data/logs/redis.log`)),
      15_000,
    );
  });
  return `redis://127.0.0.1:${port}`;
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // Services first (they drain in-flight work), Redis last.
  const services = children.filter((c) => c.name !== 'redis');
  await Promise.all(services.map(({ child }) => exited(child, 'SIGTERM')));
  await Promise.all(children.filter((c) => c.name === 'redis').map(({ child }) => exited(child, 'SIGTERM')));
  say('stopped');
  process.exit(code);
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** The addresses the portal's requests come from on this machine. */
const LOOPBACK = '127.0.0.1,::1,::ffff:127.0.0.1';

try {
  mkdirSync(dataDir, { recursive: true });
  const redisUrl = await startRedis();
  const urls: Record<string, string> = {};
  for (const service of SERVICES) {
    urls[service.name] = `http://127.0.0.1:${Number(process.env[service.portVar] ?? service.port)}`;
  }
  const common = {
    ...process.env,
    REDIS_URL: redisUrl,
    AUTH_SECRET: localSecret('AUTH_SECRET', 'auth-secret'),
    SESSION_SECRET: localSecret('SESSION_SECRET', 'session-secret'),
    PARKMATCH_ENV: 'local',
    // Every service's base URL (LEADS_URL …): the portal reaches the others through them.
    ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [urlVar(name), url])),
  };
  for (const service of SERVICES) {
    const port = new URL(urls[service.name] ?? '').port;
    start(service.name, process.execPath, [path.join(root, service.main)], {
      ...common,
      PORT: String(port),
      DATA_DIR: path.join(dataDir, service.name),
      NODE_OPTIONS: nodeOptionsOf(service.name),
      // The portal signs visitors in from this machine and names each one in X-Forwarded-For,
      // so that leads counts failed sign-ins per visitor, not per portal.
      ...(service.name === 'leads' ? { TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? LOOPBACK } : {}),
    });
  }
  // Up once it answers /healthz: a service listens only after its consumers are subscribed.
  // (/readyz also fails while a backlog drains, which must not stop a restart.)
  for (const [name, url] of Object.entries(urls)) {
    await waitFor(`${name} (${url}/healthz)`, async () => (await fetch(`${url}/healthz`)).ok);
  }
  // Accounts and profiles now; the leads' history loads in the background after the URLs.
  const demo = flags['no-demo'] ? undefined : await loadDemoData({ urls, say });
  say('parkmatch is running:');
  // The portal first: it is what a person opens.
  say(`  ${WEB_SERVICE.padEnd(14)} ${urls[WEB_SERVICE]}   (open in a browser)`);
  for (const [name, url] of Object.entries(urls)) {
    if (name !== WEB_SERVICE) say(`  ${name.padEnd(14)} ${url}   (API docs ${url}/docs)`);
  }
  say(`  logs           ${path.join(dataDir, 'logs')}/`);
  say(`Sign in at ${urls[WEB_SERVICE]}/signin as a demo analyst such as dadukou/demo1234 (or admin/admin);`);
  say('the same accounts get API tokens from POST /v1/auth/token on leads.');
  if (!process.env.SMTP_URL)
    say(
      'Email is off (SMTP_URL not set). To turn it on: SMTP_URL=smtp://user:pass@host:587 SMTP_FROM="parkmatch <noreply@example.cn>" npm start',
    );
  say('Ctrl-C stops everything.');
  demo?.history.catch((error: unknown) => {
    if (!stopping)
      say(`demo data: history not loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
} catch (error) {
  // A Ctrl-C while starting makes the start-up fail on its way out: nothing to report then.
  if (!stopping) {
    say(error instanceof Error ? error.message : String(error));
    await stop(1);
  }
}
