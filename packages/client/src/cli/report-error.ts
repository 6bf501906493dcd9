import { McpSseClientError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { forTerminal } from './terminal-text.js';
import { UsageError } from './usage-error.js';

/** JSON-RPC -32602: the server says the arguments are wrong, a usage problem (exit 2). */
const INVALID_PARAMS = -32602;

/** An error as the CLI reports it: its exit code, a stable `code` and the message. */
export interface ReportedError {
  exit: ExitCode;
  /** `usage`, `interrupted`, `claude_api`, `error`, or the client error's code. */
  code: string;
  message: string;
  /** The JSON-RPC error code, when the server answered with one. */
  rpcCode?: number;
  /** One line saying what to do next, when there is one. */
  hint?: string;
}

/**
 * Prints an error the way a user can act on it and picks the exit code. With `json`, it is
 * one JSON object `{"error": {...}}` on stdout, so that `--json` callers parse one stream.
 */
export function reportError(error: unknown, io: CliIO, json = false): ExitCode {
  const reported = classifyError(error, io);
  if (json) {
    io.out(`${JSON.stringify({ error: reported })}\n`);
    return reported.exit;
  }
  // Messages quote server text (tool names, error messages): cleaned on a terminal.
  const hint = reported.hint === undefined ? '' : `${reported.hint}\n`;
  const text =
    reported.code === 'interrupted'
      ? `\nmcp-sse: ${reported.message}\n`
      : `mcp-sse: ${reported.message}${suffix(reported)}\n${hint}`;
  io.err(forTerminal(text, io.stderrIsTTY));
  return reported.exit;
}

function suffix(reported: ReportedError): string {
  if (reported.code === 'usage' || reported.code === 'error' || reported.code === 'claude_api')
    return '';
  return ` [${reported.code}]`;
}

/** What an error means for the CLI: exit code, code, message and hint. */
export function classifyError(error: unknown, io: CliIO): ReportedError {
  if (error instanceof UsageError) {
    return {
      exit: EXIT.usage,
      code: 'usage',
      message: error.message,
      hint: usageHint(error.usage),
    };
  }
  if (io.interrupt.aborted) {
    return {
      exit: EXIT.interrupted,
      code: 'interrupted',
      message: 'interrupted (Ctrl-C); anything pending was cancelled on the server.',
    };
  }
  if (McpSseClientError.isInstance(error)) {
    const rpc = error.rpcCode === undefined ? {} : { rpcCode: error.rpcCode };
    if (error.rpcCode === INVALID_PARAMS) {
      // The server refused the arguments: the call was wrong, not the connection.
      return {
        exit: EXIT.usage,
        code: error.code,
        message: error.message,
        ...rpc,
        hint: 'The server says the arguments are invalid: check them (mcp-sse tools or mcp-sse prompts shows what it takes).',
      };
    }
    return { exit: EXIT.failure, code: error.code, message: error.message, ...rpc };
  }
  const status = (error as { status?: unknown }).status;
  const name = (error as { name?: unknown }).name;
  if (
    typeof status === 'number' ||
    name === 'APIConnectionError' ||
    name === 'APIConnectionTimeoutError'
  ) {
    return {
      exit: EXIT.failure,
      code: 'claude_api',
      message: `Claude API error${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`,
    };
  }
  return {
    exit: EXIT.failure,
    code: 'error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * `Run "mcp-sse call --help" for usage.` for a full usage text (its first line names the
 * command); a one-line hint as it is.
 */
export function usageHint(usage: string | undefined): string {
  if (usage === undefined || usage === '') return 'Run "mcp-sse --help" for usage.';
  if (!usage.includes('\n')) return usage;
  const command = /^Usage: (mcp-sse(?: [a-z]+)?)/.exec(usage)?.[1] ?? 'mcp-sse';
  return `Run "${command} --help" for usage.`;
}
