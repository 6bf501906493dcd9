import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';

/** `mcp-sse ping`: connects and checks the server answers (`ping`, or `server/discover` in 2026-07-28). */
export async function pingCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, usage } = command;
  const config = connectionConfig(values, io.env, usage);
  const timeout = seconds(values.timeout, '--timeout', 10, usage);
  const client = await openClient(config, io);
  try {
    await client.ping({ signal: io.interrupt, timeout });
    io.out(`ok (${client.protocolVersion ?? '?'} over ${client.transportKind})\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
