import { McpSseClientError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { UsageError } from './usage-error.js';

/** Prints an error the way a user can act on it and picks the exit code. */
export function reportError(error: unknown, io: CliIO): ExitCode {
  if (error instanceof UsageError) {
    io.err(`mcp-sse: ${error.message}\n${error.usage ? `\n${error.usage}\n` : ''}`);
    return EXIT.usage;
  }
  if (io.interrupt.aborted) {
    io.err('\nmcp-sse: interrupted (Ctrl-C); anything pending was cancelled on the server.\n');
    return EXIT.interrupted;
  }
  if (McpSseClientError.isInstance(error)) {
    io.err(`mcp-sse: ${error.message} [${error.code}]\n`);
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
      `mcp-sse: Claude API error${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${(error as Error).message}\n`,
    );
    return EXIT.failure;
  }
  io.err(`mcp-sse: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failure;
}
