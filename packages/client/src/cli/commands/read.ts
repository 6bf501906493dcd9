import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { forTerminal } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/** `mcp-sse read URI`: the resource's text parts as text, other parts summarised. */
export async function readCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, positionals, usage } = command;
  const [uri, ...extra] = positionals;
  if (!uri || extra.length > 0) throw new UsageError('Give exactly one resource URI', usage);
  const config = connectionConfig(values, io.env, usage);
  const requestTimeout = seconds(values.timeout, '--timeout', 60, usage);
  const client = await openClient(config, io, { requestTimeout });
  try {
    const result = await client.readResource(uri, { signal: io.interrupt });
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const part of result.contents as Record<string, unknown>[]) {
      if (typeof part.text === 'string') {
        io.out(
          forTerminal(part.text.endsWith('\n') ? part.text : `${part.text}\n`, io.stdoutIsTTY),
        );
      } else {
        const size = typeof part.blob === 'string' ? Math.floor((part.blob.length * 3) / 4) : 0;
        const type = typeof part.mimeType === 'string' ? part.mimeType : 'binary';
        io.out(
          forTerminal(`[blob: ${type}, ${size} bytes] ${String(part.uri ?? '')}\n`, io.stdoutIsTTY),
        );
      }
    }
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
