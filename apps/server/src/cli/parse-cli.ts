import { parseArgs } from 'node:util';
import { EXAMPLE_SETS, type ExampleSetName, isExampleSetName } from './example-sets.js';

/** What the command line and environment asked for. */
export interface CliConfig {
  port: number;
  host: string;
  apiKeys: string[];
  allowedOrigins: string[] | '*' | undefined;
  rateLimit: number | undefined;
  authFailureLimit: number | undefined;
  heartbeatMs: number | undefined;
  resumeGraceMs: number | undefined;
  /** Redis URL: sessions shared by several instances. */
  redisUrl: string | undefined;
  logLevel: string;
  /** Module to load tools, resources, templates and prompts from (`--config`). */
  config: string | undefined;
  /** Built-in example set to serve (`--examples`). */
  examples: ExampleSetName;
}

/** The outcome of reading the command line: a config, a request for help, or a usage error. */
export type CliParse =
  | { kind: 'run'; config: CliConfig }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/** `mcp-sse-server --help`. */
export const USAGE = `Usage: mcp-sse-server [options]

MCP server over HTTP+SSE with example tools (echo, add, sleep, time, image).

Options (each falls back to the environment variable shown, then to the default):
  --port <n>              port to listen on; 0 picks a free one   PORT (3000)
  --host <addr>           address to bind                         HOST (127.0.0.1)
  --api-key <k1,k2>       accepted API keys; turns auth on         MCP_API_KEY (none)
  --allowed-origins <o>   browser origins allowed, comma-separated, or *
                                                                  MCP_ALLOWED_ORIGINS (loopback)
  --rate-limit <n>        requests per minute per client; 0 = off MCP_RATE_LIMIT (1000)
  --auth-failure-limit <n> failed authentications per minute per
                          address before 429; 0 = off             MCP_AUTH_FAILURE_LIMIT (30)
  --heartbeat-ms <n>      ms between heartbeat comments; 0 = off  MCP_HEARTBEAT_MS (15000)
  --resume-grace-ms <n>   keep a dropped session this long for its
                          client to come back; 0 = off            MCP_RESUME_GRACE_MS (30000)
  --redis-url <url>       share sessions between instances through
                          Redis (redis://host:port/db)            REDIS_URL (none: in memory)
  --log-level <level>     fatal|error|warn|info|debug|trace|silent LOG_LEVEL (info)
  --config <file>         serve the tools, resources, templates and prompts a
                          module exports (.js/.mjs; .ts with a loader)
                                                                  MCP_SERVER_CONFIG (none)
  --examples <set>        default|conformance|none: built-in set to serve
                                                                  MCP_EXAMPLES (default; none
                                                                  with --config)
  -h, --help              show this help

Routes: GET /sse (stream), POST /messages?sessionId=ID (JSON-RPC), POST /sse (simple form),
GET /healthz. Logs go to stderr as JSON; stdout gets one line once listening.`;

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function whole(
  value: string | undefined,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new Error(
      `${name} must be a whole number between 0 and ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Reads flags first, then the environment; never exits (the caller decides). */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliParse {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'allowed-origins': { type: 'string' },
        'rate-limit': { type: 'string' },
        'auth-failure-limit': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'resume-grace-ms': { type: 'string' },
        'redis-url': { type: 'string' },
        'log-level': { type: 'string' },
        config: { type: 'string' },
        examples: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    const port = whole(values.port ?? env.PORT, '--port (PORT)', 65_535) ?? 3000;
    const origins = values['allowed-origins'] ?? env.MCP_ALLOWED_ORIGINS;
    const logLevel = values['log-level'] ?? env.LOG_LEVEL ?? 'info';
    if (!LEVELS.has(logLevel)) {
      throw new Error(
        `--log-level (LOG_LEVEL) must be one of ${[...LEVELS].join(', ')}, got ${JSON.stringify(logLevel)}`,
      );
    }
    const config = values.config ?? env.MCP_SERVER_CONFIG;
    if (config === '') throw new Error('--config (MCP_SERVER_CONFIG) must not be empty');
    const examples =
      values.examples ?? env.MCP_EXAMPLES ?? (config === undefined ? 'default' : 'none');
    if (!isExampleSetName(examples)) {
      throw new Error(
        `--examples (MCP_EXAMPLES) must be one of ${Object.keys(EXAMPLE_SETS).join(', ')}, got ${JSON.stringify(examples)}`,
      );
    }
    const redisUrl = values['redis-url'] ?? env.REDIS_URL;
    if (redisUrl !== undefined && redisUrl !== '' && !/^rediss?:\/\/./.test(redisUrl)) {
      throw new Error(
        `--redis-url (REDIS_URL) must look like redis://host:6379, got ${JSON.stringify(redisUrl)}`,
      );
    }
    const host = values.host ?? env.HOST ?? '127.0.0.1';
    if (host === '') throw new Error('--host (HOST) must not be empty');
    return {
      kind: 'run',
      config: {
        port,
        host,
        apiKeys: list(values['api-key'] ?? env.MCP_API_KEY),
        allowedOrigins:
          origins === undefined || origins === ''
            ? undefined
            : origins.trim() === '*'
              ? '*'
              : list(origins),
        rateLimit: whole(
          values['rate-limit'] ?? env.MCP_RATE_LIMIT,
          '--rate-limit (MCP_RATE_LIMIT)',
        ),
        authFailureLimit: whole(
          values['auth-failure-limit'] ?? env.MCP_AUTH_FAILURE_LIMIT,
          '--auth-failure-limit (MCP_AUTH_FAILURE_LIMIT)',
        ),
        heartbeatMs: whole(
          values['heartbeat-ms'] ?? env.MCP_HEARTBEAT_MS,
          '--heartbeat-ms (MCP_HEARTBEAT_MS)',
        ),
        resumeGraceMs: whole(
          values['resume-grace-ms'] ?? env.MCP_RESUME_GRACE_MS,
          '--resume-grace-ms (MCP_RESUME_GRACE_MS)',
        ),
        redisUrl: redisUrl === '' ? undefined : redisUrl,
        logLevel,
        config,
        examples,
      },
    };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}
