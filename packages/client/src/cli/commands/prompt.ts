import { parsePairs } from '../call-args.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { forTerminal } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/** `mcp-sse prompt NAME key=value ...`: the prompt filled in, one `role: text` per message. */
export async function promptCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, positionals, usage } = command;
  const [name, ...rest] = positionals;
  if (!name) throw new UsageError('Missing the prompt NAME', usage);
  // Prompt arguments are strings: no typing by schema.
  const args = Object.fromEntries(parsePairs(rest, usage));
  const config = connectionConfig(values, io.env, usage);
  const requestTimeout = seconds(values.timeout, '--timeout', 60, usage);
  const client = await openClient(config, io, { requestTimeout });
  try {
    const result = await client.getPrompt(name, args, { signal: io.interrupt });
    if (values.json) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const message of result.messages as { role: string; content: Record<string, unknown> }[]) {
      const content = message.content;
      const body =
        typeof content.text === 'string' ? content.text : `[${String(content.type ?? 'content')}]`;
      io.out(forTerminal(`${message.role}: ${body}\n`, io.stdoutIsTTY));
    }
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
