import { GatewayError } from './gateway-error.js';
import { parseCommand, type StdioCommand } from './parse-command.js';

/** How stdio server processes map to client sessions. */
export type StdioMode = 'session' | 'shared';

/** The `stdio` option of the plugin: serve a stdio MCP server instead of our own tools. */
export interface StdioGatewayOptions {
  /**
   * The server to run: a command line (split as a shell would, quotes respected, `$VAR`
   * expanded; no shell is started) or the program and its arguments as a list.
   */
  command: string | readonly string[];
  /**
   * `session` (default): one child per client session, so per-client state never mixes
   * and a child's requests (sampling, elicitation, roots) reach their client. `shared`: one
   * child for everyone, request ids remapped; for servers without per-client state.
   */
  mode?: StdioMode;
  /** Per-session children at most; a new session beyond gets 503. Default 100. */
  maxChildren?: number;
  /** Working directory of the children. Default the server's. */
  cwd?: string;
  /** Environment of the children. Default the server's. */
  env?: NodeJS.ProcessEnv;
  /** Wait before the second restart in a row, doubling from there. Default 250. */
  restartBaseMs?: number;
  /** Longest wait between restarts. Default 30000. */
  restartMaxMs?: number;
  /** A child must answer `initialize` within this. Default 60000 (npx may download first). */
  initializeTimeoutMs?: number;
  /** Longest JSON-RPC message (one stdout line) accepted from a child. Default 16 MiB. */
  maxMessageBytes?: number;
  /** Stderr lines are logged cut to this many characters. Default 2000. */
  maxStderrLineChars?: number;
}

/** {@link StdioGatewayOptions} with defaults filled in and the command split. */
export interface ResolvedGatewayOptions {
  command: StdioCommand;
  /** The command as the user wrote it, for log lines and error messages. */
  display: string;
  mode: StdioMode;
  maxChildren: number;
  cwd: string | undefined;
  env: NodeJS.ProcessEnv | undefined;
  restartBaseMs: number;
  restartMaxMs: number;
  initializeTimeoutMs: number;
  maxMessageBytes: number;
  maxStderrLineChars: number;
}

function count(value: number | undefined, name: string, fallback: number, min: number): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < min || result > 2 ** 31 - 1) {
    throw new GatewayError(
      'invalid_options',
      `Option stdio.${name} must be a whole number from ${min} to ${2 ** 31 - 1}, got ${JSON.stringify(value)}`,
    );
  }
  return result;
}

/** Checks the options and fills in defaults; throws a {@link GatewayError} saying what to fix. */
export function resolveGatewayOptions(options: StdioGatewayOptions): ResolvedGatewayOptions {
  const raw = options.command;
  let command: StdioCommand;
  if (typeof raw === 'string') {
    command = parseCommand(raw, options.env ?? process.env);
  } else if (
    Array.isArray(raw) &&
    raw.length > 0 &&
    raw.every((word) => typeof word === 'string')
  ) {
    const [program, ...args] = raw as string[];
    command = { command: program as string, args };
  } else {
    throw new GatewayError(
      'invalid_command',
      'Option stdio.command must be a command line or a non-empty list of strings',
    );
  }
  const mode = options.mode ?? 'session';
  if (mode !== 'session' && mode !== 'shared') {
    throw new GatewayError(
      'invalid_options',
      `Option stdio.mode must be "session" or "shared", got ${JSON.stringify(mode)}`,
    );
  }
  return {
    command,
    display: typeof raw === 'string' ? raw : [command.command, ...command.args].join(' '),
    mode,
    maxChildren: count(options.maxChildren, 'maxChildren', 100, 1),
    cwd: options.cwd,
    env: options.env,
    restartBaseMs: count(options.restartBaseMs, 'restartBaseMs', 250, 1),
    restartMaxMs: count(options.restartMaxMs, 'restartMaxMs', 30_000, 1),
    initializeTimeoutMs: count(options.initializeTimeoutMs, 'initializeTimeoutMs', 60_000, 1),
    maxMessageBytes: count(options.maxMessageBytes, 'maxMessageBytes', 16 * 1024 * 1024, 1024),
    maxStderrLineChars: count(options.maxStderrLineChars, 'maxStderrLineChars', 2000, 40),
  };
}
