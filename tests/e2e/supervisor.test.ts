import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVICES } from '../../scripts/services.ts';
import { freePort } from '../support/redis-server.ts';

// The local runner as `npm start` runs it (its own private Redis, every service, no demo
// data), on free ports and a temporary data folder: a service or Redis killed with SIGKILL
// is started again, and only a signal from the user stops everything.

const root = path.resolve(import.meta.dirname, '../..');

describe('npm start keeps the system running', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parkmatch-supervisor-'));
  const ports: Record<string, number> = {};
  let runner: ChildProcess;
  let output = '';

  const pids = () =>
    JSON.parse(readFileSync(path.join(dataDir, 'pids.json'), 'utf8')) as Record<string, number>;
  const healthy = async (name: string) =>
    fetch(`http://127.0.0.1:${ports[name]}/healthz`).then(
      (r) => r.ok,
      () => false,
    );

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PARKMATCH_DATA: dataDir,
      REDIS_PORT: String(await freePort()),
    };
    delete env.REDIS_URL;
    for (const service of SERVICES) {
      ports[service.name] = await freePort();
      env[service.portVar] = String(ports[service.name]);
    }
    runner = spawn(process.execPath, [path.join(root, 'scripts/run-local.ts'), '--no-demo'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runner.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    runner.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    await vi.waitFor(
      () => {
        if (!output.includes('parkmatch is running')) throw new Error(`not up yet:\n${output}`);
      },
      { timeout: 90_000, interval: 250 },
    );
  }, 120_000);

  afterAll(async () => {
    if (runner && runner.exitCode === null) {
      const exited = new Promise((resolve) => runner.once('exit', resolve));
      runner.kill('SIGINT');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('restarts a service killed with SIGKILL', async () => {
    const before = pids().leads as number;
    process.kill(before, 'SIGKILL');
    await expect.poll(() => pids().leads, { timeout: 30_000, interval: 200 }).not.toBe(before);
    await expect.poll(() => healthy('leads'), { timeout: 30_000, interval: 250 }).toBe(true);
    expect(output).toContain('leads restarted');
    expect(runner.exitCode, 'the runner is still running').toBeNull();
  }, 60_000);

  it('restarts its private Redis, and the services work on it again', async () => {
    const before = pids().redis as number;
    process.kill(before, 'SIGKILL');
    await expect.poll(() => pids().redis, { timeout: 30_000, interval: 200 }).not.toBe(before);
    // Readiness follows the dependencies: every service becomes ready again on the new Redis.
    for (const service of SERVICES) {
      if (service.name === 'portal') continue;
      await expect
        .poll(
          () =>
            fetch(`http://127.0.0.1:${ports[service.name]}/readyz`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 60_000, interval: 500 },
        )
        .toBe(200);
    }
    expect(runner.exitCode).toBeNull();
  }, 120_000);

  it('stops everything, cleanly, on Ctrl-C', async () => {
    const running = pids();
    const exited = new Promise<number | null>((resolve) => runner.once('exit', (code) => resolve(code)));
    runner.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of Object.values(running)) {
      expect(() => process.kill(pid, 0), `process ${pid} is gone`).toThrow();
    }
  }, 60_000);
});
