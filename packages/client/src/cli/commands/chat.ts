import { createInterface } from 'node:readline';
import { Conversation } from '../chat/conversation.js';
import { DEFAULT_MODEL } from '../chat/default-model.js';
import { loadAnthropic } from '../chat/load-anthropic.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, positiveInt, seconds } from '../config.js';
import { watchConnection } from '../connection-notices.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { forTerminal } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/**
 * `mcp-sse chat`: Claude with the server's tools. `--prompt` runs one turn; otherwise
 * each line read is a turn of one conversation, until end of input or `/exit`.
 */
export async function chatCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values } = command;
  const usage = command.usage;
  const config = connectionConfig(values, io.env, usage);
  const apiKey = io.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new UsageError('Set ANTHROPIC_API_KEY to chat with Claude', usage);
  const model = (values.model as string | undefined) || io.env.ANTHROPIC_MODEL || DEFAULT_MODEL;
  const maxRounds = positiveInt(values['max-rounds'], '--max-rounds', 10, usage);
  const maxTokens = positiveInt(values['max-tokens'], '--max-tokens', 4096, usage);
  const toolTimeout = seconds(values.timeout, '--timeout', 60, usage);
  const prompt = values.prompt as string | undefined;
  if (prompt !== undefined && prompt.trim() === '')
    throw new UsageError('--prompt is empty', usage);

  // An optional peer dependency, loaded only here (and for sampling).
  const Anthropic = await loadAnthropic('mcp-sse chat');
  const anthropic = new Anthropic({
    apiKey,
    ...(io.env.ANTHROPIC_BASE_URL ? { baseURL: io.env.ANTHROPIC_BASE_URL } : {}),
    maxRetries: 2,
  });
  const client = await openClient(config, io, { requestTimeout: toolTimeout });
  const watch = watchConnection(client, io);
  try {
    const conversation = new Conversation(anthropic, client, {
      model,
      maxTokens,
      maxRounds,
      toolTimeout,
      onText: (text) => io.out(forTerminal(text, io.stdoutIsTTY)),
      onInfo: (text) => io.err(forTerminal(text, io.stderrIsTTY)),
    });
    if (prompt !== undefined) {
      await conversation.turn(prompt, io.interrupt);
      return EXIT.ok;
    }
    return await repl(conversation, io, client.tools.length, model);
  } finally {
    watch.stop();
    await client.close();
  }
}

async function repl(
  conversation: Conversation,
  io: CliIO,
  toolCount: number,
  model: string,
): Promise<ExitCode> {
  const lines = createInterface({ input: io.stdin, terminal: false });
  const stop = () => lines.close();
  io.interrupt.addEventListener('abort', stop, { once: true });
  try {
    if (io.stdinIsTTY) {
      io.err(
        `Chatting with ${model} and ${toolCount} tools. Type /exit or press Ctrl-D to leave.\nyou> `,
      );
    }
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/exit' || text === '/quit') break;
      if (text !== '') await conversation.turn(text, io.interrupt);
      if (io.stdinIsTTY) io.err('you> ');
    }
  } finally {
    io.interrupt.removeEventListener('abort', stop);
    lines.close();
  }
  if (io.interrupt.aborted) throw io.interrupt.reason;
  return EXIT.ok;
}
