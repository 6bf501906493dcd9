import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../suite/paths.js';

// Inside the package (not a temp dir) so `@mcp-sse/client` resolves from its node_modules;
// .cache/ is ignored by git.
const OUTFILE = join(PACKAGE_ROOT, '.cache', 'auth-driver.mjs');
const ENTRY = join(PACKAGE_ROOT, 'src', 'auth', 'driver.ts');

let built: Promise<string> | undefined;

/**
 * The auth scenario driver compiled once per process to plain ESM: the suite starts it once
 * per scenario and it starts itself again as `$BROWSER`, so no TypeScript loader at run time.
 */
export function authDriverScript(): Promise<string> {
  built ??= build({
    entryPoints: [ENTRY],
    outfile: OUTFILE,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
  }).then(() => OUTFILE);
  return built;
}
