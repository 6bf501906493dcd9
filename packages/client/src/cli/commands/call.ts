import { parseArgsJson, parsePairs, typedPairs } from '../call-args.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { watchConnection } from '../connection-notices.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatResult } from '../format.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { ProgressBar } from '../progress-bar.js';
import { forTerminal } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

// After connecting, a bad value needs a pointer to the help, not the whole usage again.
const CALL_HINT = 'Run "mcp-sse call --help" for how to pass arguments.';

/**
 * `mcp-sse call TOOL`: calls one tool with a live progress bar (on a terminal), prints the
 * result, and exits 1 when the result is an error. Ctrl-C cancels the call on the server.
 */
export async function callCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, positionals, usage } = command;
  const [name, ...rest] = positionals;
  if (!name) throw new UsageError('Missing the TOOL to call', usage);
  // Everything that can be checked offline is checked before connecting.
  const base = parseArgsJson(values.args as string | undefined, usage);
  const pairs = parsePairs(rest, usage);
  const config = connectionConfig(values, io.env, usage);
  const timeout = seconds(values.timeout, '--timeout', 60, usage);
  const client = await openClient(config, io, { requestTimeout: timeout });
  const watch = watchConnection(client, io);
  try {
    const tool = client.tools.find((t) => t.name === name);
    if (!tool && client.tools.length > 0) {
      const names = client.tools.map((t) => t.name).join(', ');
      throw new UsageError(
        `The server has no tool "${name}". Its tools: ${names}`,
        'Run "mcp-sse tools" to see them.',
      );
    }
    const args = { ...base, ...typedPairs(pairs, tool, CALL_HINT) };
    const bar = io.stderrIsTTY ? new ProgressBar(io.err) : undefined;
    try {
      const result = await client
        .callTool(name, args, {
          signal: io.interrupt,
          timeout,
          resetTimeoutOnProgress: true,
          onProgress: (progress) => bar?.update(progress),
        })
        .catch((error: unknown) => {
          throw watch.explain(error, `the call of ${name}`);
        });
      bar?.clear();
      io.out(
        values.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : forTerminal(formatResult(result), io.stdoutIsTTY),
      );
      return result.isError ? EXIT.toolError : EXIT.ok;
    } finally {
      bar?.clear();
    }
  } finally {
    watch.stop();
    await client.close();
  }
}
