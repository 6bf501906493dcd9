import type { Logger } from '../../logger.js';
import { runStdioProxy } from '../../proxy/stdio-proxy.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { UsageError } from '../usage-error.js';
import { serverUrlArgument } from './login.js';

/**
 * `mcp-sse proxy URL`: the remote server on stdin/stdout for a local host (see
 * `runStdioProxy`). Exits 0 when the host closes stdin, 3 when the server cannot be
 * reached or is lost for good. Nothing but JSON-RPC is written to stdout.
 */
export async function proxyCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, positionals, usage } = command;
  if (positionals.length === 0 && typeof values.url !== 'string' && !io.env.MCP_SERVER_URL) {
    throw new UsageError('No server URL: mcp-sse proxy URL', usage);
  }
  const url = serverUrlArgument(command, io);
  const config = connectionConfig({ ...values, url }, io.env, usage);
  if (config.protocolVersion?.startsWith('2026')) {
    throw new UsageError(
      `--protocol-version ${config.protocolVersion}: the proxy answers the host's initialize, which the stateless revisions do not have; offer a 2025 revision or leave it unset.`,
      usage,
    );
  }
  const logger = stderrLogger(io, config.verbose);
  const requestTimeout = seconds(values.timeout, '--timeout', 3600, usage);
  const end = await runStdioProxy({
    input: io.stdin,
    write: io.out,
    requestTimeout,
    logger,
    ...(config.protocolVersion ? { protocolVersion: config.protocolVersion } : {}),
    connect: ({ protocolVersion, capabilities, clientInfo, handlers }) =>
      openClient(config, io, {
        protocolVersion,
        capabilities,
        clientInfo,
        handlers,
        logger,
        requestTimeout,
        // The host's sampling and elicitation wait for a person: let several wait at once.
        serverRequests: { concurrency: 16 },
      }),
  });
  return end.reason === 'host_closed' ? EXIT.ok : EXIT.failure;
}

/** Diagnostics on stderr, one prefixed line each; debug lines only with --verbose. */
function stderrLogger(io: CliIO, verbose: boolean): Logger {
  const line = (level: string) => (message: string) =>
    io.err(`[mcp-sse proxy] ${level}${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return {
    ...(verbose ? { debug: line('debug: ') } : {}),
    info: line(''),
    warn: line('warning: '),
    error: line('error: '),
  };
}
