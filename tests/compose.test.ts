// The scale-out files, checked without a Docker engine: docker-compose.yml through a real compose
// tool (`docker compose config` or Debian's `docker-compose config`), and the Dockerfile,
// .dockerignore, redis.conf, the topic script and the replica-set script by reading or running them
// against stubs. Building and starting the stack happens where Docker exists (.github/workflows/ci.yml).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { deadLetterTopic, Events } from '@parkmatch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const APP_SERVICES = {
  leads: 3001,
  matching: 3002,
  notifications: 3003,
  insights: 3004,
  'firm-services': 3005,
} as const;
/** The web portal: no store, no bus; it reads the app services over HTTP. */
const WEB_SERVICES = { portal: 3000 } as const;
const INFRA_SERVICES = ['kafka', 'mongo', 'redis'] as const;
const ONE_SHOT_SERVICES = ['kafka-topics', 'mongo-init'] as const;
const DOCKERFILE = 'infra/docker/service.Dockerfile';
const TOPICS = Object.values(Events).map((event) => event.topic);

// ---------------------------------------------------------------- compose tool

interface ComposeTool {
  label: string;
  command: string;
  prefix: string[];
}

function findComposeTool(): ComposeTool | undefined {
  const candidates: ComposeTool[] = [
    { label: 'docker compose', command: 'docker', prefix: ['compose'] },
    { label: 'docker-compose', command: 'docker-compose', prefix: [] },
  ];
  return candidates.find((tool) => {
    const probe = spawnSync(tool.command, [...tool.prefix, 'version'], { encoding: 'utf8', timeout: 20_000 });
    return probe.status === 0;
  });
}

const tool = findComposeTool();
if (!tool) {
  process.stderr.write(
    '[compose.test] SKIPPED the docker-compose.yml checks: no compose tool found (neither `docker compose` ' +
      'nor `docker-compose`). Install one (Debian: apt-get install -y docker-compose) to run them.\n',
  );
}

const SECRET = 'test-only-auth-secret-0123456789abcdef';
const SESSION_SECRET = 'test-only-session-secret-0123456789abcdef';
const REQUIRED_ENV = {
  AUTH_SECRET: SECRET,
  ADMIN_USERNAME: 'ops',
  ADMIN_PASSWORD: 'test-only-password',
  SESSION_SECRET,
};
// Variables docker-compose.yml reads, plus compose's own, cleared so the caller's shell cannot leak in.
const CLEARED = [
  'AUTH_SECRET',
  'SESSION_SECRET',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'BUS_PARTITIONS',
  'LOG_LEVEL',
  'PARKMATCH_BIND',
  'PARKMATCH_TAG',
  'KAFKA_CLUSTER_ID',
  'COMPOSE_FILE',
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_PROFILES',
];

let emptyEnvDir: string | undefined;
afterAll(() => {
  if (emptyEnvDir) rmSync(emptyEnvDir, { recursive: true, force: true });
});

function runConfig(extraEnv: Record<string, string>) {
  if (!tool) throw new Error('no compose tool');
  // An empty --env-file: a developer's .env must not change what is tested.
  emptyEnvDir ??= mkdtempSync(path.join(tmpdir(), 'parkmatch-compose-'));
  const envFile = path.join(emptyEnvDir, 'empty.env');
  writeFileSync(envFile, '');
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of CLEARED) delete env[name];
  const result = spawnSync(
    tool.command,
    [...tool.prefix, '--env-file', envFile, '-f', 'docker-compose.yml', 'config'],
    { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

// The parts of the resolved config the checks read (docker-compose 1.x and compose v2 differ in places).
interface ResolvedService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }>;
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  networks?: Record<string, unknown>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  restart?: string;
  user?: string;
  stop_signal?: string;
  init?: boolean;
}
interface ResolvedConfig {
  services: Record<string, ResolvedService>;
  networks?: Record<string, { internal?: boolean; ipam?: { config?: { subnet?: string }[] } } | null>;
  volumes?: Record<string, unknown>;
}

interface PublishedPort {
  hostIp: string;
  published: string;
  target: string;
}

function publishedPorts(service: ResolvedService): PublishedPort[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip ?? '',
        published: String(port.published ?? ''),
        target: String(port.target),
      };
    }
    // 1.x short syntax: [host_ip:]published:target[/protocol]
    const parts = port.replace(/\/(tcp|udp)$/, '').split(':');
    const target = parts.pop() ?? '';
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target };
  });
}

function env(service: ResolvedService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v ?? '')]));
}

function volumeTargets(service: ResolvedService): string[] {
  return (service.volumes ?? []).map((v) =>
    typeof v === 'string' ? (v.split(':')[1] ?? '') : (v.target ?? ''),
  );
}

function args(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/);
}

// ---------------------------------------------------------------- docker-compose.yml

describe.skipIf(!tool)(`docker-compose.yml through \`${tool?.label ?? 'no compose tool'} config\``, () => {
  let config: ResolvedConfig;

  beforeAll(() => {
    const result = runConfig({ ...REQUIRED_ENV, BUS_PARTITIONS: '12' });
    expect(result.status, result.stderr).toBe(0);
    config = parse(result.stdout) as ResolvedConfig;
  });

  it('resolves to exactly the expected services', () => {
    expect(Object.keys(config.services).sort()).toEqual(
      [
        ...Object.keys(APP_SERVICES),
        ...Object.keys(WEB_SERVICES),
        ...INFRA_SERVICES,
        ...ONE_SHOT_SERVICES,
      ].sort(),
    );
  });

  it('runs every service that has a src/main.ts', () => {
    const withMain = readdirSync(path.join(root, 'services')).filter((dir) =>
      existsSync(path.join(root, 'services', dir, 'src', 'main.ts')),
    );
    for (const dir of withMain) {
      expect(config.services[dir], `services/${dir} has src/main.ts but no compose service`).toBeDefined();
    }
  });

  it('gives every long-running service a healthcheck and a restart policy', () => {
    for (const name of [...Object.keys(APP_SERVICES), ...INFRA_SERVICES]) {
      const service = config.services[name]!;
      expect(service.healthcheck?.disable, name).not.toBe(true);
      expect(args(service.healthcheck?.test).length, `${name} healthcheck`).toBeGreaterThan(1);
      expect(service.restart, name).toBe('unless-stopped');
    }
    for (const name of ONE_SHOT_SERVICES) {
      expect(config.services[name]!.restart ?? 'no', name).toBe('no');
    }
  });

  it('builds each app service from the one Dockerfile with its own SERVICE and PORT', () => {
    for (const [name, port] of Object.entries(APP_SERVICES)) {
      const service = config.services[name]!;
      expect(service.build?.dockerfile?.replaceAll('\\', '/').endsWith(DOCKERFILE), name).toBe(true);
      expect(path.resolve(root, service.build?.context ?? ''), name).toBe(root);
      expect(service.build?.args?.SERVICE, name).toBe(name);
      expect(String(service.build?.args?.PORT), name).toBe(String(port));
      const manifest = JSON.parse(read(`services/${name}/package.json`)) as { name: string };
      expect(manifest.name, 'the Dockerfile filters on @parkmatch/<SERVICE>').toBe(`@parkmatch/${name}`);
    }
  });

  it('configures every app service for the scale-out runtime (BUS=kafka, STORE=mongo, production)', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      const e = env(config.services[name]!);
      expect(e, name).toMatchObject({
        PARKMATCH_ENV: 'production',
        HOST: '0.0.0.0',
        BUS: 'kafka',
        STORE: 'mongo',
        KAFKA_BROKERS: 'kafka:9092',
        REDIS_URL: 'redis://redis:6379',
        AUTH_SECRET: SECRET,
        BUS_PARTITIONS: '12',
      });
      const mongoUrl = new URL(e.MONGO_URL ?? '');
      expect(mongoUrl.protocol, name).toBe('mongodb:');
      expect(mongoUrl.hostname, name).toBe('mongo');
      expect(mongoUrl.searchParams.get('replicaSet'), `${name}: transactions need the replica set`).toBe(
        'rs0',
      );
    }
    expect(env(config.services.leads!)).toMatchObject({
      ADMIN_USERNAME: 'ops',
      ADMIN_PASSWORD: 'test-only-password',
    });
  });

  it('health-checks app services with the image’s probe (node fetch of 127.0.0.1:$PORT/healthz)', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      expect(args(config.services[name]!.healthcheck?.test), name).toEqual([
        'CMD',
        ...dockerfileHealthcheck(),
      ]);
      expect(config.services[name]!.stop_signal ?? 'SIGTERM', name).toBe('SIGTERM');
      expect(config.services[name]!.init, `${name}: an init reaps children and forwards signals`).toBe(true);
    }
  });

  it('starts app services only once the infrastructure is healthy and initialised', () => {
    const expected = {
      kafka: 'service_healthy',
      'kafka-topics': 'service_completed_successfully',
      mongo: 'service_healthy',
      'mongo-init': 'service_completed_successfully',
      redis: 'service_healthy',
    };
    for (const name of Object.keys(APP_SERVICES)) {
      const dependsOn = config.services[name]!.depends_on ?? {};
      for (const [dependency, condition] of Object.entries(expected)) {
        expect(dependsOn[dependency]?.condition, `${name} -> ${dependency}`).toBe(condition);
      }
    }
    expect(config.services['kafka-topics']!.depends_on?.kafka?.condition).toBe('service_healthy');
    expect(config.services['mongo-init']!.depends_on?.mongo?.condition).toBe('service_healthy');
  });

  it('publishes only the app services’ HTTP ports, on 127.0.0.1 by default', () => {
    for (const [name, port] of Object.entries(APP_SERVICES)) {
      expect(publishedPorts(config.services[name]!), name).toEqual([
        { hostIp: '127.0.0.1', published: String(port), target: String(port) },
      ]);
    }
    for (const name of [...INFRA_SERVICES, ...ONE_SHOT_SERVICES]) {
      expect(publishedPorts(config.services[name]!), `${name} must not publish a port`).toEqual([]);
      expect(Object.keys(config.services[name]!.networks ?? {}), name).toEqual(['data']);
    }
    expect(config.networks?.data?.internal, 'the data network is internal').toBe(true);
  });

  it('runs Kafka in KRaft mode on a pinned image, topics created by the one-shot script', () => {
    const kafka = config.services.kafka!;
    expect(kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    const e = env(kafka);
    expect(e.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(e.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
    expect(e.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(e.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(volumeTargets(kafka)).toContain(e.KAFKA_LOG_DIRS);

    const topics = config.services['kafka-topics']!;
    expect(topics.image).toBe(kafka.image);
    expect(env(topics).BUS_PARTITIONS, 'same partition count as the services').toBe('12');
    expect(args(topics.entrypoint).at(-1)).toBe('/opt/parkmatch/create-topics.sh');
    expect(volumeTargets(topics)).toContain('/opt/parkmatch/create-topics.sh');
  });

  it('runs MongoDB as replica set rs0, initiated by the one-shot script', () => {
    const mongo = config.services.mongo!;
    expect(mongo.image).toMatch(/^mongo:7(\.|$)/);
    const command = args(mongo.command);
    expect(command[command.indexOf('--replSet') + 1]).toBe('rs0');
    expect(command).toContain('--bind_ip_all');

    const init = config.services['mongo-init']!;
    expect(init.image).toBe(mongo.image);
    expect(args(init.command).join(' ')).toContain('/opt/parkmatch/init-replica-set.js');
    expect(args(init.command).join(' ')).toContain('directConnection=true');
    expect(env(init)).toMatchObject({ MONGO_REPLICA_SET: 'rs0', MONGO_REPLICA_MEMBER: 'mongo:27017' });
    expect(volumeTargets(init)).toContain('/opt/parkmatch/init-replica-set.js');
  });

  it('runs Redis with the project redis.conf and a data volume', () => {
    const redis = config.services.redis!;
    expect(redis.image).toMatch(/^redis:7(\.|$)/);
    expect(args(redis.command)).toEqual(['redis-server', '/usr/local/etc/redis/redis.conf']);
    expect(volumeTargets(redis)).toEqual(
      expect.arrayContaining(['/usr/local/etc/redis/redis.conf', '/data']),
    );
  });

  it('keeps state in named volumes', () => {
    expect(Object.keys(config.volumes ?? {}).sort()).toEqual([
      'kafka-data',
      'mongo-config',
      'mongo-data',
      'redis-data',
    ]);
  });

  it('refuses to resolve without AUTH_SECRET, saying so', () => {
    const { AUTH_SECRET: _omitted, ...rest } = REQUIRED_ENV;
    const result = runConfig(rest);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('set AUTH_SECRET');
  });

  it('runs the portal from the one Dockerfile, on the edge network only, after the services it reads', () => {
    for (const [name, port] of Object.entries(WEB_SERVICES)) {
      const service = config.services[name]!;
      expect(service.build?.dockerfile?.replaceAll('\\', '/').endsWith(DOCKERFILE), name).toBe(true);
      expect(service.build?.args?.SERVICE, name).toBe(name);
      expect(String(service.build?.args?.PORT), name).toBe(String(port));
      expect(args(service.healthcheck?.test), name).toEqual(['CMD', ...dockerfileHealthcheck()]);
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.init, name).toBe(true);
      expect(publishedPorts(service), name).toEqual([
        { hostIp: '127.0.0.1', published: String(port), target: String(port) },
      ]);
      expect(Object.keys(service.networks ?? {}), `${name} needs no store, bus or Redis`).toEqual(['edge']);
      expect(env(service)).toMatchObject({
        PARKMATCH_ENV: 'production',
        HOST: '0.0.0.0',
        LEADS_URL: 'http://leads:3001',
        MATCHING_URL: 'http://matching:3002',
        NOTIFICATIONS_URL: 'http://notifications:3003',
        SESSION_SECRET,
      });
      expect(env(service).AUTH_SECRET, 'the portal cannot sign tokens').toBeUndefined();
      for (const dependency of ['leads', 'matching', 'notifications']) {
        expect(service.depends_on?.[dependency]?.condition, `${name} -> ${dependency}`).toBe(
          'service_healthy',
        );
      }
    }
  });

  it('gives the portal a fixed address on the edge network, the one proxy leads trusts for X-Forwarded-For', () => {
    const portal = config.services.portal!;
    const address = (portal.networks?.edge as { ipv4_address?: string } | null)?.ipv4_address;
    expect(address).toBe('172.30.80.10');
    expect(env(config.services.leads!).TRUSTED_PROXIES).toBe(address);
    const subnets = (config.networks?.edge?.ipam?.config ?? []).map((c) => c.subnet);
    expect(subnets).toEqual(['172.30.80.0/24']);
    for (const name of Object.keys(APP_SERVICES).filter((s) => s !== 'leads'))
      expect(env(config.services[name]!).TRUSTED_PROXIES, name).toBeUndefined();
  });

  it('refuses to resolve without SESSION_SECRET, saying so', () => {
    const { SESSION_SECRET: _omitted, ...rest } = REQUIRED_ENV;
    const result = runConfig(rest);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('set SESSION_SECRET');
  });

  it('refuses to resolve without the admin account (production refuses admin/admin)', () => {
    const { ADMIN_PASSWORD: _omitted, ...rest } = REQUIRED_ENV;
    const result = runConfig(rest);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('set ADMIN_PASSWORD');
  });
});

// ---------------------------------------------------------------- Dockerfile and build context

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions grouped by stage (continuation lines joined, comments dropped). */
function dockerfileStages(text: string): { from: string; instructions: Instruction[] }[] {
  const logical = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: { from: string; instructions: Instruction[] }[] = [{ from: '(global)', instructions: [] }];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push({ from: instruction.args, instructions: [] });
    else stages.at(-1)!.instructions.push(instruction);
  }
  return stages;
}

/** The runtime stage's HEALTHCHECK command, which must be a valid exec-form JSON array. */
function dockerfileHealthcheck(): string[] {
  const healthcheck = dockerfileStages(read(DOCKERFILE))
    .at(-1)!
    .instructions.filter((i) => i.keyword === 'HEALTHCHECK')
    .at(-1);
  const exec = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheck?.args ?? '');
  if (!exec) throw new Error('the runtime stage has no exec-form HEALTHCHECK CMD [...]');
  return JSON.parse(exec[1]!) as string[];
}

/** Runs a `node -e` health probe against a local server answering `status` (null: nothing listening). */
async function runProbe(script: string, status: number | null): Promise<number | null> {
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/healthz' ? (status ?? 500) : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  if (status === null) await new Promise((resolve) => server.close(resolve));
  try {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH, PORT: String(port) },
      stdio: 'ignore',
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  } finally {
    if (status !== null) await new Promise((resolve) => server.close(resolve));
  }
}

describe(DOCKERFILE, () => {
  const text = read(DOCKERFILE);
  const stages = dockerfileStages(text);
  const runtime = stages.at(-1)!;
  const build = stages.find((stage) => / AS build$/i.test(stage.from))!;
  const all = (stage: { instructions: Instruction[] }, keyword: string) =>
    stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('is multi-stage on Node 24 and parametrised by ARG SERVICE', () => {
    expect(all(stages[0]!, 'ARG').join('\n')).toMatch(/NODE_IMAGE=node:24\b/);
    expect(build, 'a build stage').toBeDefined();
    expect(runtime.from).toMatch(/ AS runtime$/i);
    expect(all(build, 'ARG')).toContain('SERVICE');
    expect(all(runtime, 'ARG')).toContain('SERVICE');
  });

  it('runs the runtime stage as a non-root user', () => {
    const users = all(runtime, 'USER');
    expect(users.length, 'the runtime stage sets USER').toBeGreaterThan(0);
    const user = users.at(-1)!.split(':')[0]!;
    expect(['root', '0', '']).not.toContain(user);
  });

  it('sets NODE_ENV=production, STOPSIGNAL SIGTERM and runs src/main.ts (exec form)', () => {
    expect(all(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(all(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(JSON.parse(all(runtime, 'CMD').at(-1) ?? 'null')).toEqual(['node', 'src/main.ts']);
  });

  it('health-checks with node fetch on 127.0.0.1:$PORT/healthz (no curl in the slim image)', async () => {
    const probe = dockerfileHealthcheck();
    expect(probe.slice(0, 2)).toEqual(['node', '-e']);
    const script = probe[2]!;
    expect(script).toMatch(/http:\/\/127\.0\.0\.1:'\+process\.env\.PORT\+'\/healthz/);
    expect(await runProbe(script, 200), 'healthy service').toBe(0);
    expect(await runProbe(script, 503), 'unhealthy service').toBe(1);
    expect(await runProbe(script, null), 'nothing listening').toBe(1);
  });

  it('installs with the lockfile and keeps the workspace layout (no pnpm deploy)', () => {
    const instructions = stages.flatMap((stage) => stage.instructions.map((i) => `${i.keyword} ${i.args}`));
    expect(instructions.join('\n')).not.toMatch(/pnpm\s+deploy/);
    const runs = all(build, 'RUN').join('\n');
    expect(runs).toMatch(
      /pnpm install --frozen-lockfile .*--prod .*--filter "@parkmatch\/\$\{SERVICE\}\.\.\."/,
    );
    const copies = all(runtime, 'COPY').join('\n');
    expect(copies).toContain('--from=build /app/node_modules ');
    expect(copies).toContain('--from=build /app/packages ');
    expect(copies).toMatch(/--from=build \/app\/services\/\$\{SERVICE\} /);
  });

  it('installs the pnpm version of package.json#packageManager', () => {
    const manifest = JSON.parse(read('package.json')) as { packageManager: string };
    const version = manifest.packageManager.replace(/^pnpm@/, '').split('+')[0];
    expect(all(build, 'ARG')).toContain(`PNPM_VERSION=${version}`);
  });
});

describe('.dockerignore', () => {
  const lines = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps host installs, local state and git out of the build context', () => {
    expect(lines.some((line) => /^(\*\*\/)?node_modules\/?$/.test(line))).toBe(true);
    for (const entry of ['.data', '.tools', '.git']) expect(lines).toContain(entry);
  });

  it('does not exclude what the image is built from', () => {
    for (const needed of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'packages', 'services']) {
      expect(lines).not.toContain(needed);
      expect(lines).not.toContain(`${needed}/`);
    }
    // pnpm knows the tests package from the lockfile; its manifest must stay in the context.
    expect(lines).toContain('!tests/package.json');
  });
});

// ---------------------------------------------------------------- infra scripts and config

describe('infra/redis/redis.conf', () => {
  const directives = new Map(
    read('infra/redis/redis.conf')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const [key = '', ...value] = line.split(/\s+/);
        return [key.toLowerCase(), value.join(' ')] as const;
      }),
  );

  it('persists with AOF and never evicts (BullMQ requires noeviction)', () => {
    expect(directives.get('appendonly')).toBe('yes');
    expect(directives.get('maxmemory-policy')).toBe('noeviction');
    expect(directives.get('dir')).toBe('/data');
  });
});

describe('infra/kafka/create-topics.sh', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'parkmatch-topics-'));
    const stub = path.join(bin, 'kafka-topics.sh');
    writeFileSync(stub, '#!/bin/sh\necho "$*" >> "$STUB_LOG"\n');
    chmodSync(stub, 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  function run(extraEnv: Record<string, string>) {
    const log = path.join(bin, `calls-${Math.random().toString(36).slice(2)}.log`);
    const result = spawnSync('sh', [path.join(root, 'infra/kafka/create-topics.sh')], {
      env: { PATH: process.env.PATH, KAFKA_BIN: bin, STUB_LOG: log, ...extraEnv },
      encoding: 'utf8',
    });
    const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    return { ...result, calls };
  }

  it('creates every event topic of the contracts and its .dlq twin, idempotently, with BUS_PARTITIONS', () => {
    const { status, stderr, calls } = run({ BUS_PARTITIONS: '12', KAFKA_BOOTSTRAP: 'broker:9092' });
    expect(status, stderr).toBe(0);
    const creates = calls.filter((call) => call.includes('--create'));
    const created = creates.map((call) => /--topic (\S+)/.exec(call)?.[1]);
    expect(created.sort()).toEqual([...TOPICS, ...TOPICS.map(deadLetterTopic)].sort());
    for (const call of creates) {
      expect(call).toContain('--if-not-exists');
      expect(call).toContain('--partitions 12');
      expect(call).toContain('--bootstrap-server broker:9092');
    }
  });

  it('refuses a partition count that is not a positive integer', () => {
    const { status, stderr, calls } = run({ BUS_PARTITIONS: 'many' });
    expect(status).toBe(2);
    expect(stderr).toContain('BUS_PARTITIONS');
    expect(calls).toEqual([]);
  });
});

describe('infra/mongo/init-replica-set.js', () => {
  const script = read('infra/mongo/init-replica-set.js');

  /** Runs the mongosh script against a stub shell: `status` is what rs.status() gives (or throws). */
  function run(status: () => unknown) {
    const initiated: unknown[] = [];
    let primary = false;
    const context = {
      process: { env: {} },
      print: () => {},
      sleep: () => {
        primary = true;
      },
      rs: {
        status,
        initiate: (config: unknown) => {
          initiated.push(config);
          return { ok: 1 };
        },
      },
      db: { hello: () => ({ isWritablePrimary: primary }) },
    };
    vm.runInNewContext(script, context, { filename: 'init-replica-set.js' });
    return initiated;
  }

  it('initiates rs0 with the compose host name on a fresh node', () => {
    const notYet = () => {
      throw Object.assign(new Error('no replset config has been received'), {
        code: 94,
        codeName: 'NotYetInitialized',
      });
    };
    expect(run(notYet)).toEqual([{ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] }]);
  });

  it('leaves an initiated set alone (idempotent)', () => {
    expect(run(() => ({ set: 'rs0', ok: 1 }))).toEqual([]);
  });

  it('fails on a node of another replica set, and on other errors', () => {
    expect(() => run(() => ({ set: 'other', ok: 1 }))).toThrow(/other/);
    expect(() =>
      run(() => {
        throw Object.assign(new Error('not authorized'), { code: 13 });
      }),
    ).toThrow(/not authorized/);
  });
});
