import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { watchConnection } from '../connection-notices.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatToolsTable } from '../format.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { terminalSafe } from '../terminal-text.js';

/** `mcp-sse tools`: the server's tools as a table, or JSON with `--json`. */
export async function toolsCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, usage } = command;
  const config = connectionConfig(values, io.env, usage);
  const requestTimeout = seconds(values.timeout, '--timeout', 60, usage);
  const client = await openClient(config, io, { requestTimeout });
  const watch = watchConnection(client, io);
  try {
    const tools = await client.listTools({ signal: io.interrupt }).catch((error: unknown) => {
      throw watch.explain(error, 'tools/list');
    });
    io.out(
      values.json
        ? `${JSON.stringify(tools, null, 2)}\n`
        : formatToolsTable(tools, io.columns, io.stdoutIsTTY ? terminalSafe : undefined),
    );
    return EXIT.ok;
  } finally {
    watch.stop();
    await client.close();
  }
}
