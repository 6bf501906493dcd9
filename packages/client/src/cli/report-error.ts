import { McpSseClientError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { forTerminal } from './terminal-text.js';
import { UsageError } from './usage-error.js';

/** Prints an error the way a user can act on it and picks the exit code. */
export function reportError(error: unknown, io: CliIO): ExitCode {
  if (error instanceof UsageError) {
    // The message may quote server text (tool names): cleaned like any other on a terminal.
    io.err(forTerminal(`mcp-sse: ${error.message}\n${usageHint(error.usage)}\n`, io.stderrIsTTY));
    return EXIT.usage;
  }
  if (io.interrupt.aborted) {
    io.err('\nmcp-sse: interrupted (Ctrl-C); anything pending was cancelled on the server.\n');
    return EXIT.interrupted;
  }
  if (McpSseClientError.isInstance(error)) {
    // Messages carry server text (error messages, body snippets): cleaned on a terminal.
    io.err(forTerminal(`mcp-sse: ${error.message} [${error.code}]\n`, io.stderrIsTTY));
    return EXIT.failure;
  }
  const status = (error as { status?: unknown }).status;
  const name = (error as { name?: unknown }).name;
  if (
    typeof status === 'number' ||
    name === 'APIConnectionError' ||
    name === 'APIConnectionTimeoutError'
  ) {
    io.err(
      forTerminal(
        `mcp-sse: Claude API error${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${(error as Error).message}\n`,
        io.stderrIsTTY,
      ),
    );
    return EXIT.failure;
  }
  io.err(
    forTerminal(
      `mcp-sse: ${error instanceof Error ? error.message : String(error)}\n`,
      io.stderrIsTTY,
    ),
  );
  return EXIT.failure;
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
