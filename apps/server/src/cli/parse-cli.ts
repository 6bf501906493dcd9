import { parseArgs } from 'node:util';
import type { StdioMode } from '../gateway/gateway-options.js';
import { parseCommand } from '../gateway/parse-command.js';
import { OAUTH_CLI_OPTIONS, parseOAuthCli, resolveOAuthCli } from '../oauth/oauth-cli-config.js';
import type { OAuthOptions } from '../oauth/oauth-options.js';
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
  /** `Host` headers accepted (`--allowed-hosts`); undefined for the default. */
  allowedHosts: string[] | '*' | undefined;
  /** Open sessions at most (`--max-sessions`). */
  maxSessions: number | undefined;
  /** Redis URL: sessions shared by several instances. */
  redisUrl: string | undefined;
  logLevel: string;
  /** Module to load tools, resources, templates and prompts from (`--config`). */
  config: string | undefined;
  /** Built-in example set to serve (`--examples`). */
  examples: ExampleSetName;
  /** Signs multi round-trip `requestState` (`--state-secret`); random when unset. */
  requestStateSecret: string | undefined;
  /** A stdio MCP server to serve instead of our tools (`--stdio`); undefined when off. */
  stdio: StdioCliConfig | undefined;
  /** OAuth resource server (`--oauth-issuer` ...), resource filled in; undefined when off. */
  oauth: OAuthOptions | undefined;
}

/** `--stdio`, `--stdio-mode`, `--stdio-max-children`. */
export interface StdioCliConfig {
  /** The command line, as given (split later, as a shell would). */
  command: string;
  mode: StdioMode;
  maxChildren: number | undefined;
}

/** The outcome of reading the command line: a config, a request for help, or a usage error. */
export type CliParse =
  | { kind: 'run'; config: CliConfig }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export { USAGE } from './usage.js';

/** Node's timers hold at most a signed 32-bit count of milliseconds; beyond, they fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function whole(
  value: string | undefined,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    const why = max === MAX_TIMER_MS ? " (Node's timer limit, about 24.8 days)" : '';
    throw new Error(
      `${name} must be a whole number between 0 and ${max}${why}, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

/** A count that must be at least 1 (a cap of 0 would refuse everything). */
function atLeastOne(value: number | undefined, name: string): number | undefined {
  if (value === 0) throw new Error(`${name} must be at least 1, got 0`);
  return value;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A comma-separated list, `*` for any, or undefined for the default. */
const listOrAny = (value: string | undefined): string[] | '*' | undefined =>
  value === undefined || value === '' ? undefined : value.trim() === '*' ? '*' : list(value);

/** The `--stdio` flags; the command is split now so that shell syntax is a usage error. */
function parseStdio(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): StdioCliConfig | undefined {
  const command = (values.stdio as string | undefined) ?? (env.MCP_STDIO || undefined);
  const mode = (values['stdio-mode'] as string | undefined) ?? (env.MCP_STDIO_MODE || 'session');
  const max = (values['stdio-max-children'] as string | undefined) ?? env.MCP_STDIO_MAX_CHILDREN;
  if (command === undefined) {
    if (values['stdio-mode'] !== undefined || values['stdio-max-children'] !== undefined) {
      throw new Error('--stdio-mode and --stdio-max-children need --stdio "<command>"');
    }
    return undefined;
  }
  parseCommand(command, env);
  if (mode !== 'session' && mode !== 'shared') {
    throw new Error(
      `--stdio-mode (MCP_STDIO_MODE) must be session or shared, got ${JSON.stringify(mode)}`,
    );
  }
  return {
    command,
    mode,
    maxChildren: atLeastOne(
      whole(max, '--stdio-max-children (MCP_STDIO_MAX_CHILDREN)'),
      '--stdio-max-children (MCP_STDIO_MAX_CHILDREN)',
    ),
  };
}

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
        'allowed-hosts': { type: 'string' },
        'max-sessions': { type: 'string' },
        'rate-limit': { type: 'string' },
        'auth-failure-limit': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'resume-grace-ms': { type: 'string' },
        'redis-url': { type: 'string' },
        ...OAUTH_CLI_OPTIONS,
        'log-level': { type: 'string' },
        config: { type: 'string' },
        examples: { type: 'string' },
        'state-secret': { type: 'string' },
        stdio: { type: 'string' },
        'stdio-mode': { type: 'string' },
        'stdio-max-children': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (values.version) return { kind: 'version' };
    const port = whole(values.port ?? env.PORT, '--port (PORT)', 65_535) ?? 3000;
    const origins = values['allowed-origins'] ?? env.MCP_ALLOWED_ORIGINS;
    const logLevel = values['log-level'] ?? env.LOG_LEVEL ?? 'info';
    if (!LEVELS.has(logLevel)) {
      throw new Error(
        `--log-level (LOG_LEVEL) must be one of ${[...LEVELS].join(', ')}, got ${JSON.stringify(logLevel)}`,
      );
    }
    // An empty variable counts as unset, as PORT and the others do; an empty flag is an error.
    const config = values.config ?? (env.MCP_SERVER_CONFIG || undefined);
    if (config === '') throw new Error('--config must name a module file');
    const examples =
      values.examples ??
      (env.MCP_EXAMPLES || undefined) ??
      (config === undefined ? 'default' : 'none');
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
    const oauth = parseOAuthCli(values, env);
    const stdio = parseStdio(values, env);
    return {
      kind: 'run',
      config: {
        port,
        host,
        apiKeys: list(values['api-key'] ?? env.MCP_API_KEY),
        allowedOrigins: listOrAny(origins),
        allowedHosts: listOrAny(values['allowed-hosts'] ?? env.MCP_ALLOWED_HOSTS),
        maxSessions: atLeastOne(
          whole(
            values['max-sessions'] ?? env.MCP_MAX_SESSIONS,
            '--max-sessions (MCP_MAX_SESSIONS)',
          ),
          '--max-sessions (MCP_MAX_SESSIONS)',
        ),
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
          MAX_TIMER_MS,
        ),
        resumeGraceMs: whole(
          values['resume-grace-ms'] ?? env.MCP_RESUME_GRACE_MS,
          '--resume-grace-ms (MCP_RESUME_GRACE_MS)',
          MAX_TIMER_MS,
        ),
        redisUrl: redisUrl === '' ? undefined : redisUrl,
        logLevel,
        config,
        examples,
        requestStateSecret: values['state-secret'] || env.MCP_REQUEST_STATE_SECRET || undefined,
        stdio,
        oauth: oauth === undefined ? undefined : resolveOAuthCli(oauth, host, port),
      },
    };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}
