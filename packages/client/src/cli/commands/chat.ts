import { createInterface } from 'node:readline';
import type { McpSseClient } from '../../client.js';
import { Conversation } from '../chat/conversation.js';
import { DEFAULT_MODEL } from '../chat/default-model.js';
import { loadAnthropic } from '../chat/load-anthropic.js';
import { type ChatState, runSlashCommand, withAttachments } from '../chat/slash-commands.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, positiveInt, seconds } from '../config.js';
import { watchConnection } from '../connection-notices.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { reportError } from '../report-error.js';
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
    return await repl(conversation, client, io, model);
  } finally {
    watch.stop();
    await client.close();
  }
}

async function repl(
  conversation: Conversation,
  client: McpSseClient,
  io: CliIO,
  model: string,
): Promise<ExitCode> {
  // On a terminal: line editing and history (node:readline), the prompt on stderr.
  const lines = createInterface({
    input: io.stdin,
    ...(io.stdinIsTTY ? { output: process.stderr, historySize: 500 } : {}),
    terminal: io.stdinIsTTY,
  });
  const stop = () => lines.close();
  io.interrupt.addEventListener('abort', stop, { once: true });
  const state: ChatState = { attachments: [] };
  const prompt = () => {
    if (io.stdinIsTTY) io.err('you> ');
  };
  try {
    if (io.stdinIsTTY) {
      io.err(
        `Chatting with ${model} and ${client.tools.length} tools. /help for commands, /exit or Ctrl-D to leave.\n`,
      );
    }
    prompt();
    for await (const line of lines) {
      let text = line.trim();
      try {
        if (text.startsWith('/')) {
          const outcome = await runSlashCommand(text, { client, conversation, io, state });
          if (outcome.kind === 'exit') break;
          text = outcome.kind === 'send' ? outcome.text : '';
        }
        if (text !== '') await sendTurn(conversation, withAttachments(text, state), io);
      } catch (error) {
        if (io.interrupt.aborted) throw error;
        // A failed server request or Claude API error: reported, and the chat goes on.
        reportError(error, io);
      }
      prompt();
    }
  } finally {
    io.interrupt.removeEventListener('abort', stop);
    lines.close();
  }
  if (io.interrupt.aborted) throw io.interrupt.reason;
  return EXIT.ok;
}

/**
 * One turn; when it fails, the conversation is put back as it was before it, so that the
 * history stays valid (no user message left without its answer) and the chat can go on.
 */
async function sendTurn(conversation: Conversation, text: string, io: CliIO): Promise<void> {
  const before = conversation.messages.length;
  try {
    await conversation.turn(text, io.interrupt);
  } catch (error) {
    conversation.messages.length = before;
    throw error;
  }
}
