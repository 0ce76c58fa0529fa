// The npm scripts on a machine whose system Node is older than 24: every script that runs
// TypeScript goes through scripts/bootstrap.mjs, which hands over to Node 24. The run below
// uses the older Node the machine has (/usr/bin/node on Debian) and is skipped without one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** A system Node older than 24 with its npm beside it, if the machine has one. */
function olderNode(): string | undefined {
  for (const dir of ['/usr/bin', '/usr/local/bin']) {
    const node = path.join(dir, 'node');
    if (!existsSync(node) || !existsSync(path.join(dir, 'npm'))) continue;
    const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 24) return dir;
  }
  return undefined;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const older = olderNode();

describe('npm scripts on an older system Node', () => {
  it('send every script that runs TypeScript through the bootstrap', () => {
    // tsc and biome run on any Node; test:all is what `npm test` runs through the bootstrap.
    const anyNode = (name: string, line: string) => /^(tsc|biome) /.test(line) || name === 'test:all';
    const direct = Object.entries(scripts).filter(
      ([name, line]) => !line.startsWith('node scripts/bootstrap.mjs ') && !anyNode(name, line),
    );
    expect(direct).toEqual([]);
  });

  it.skipIf(!older)('run `npm run smoke` on Node 24 (it fails only because nothing listens)', async () => {
    const bin = older ?? '';
    const res = spawnSync(path.join(bin, 'npm'), ['run', 'smoke'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        PATH: [bin, process.env.PATH].join(path.delimiter),
        LEADS_PORT: String(await closedPort()),
      },
    });
    expect(res.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(res.stderr).toContain('ECONNREFUSED');
    expect(Number(/Node\.js v(\d+)/.exec(res.stderr)?.[1])).toBeGreaterThanOrEqual(24);
    expect(res.status).not.toBe(0);
  });

  it.skipIf(!older)('run any command on Node 24: node scripts/bootstrap.mjs node -e …', () => {
    const res = spawnSync(
      path.join(older ?? '', 'node'),
      ['scripts/bootstrap.mjs', 'node', '-e', 'console.log(process.versions.node)'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(res.status).toBe(0);
    expect(Number(res.stdout.trim().split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
