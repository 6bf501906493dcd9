import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The servers measured side by side. */
export type ServerKind = 'ours' | 'sdk' | 'raw';

/** All server kinds in table order. */
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'sdk', 'raw'];

/** Column titles for each server kind. */
export const SERVER_TITLES: Record<ServerKind, string> = {
  ours: 'mcp-sse',
  sdk: 'SDK',
  raw: 'raw Fastify',
};

/** How to start one server: a Node script and its arguments. */
export interface ServerCommand {
  script: string;
  args: string[];
  env: Record<string, string>;
}

/** The bench package's root, found from this file whether it runs from src/ or dist/. */
export function benchRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i += 1) dir = dirname(dir);
  return dir;
}

/** A script built from this package (`servers/sdk-server`), or undefined if not built. */
export function builtScript(name: string): string | undefined {
  const file = join(benchRoot(), 'dist', `${name}.js`);
  return existsSync(file) ? file : undefined;
}

function ourServerScript(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@mcp-sse/server/package.json');
    const script = join(dirname(pkg), 'bin', 'mcp-sse-server.js');
    return existsSync(join(dirname(pkg), 'dist', 'cli.js')) ? script : undefined;
  } catch {
    return undefined;
  }
}

let maxSessionsFlag: boolean | undefined;

/**
 * Whether our server's CLI takes `--max-sessions` (read once from its `--help`): the idle
 * scenario holds 10,000 sessions, more than the library's default cap.
 */
function takesMaxSessions(script: string): boolean {
  if (maxSessionsFlag === undefined) {
    const help = spawnSync(process.execPath, [script, '--help'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    maxSessionsFlag = `${help.stdout}${help.stderr}`.includes('--max-sessions');
  }
  return maxSessionsFlag;
}

/** Session cap asked of servers that have one: above the largest idle scenario. */
export const MAX_SESSIONS = 20_000;

/**
 * The command for `kind`, or undefined when it is not built. The bench's own servers are
 * in its dist/servers; ours is the `mcp-sse-server` bin, with
 * rate limiting off (the load generator is one client) and every other safety check on.
 */
export function serverCommand(kind: ServerKind): ServerCommand | undefined {
  const flags = ['--port', '0', '--host', '127.0.0.1'];
  if (kind === 'ours') {
    const script = ourServerScript();
    return script === undefined
      ? undefined
      : {
          script,
          args: [
            ...flags,
            '--rate-limit',
            '0',
            ...(takesMaxSessions(script) ? ['--max-sessions', String(MAX_SESSIONS)] : []),
          ],
          env: { MCP_RATE_LIMIT: '0' },
        };
  }
  const script = builtScript(kind === 'sdk' ? 'servers/sdk-server' : 'servers/raw-fastify');
  return script === undefined ? undefined : { script, args: flags, env: {} };
}
