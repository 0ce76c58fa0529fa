#!/usr/bin/env node
// Bootstrap for every npm script that needs Node 24 (`npm start`, `npm test`, `npm run smoke`...).
// Runs on whatever Node the machine has (20 is enough): it installs the project's
// toolchain (Node 24 LTS and pnpm from the npm registry, into .tools/), the
// dependencies, and redis-server from the OS packages when it is missing, then hands
// over to the real command running on Node 24. Plain JavaScript on purpose.
//
//   node scripts/bootstrap.mjs start [--no-demo]   the local system (scripts/run-local.ts)
//   node scripts/bootstrap.mjs test                pnpm run test:all
//   node scripts/bootstrap.mjs <command> [args]    any command, with Node 24, pnpm and
//                                                  node_modules/.bin first on PATH,
//                                                  e.g. `node scripts/smoke.ts`, `vitest run`
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, '.tools');
const NODE_MAJOR = 24;
const PNPM_VERSION = '10.34.9';

const say = (msg) => process.stderr.write(`[parkmatch] ${msg}\n`);

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function must(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    say(`failed (${status}): ${cmd} ${args.join(' ')}`);
    process.exit(status);
  }
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureToolchain() {
  const localNode = path.join(tools, 'node_modules', 'node', 'bin', 'node');
  const pnpmCjs = path.join(tools, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const systemIsEnough = Number(process.versions.node.split('.')[0]) >= NODE_MAJOR;
  const wanted = [];
  if (!systemIsEnough && !existsSync(localNode)) wanted.push(`node@${NODE_MAJOR}`);
  if (!existsSync(pnpmCjs)) wanted.push(`pnpm@${PNPM_VERSION}`);
  if (wanted.length > 0) {
    say(`installing ${wanted.join(' and ')} into .tools/ from the npm registry`);
    must('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--loglevel=error', ...wanted]);
  }
  const node = systemIsEnough ? process.execPath : localNode;
  return { node, pnpm: [node, pnpmCjs] };
}

function ensureRedis() {
  if (process.env.REDIS_URL || has('redis-server')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    say('redis-server is missing: installing it from the OS packages (apt-get install redis-server)');
    must('apt-get', ['update', '-qq']);
    must('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return;
  }
  say('redis-server is required and was not found. Install it, then run this again:');
  say('  Debian/Ubuntu: sudo apt-get install -y redis-server   macOS: brew install redis');
  say('or point REDIS_URL at a running Redis (redis://host:6379).');
  process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
if (!command) {
  say('usage: node scripts/bootstrap.mjs start|test|<command> [args...]');
  process.exit(2);
}

const { node, pnpm } = ensureToolchain();
const env = {
  ...process.env,
  PATH: [
    path.dirname(node),
    path.join(tools, 'node_modules', '.bin'),
    path.join(root, 'node_modules', '.bin'),
    process.env.PATH,
  ].join(path.delimiter),
};
const install = ['install', '--prefer-offline', '--reporter=append-only'];
if (process.env.CI) install.push('--frozen-lockfile');
// Its report goes to stderr so that a command's own output can be piped.
must(pnpm[0], [pnpm[1], ...install], { env, stdio: ['inherit', 2, 'inherit'] });
// The system and the tests start private redis-servers; other commands do without.
if (command === 'start' || command === 'test' || command === 'vitest') ensureRedis();

// Hand over: the child gets the terminal; signals sent to this process are passed on
// so that Ctrl-C or a SIGTERM lets the child shut down cleanly before we exit.
const named = {
  start: [node, path.join(root, 'scripts', 'run-local.ts')],
  test: [...pnpm, 'run', 'test:all'],
  node: [node],
  pnpm,
};
const [cmd, ...args] = [...(Object.hasOwn(named, command) ? named[command] : [command]), ...rest];
const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, env });
child.on('error', (error) => {
  say(`cannot run ${cmd}: ${error.message}`);
  process.exit(127);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
