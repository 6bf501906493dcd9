import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the load generator talks to a server (see load/open-session.ts). */
export type LoadProtocol = 'http+sse' | 'sessions' | 'stateless-2025' | 'modern';

/**
 * The servers measured side by side, each with the protocol the load generator speaks to
 * it. HTTP+SSE: ours (the bin), the SDK v1, the raw ceiling. Streamable HTTP: ours with
 * sessions answering JSON or SSE, 2026-07-28, and 2025 stateless; the SDK v2 stateful
 * (JSON or SSE answers) and `createMcpHandler`; FastMCP `httpStream`; the raw ceiling.
 */
export const SERVER_KINDS = [
  'ours',
  'sdk',
  'raw',
  'ours-json',
  'ours-stream',
  'ours-2026',
  'ours-stateless',
  'sdk2-json',
  'sdk2-stream',
  'sdk2-handler',
  'fastmcp',
  'raw-mcp',
  'raw-2026',
] as const;

/** One of {@link SERVER_KINDS}. */
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Column titles for each server kind. */
export const SERVER_TITLES: Record<ServerKind, string> = {
  ours: 'mcp-sse',
  sdk: 'SDK',
  raw: 'raw Fastify',
  'ours-json': 'mcp-sse JSON',
  'ours-stream': 'mcp-sse SSE',
  'ours-2026': 'mcp-sse 2026',
  'ours-stateless': 'mcp-sse 2025 stateless',
  'sdk2-json': 'SDK v2 JSON',
  'sdk2-stream': 'SDK v2 SSE',
  'sdk2-handler': 'SDK v2 createMcpHandler',
  fastmcp: 'FastMCP',
  'raw-mcp': 'raw Fastify /mcp',
  'raw-2026': 'raw Fastify /mcp 2026',
};

/** The protocol the load generator speaks to each kind. */
export const SERVER_PROTOCOLS: Record<ServerKind, LoadProtocol> = {
  ours: 'http+sse',
  sdk: 'http+sse',
  raw: 'http+sse',
  'ours-json': 'sessions',
  'ours-stream': 'sessions',
  'ours-2026': 'modern',
  'ours-stateless': 'stateless-2025',
  'sdk2-json': 'sessions',
  'sdk2-stream': 'sessions',
  'sdk2-handler': 'modern',
  fastmcp: 'sessions',
  'raw-mcp': 'sessions',
  'raw-2026': 'modern',
};

/** Whether the kind holds sessions (the idle scenarios apply). */
export function holdsSessions(kind: ServerKind): boolean {
  const protocol = SERVER_PROTOCOLS[kind];
  return protocol === 'http+sse' || protocol === 'sessions';
}

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

/** Extra settings a scenario asks of a server (only ours and the /mcp servers take them). */
export interface ServerTweaks {
  /** Filler tools added to the list (tools/list cost). */
  tools?: number;
  /** Our `resumeGraceMs`: 0 turns resumability (the event log) off. */
  resumeGraceMs?: number;
  /** Our Redis backend. */
  redisUrl?: string;
}

const OURS_MODE: Partial<Record<ServerKind, string>> = {
  'ours-json': 'json',
  'ours-stream': 'sessions',
  'ours-2026': 'sessions',
  'ours-stateless': 'stateless',
};
const SDK2_MODE: Partial<Record<ServerKind, string>> = {
  'sdk2-json': 'json',
  'sdk2-stream': 'sse',
  'sdk2-handler': 'handler',
};

/**
 * The command for `kind`, or undefined when it is not built. HTTP+SSE `ours` is the
 * `mcp-sse-server` bin with rate limiting off (the load generator is one client) and every
 * other safety check on; the Streamable HTTP `ours-*` run `buildApp` with the same settings
 * (servers/ours-server.ts); the others are the bench's own scripts in dist/servers.
 */
export function serverCommand(
  kind: ServerKind,
  tweaks: ServerTweaks = {},
): ServerCommand | undefined {
  const flags = ['--port', '0', '--host', '127.0.0.1'];
  const tools = tweaks.tools === undefined ? [] : ['--tools', String(tweaks.tools)];
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
            ...(tweaks.resumeGraceMs === undefined
              ? []
              : ['--resume-grace-ms', String(tweaks.resumeGraceMs)]),
          ],
          env: { MCP_RATE_LIMIT: '0', ...(tweaks.redisUrl ? { REDIS_URL: tweaks.redisUrl } : {}) },
        };
  }
  const oursMode = OURS_MODE[kind];
  if (oursMode !== undefined) {
    const script = ourServerScript() === undefined ? undefined : builtScript('servers/ours-server');
    if (script === undefined) return undefined;
    const args = [...flags, '--mode', oursMode, '--max-sessions', String(MAX_SESSIONS), ...tools];
    if (kind === 'ours-stream') args.push('--echo', 'async');
    if (tweaks.resumeGraceMs !== undefined)
      args.push('--resume-grace-ms', String(tweaks.resumeGraceMs));
    if (tweaks.redisUrl !== undefined) args.push('--redis-url', tweaks.redisUrl);
    return { script, args, env: {} };
  }
  const sdk2Mode = SDK2_MODE[kind];
  if (sdk2Mode !== undefined) {
    const script = builtScript('servers/sdk2-server');
    return script === undefined
      ? undefined
      : { script, args: [...flags, '--mode', sdk2Mode, ...tools], env: {} };
  }
  const name =
    kind === 'sdk'
      ? 'servers/sdk-server'
      : kind === 'raw'
        ? 'servers/raw-fastify'
        : kind === 'fastmcp'
          ? 'servers/fastmcp-server'
          : 'servers/raw-mcp';
  const script = builtScript(name);
  const own = kind === 'fastmcp' || kind === 'raw-mcp' || kind === 'raw-2026' ? tools : [];
  return script === undefined ? undefined : { script, args: [...flags, ...own], env: {} };
}
