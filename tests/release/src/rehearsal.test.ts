import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  cjsCheck,
  consumerCts,
  consumerPackageJson,
  consumerTs,
  consumerTsconfig,
  esmCheck,
} from './consumer.js';
import { run, runNode } from './run.js';
import { copyWorkingTree, publishable, repoRoot, versionOf } from './scratch.js';

// Everything happens under one scratch folder outside the workspace; nothing is published.
const scratch = mkdtempSync(join(tmpdir(), 'mcp-sse-release-'));
const repo = join(scratch, 'repo');
const tarballs = join(scratch, 'tarballs');
const consumer = join(scratch, 'consumer');
const require = createRequire(import.meta.url);
const changesetBin = join(
  require.resolve('@changesets/cli/package.json').replace(/package\.json$/, ''),
  'bin.js',
);
const tsc = require.resolve('typescript/bin/tsc');
const pnpm = (args: string[], cwd: string) => run('pnpm', args, cwd);
const filters = publishable.flatMap(({ name }) => ['--filter', name]);
const before = new Map(publishable.map(({ name, dir }) => [name, versionOf(join(repoRoot, dir))]));
const after = new Map<string, string>();

// How long each step took, printed once: the rehearsal is the slowest test in CI.
const timings: string[] = [];
async function step<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  timings.push(`${what} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

beforeAll(async () => {
  await step('copy', () => copyWorkingTree(repo));
  // The dist folders turbo built before this test are the ones a release would pack: the
  // build does not depend on the version (the server reads its package.json at run time).
  for (const { dir } of publishable) {
    cpSync(join(repoRoot, dir, 'dist'), join(repo, dir, 'dist'), { recursive: true });
  }
  // pnpm pack resolves `workspace:` ranges through node_modules; the pnpm store already
  // holds every package (CI installed the workspace first).
  await step('install', () =>
    pnpm(
      ['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts', ...filters],
      repo,
    ),
  );
  await step('changeset version', () => runNode([changesetBin, 'version'], repo));
  for (const { name, dir } of publishable) after.set(name, versionOf(join(repo, dir)));
  mkdirSync(tarballs);
  await step('pack', () => pnpm([...filters, 'pack', '--pack-destination', tarballs], repo));
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(consumerPackageJson, null, 2));
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await step('npm install', () =>
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        ...files,
        'zod@^4.1.0',
        '@types/node@^20.19.0',
      ],
      consumer,
    ),
  );
});

afterAll(() => {
  console.log(`release rehearsal: ${timings.join(', ')}`);
  rmSync(scratch, { recursive: true, force: true });
});

describe('release rehearsal (nothing is published)', () => {
  test('changeset version bumps every publishable package and writes its changelog', () => {
    for (const { name, dir } of publishable) {
      expect(after.get(name), name).not.toBe(before.get(name));
      expect(readFileSync(join(repo, dir, 'CHANGELOG.md'), 'utf8')).toContain(
        `## ${after.get(name)}`,
      );
    }
    // The changesets were used up.
    const left = readdirSync(join(repo, '.changeset')).filter((file) => file.endsWith('.md'));
    expect(left).toEqual(['README.md']);
  });

  test('each tarball has LICENSE, README and dist, and depends on the released versions', async () => {
    for (const { name } of publishable) {
      const file = `${name.slice(1).replace('/', '-')}-${after.get(name)}.tgz`;
      const { stdout } = await run('tar', ['-tzf', join(tarballs, file)], scratch);
      const entries = stdout.split('\n');
      for (const needed of ['package/LICENSE', 'package/README.md', 'package/package.json']) {
        expect(entries, `${file} lacks ${needed}`).toContain(needed);
      }
      expect(entries.some((entry) => entry.startsWith('package/dist/index.'))).toBe(true);
      expect(
        entries.some((entry) => /\.test\.|\/src\//.test(entry)),
        `${file}: tests or src`,
      ).toBe(false);
      const installed = JSON.parse(
        readFileSync(join(consumer, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version: string; dependencies?: Record<string, string>; repository?: unknown };
      expect(installed.version).toBe(after.get(name));
      expect(installed.repository).toBeDefined();
      for (const [dep, range] of Object.entries(installed.dependencies ?? {})) {
        expect(range, `${name} -> ${dep}`).not.toMatch(/^workspace:|^catalog:/);
        if (after.has(dep)) expect(range, `${name} -> ${dep}`).toContain(after.get(dep));
      }
    }
  });

  test('the packages load as ESM and as CommonJS', async () => {
    writeFileSync(join(consumer, 'check.mjs'), esmCheck);
    writeFileSync(join(consumer, 'check.cjs'), cjsCheck);
    expect((await step('esm', () => runNode(['check.mjs'], consumer))).stdout).toContain('esm ok');
    expect((await runNode(['check.cjs'], consumer)).stdout).toContain('cjs ok');
  });

  test.each(['node16', 'bundler'] as const)(
    'a consumer type-checks with moduleResolution %s',
    async (resolution) => {
      writeFileSync(join(consumer, 'index.ts'), consumerTs);
      writeFileSync(join(consumer, 'index.cts'), consumerCts);
      const config = `tsconfig.${resolution}.json`;
      writeFileSync(join(consumer, config), consumerTsconfig(resolution));
      await step(`tsc ${resolution}`, () => runNode([tsc, '-p', config], consumer));
    },
  );

  test('the bins run from node_modules/.bin', async () => {
    const bin = (name: string) => join(consumer, 'node_modules', '.bin', name);
    const serverHelp = await run(bin('mcp-sse-server'), ['--help'], consumer);
    expect(serverHelp.stdout).toContain('Usage: mcp-sse-server');
    const serverVersion = await run(bin('mcp-sse-server'), ['--version'], consumer);
    expect(serverVersion.stdout.trim()).toContain(after.get('@mcp-sse/server'));
    const clientHelp = await run(bin('mcp-sse'), ['--help'], consumer);
    expect(clientHelp.stdout).toContain('Usage: mcp-sse');
  });

  test('the installed mcp-sse lists the tools of the installed mcp-sse-server', async () => {
    const server = spawn(
      join(consumer, 'node_modules', '.bin', 'mcp-sse-server'),
      ['--port', '0'],
      {
        cwd: consumer,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.setEncoding('utf8');
        server.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = out.match(/listening on (http:\/\/\S+\/sse)/);
          if (match?.[1]) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`mcp-sse-server exited (${code}): ${out}`)));
      });
      const tools = await run(
        join(consumer, 'node_modules', '.bin', 'mcp-sse'),
        ['tools', '--url', url],
        consumer,
      );
      expect(tools.stdout).toContain('echo');
      expect(tools.stdout).toContain('add');
    } finally {
      server.kill('SIGTERM');
    }
  });
});
