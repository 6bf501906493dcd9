import { parsePairs } from '../call-args.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { forTerminal } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/**
 * `mcp-sse complete (--prompt NAME | --template URI) ARG [PARTIAL]`: the server's
 * suggestions for one argument, one per line (`--json`: the completion object).
 */
export async function completeCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, positionals, usage } = command;
  const prompt = values.prompt as string | undefined;
  const template = values.template as string | undefined;
  if ((prompt === undefined) === (template === undefined)) {
    throw new UsageError('Pass exactly one of --prompt NAME or --template URI', usage);
  }
  const [argument, partial = '', ...extra] = positionals;
  if (!argument) throw new UsageError('Missing the argument name ARG to complete', usage);
  if (extra.length > 0) throw new UsageError(`Unexpected ${extra.join(' ')}`, usage);
  const context = Object.fromEntries(
    parsePairs((values.context as string[] | undefined) ?? [], usage),
  );
  const config = connectionConfig(values, io.env, usage);
  const requestTimeout = seconds(values.timeout, '--timeout', 60, usage);
  const client = await openClient(config, io, { requestTimeout });
  try {
    const ref =
      prompt !== undefined
        ? { type: 'ref/prompt' as const, name: prompt }
        : { type: 'ref/resource' as const, uri: template as string };
    const completion = await client.complete(ref, { name: argument, value: partial }, context, {
      signal: io.interrupt,
    });
    if (values.json) {
      io.out(`${JSON.stringify(completion, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const value of completion.values) io.out(forTerminal(`${value}\n`, io.stdoutIsTTY));
    const shown = completion.values.length;
    if (completion.hasMore || (completion.total !== undefined && completion.total > shown)) {
      const more = completion.total !== undefined ? ` of ${completion.total}` : '';
      io.err(`(${shown} shown${more}; type more to narrow them)\n`);
    }
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
