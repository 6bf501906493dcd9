import type { McpSseClient } from '../../client.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { terminalSafe } from '../terminal-text.js';

/** What `mcp-sse info` reports about a server. */
export interface ServerInfoReport {
  name: string | undefined;
  version: string | undefined;
  protocolVersion: string | undefined;
  transport: string;
  endpoint: string | undefined;
  capabilities: Record<string, unknown>;
  instructions: string | undefined;
  tools: number;
}

/** The facts of a connected client that `info` prints. */
export function serverInfoReport(client: McpSseClient): ServerInfoReport {
  return {
    name: client.serverInfo?.name,
    version: client.serverInfo?.version,
    protocolVersion: client.protocolVersion,
    transport: client.transportKind,
    endpoint: client.endpoint,
    capabilities: (client.serverCapabilities ?? {}) as Record<string, unknown>,
    instructions: client.instructions,
    tools: client.tools.length,
  };
}

/** `mcp-sse info`: the server's identity, revision, transport and capabilities. */
export async function infoCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, usage } = command;
  const config = connectionConfig(values, io.env, usage);
  const client = await openClient(config, io);
  try {
    const report = serverInfoReport(client);
    if (values.json) {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    const safe = (text: string | undefined) =>
      io.stdoutIsTTY ? terminalSafe(text ?? '-') : (text ?? '-');
    const lines = [
      `server:       ${safe(report.name)} ${safe(report.version)}`,
      `revision:     ${safe(report.protocolVersion)}`,
      `transport:    ${report.transport}`,
      `endpoint:     ${safe(report.endpoint)}`,
      `capabilities: ${safe(Object.keys(report.capabilities).sort().join(', ') || 'none')}`,
      `tools:        ${report.tools}`,
    ];
    if (report.instructions) lines.push(`instructions: ${safe(report.instructions)}`);
    io.out(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
