import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT, SCENARIO_CLIENT } from './paths.js';

// Bundled into the package (not a temp dir) so `@mcp-sse/client` resolves from its
// node_modules; .cache/ is ignored by git.
const OUTFILE = join(PACKAGE_ROOT, '.cache', 'scenario-client.mjs');

let built: Promise<string> | undefined;

/**
 * The scenario runner compiled once per process to plain ESM (dependencies left external):
 * the suite starts it once per scenario, and a TypeScript loader at each start costs
 * seconds on a busy machine.
 */
export function scenarioClientScript(): Promise<string> {
  built ??= build({
    entryPoints: [SCENARIO_CLIENT],
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
