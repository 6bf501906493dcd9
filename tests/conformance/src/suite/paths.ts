import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The two conformance releases we run: the 2025-11-25 suite and the 2026-07-28 alpha. */
export type SuiteName = '2025-11-25' | '2026-07-28';

/** Every suite, in the order they run and print. */
export const SUITES: readonly SuiteName[] = ['2025-11-25', '2026-07-28'];

/** The root of this package (tests/conformance). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Node 20 preload that gives the suite the `fs.globSync` it imports (Node 22). */
export const GLOB_SYNC_PRELOAD = join(PACKAGE_ROOT, 'preload', 'glob-sync.mjs');

/** The scenario runner the client suites start once per scenario. */
export const SCENARIO_CLIENT = join(PACKAGE_ROOT, 'src', 'scenario-client', 'main.ts');

const PACKAGES: Record<SuiteName, string> = {
  '2025-11-25': 'conformance-2025',
  '2026-07-28': 'conformance-2026',
};

/** The `conformance` CLI of a suite (an npm alias of `@modelcontextprotocol/conformance`). */
export function conformanceBin(suite: SuiteName): string {
  const root = dirname(require.resolve(`${PACKAGES[suite]}/package.json`));
  return join(root, 'dist', 'index.js');
}

/** The built `mcp-sse-server` entry (apps/server/dist/cli.js); nothing here builds it. */
export function serverCli(): string {
  return join(dirname(require.resolve('@mcp-sse/server/package.json')), 'dist', 'cli.js');
}
