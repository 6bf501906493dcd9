import { createInterface } from 'node:readline';
import type { Progress } from '@mcp-sse/protocol';
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
import { ProgressBar } from '../progress-bar.js';
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
  const bar = io.stderrIsTTY ? new ProgressBar(io.err) : undefined;
  const watch = watchConnection(client, io);
  try {
    const conversation = new Conversation(anthropic, client, {
      model,
      maxTokens,
      maxRounds,
      toolTimeout,
      onText: (text) => io.out(forTerminal(text, io.stdoutIsTTY)),
      onInfo: (text) => io.err(forTerminal(text, io.stderrIsTTY)),
      // Progress during tool calls: a live bar on a terminal, one line per update otherwise.
      onProgress: (progress) => {
        if (bar) bar.update(progress);
        else io.err(`[progress] ${progressLine(progress)}\n`);
      },
      onProgressDone: () => bar?.clear(),
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
  // On a terminal readline takes Ctrl-C: during a turn it cancels the turn (and its tool
  // calls on the server) and the chat goes on; at the prompt it leaves.
  let turn: AbortController | undefined;
  lines.on('SIGINT', () => {
    if (turn) turn.abort(new Error('Turn cancelled (Ctrl-C)'));
    else lines.close();
  });
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
        if (text !== '') {
          turn = new AbortController();
          const signal = AbortSignal.any([io.interrupt, turn.signal]);
          await sendTurn(conversation, withAttachments(text, state), signal);
        }
      } catch (error) {
        if (io.interrupt.aborted) throw error;
        if (turn?.signal.aborted) {
          io.err('\nTurn cancelled (Ctrl-C); its tool calls were cancelled on the server.\n');
          turn = undefined;
          prompt();
          continue;
        }
        // A failed server request or Claude API error: reported, and the chat goes on.
        reportError(error, io);
      } finally {
        turn = undefined;
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
async function sendTurn(
  conversation: Conversation,
  text: string,
  signal: AbortSignal,
): Promise<void> {
  const before = conversation.messages.length;
  try {
    await conversation.turn(text, signal);
  } catch (error) {
    conversation.messages.length = before;
    throw error;
  }
}

/** A progress notification as one plain line (stderr is not a terminal: exact text). */
function progressLine(progress: Progress): string {
  const of = progress.total === undefined ? '' : `/${progress.total}`;
  const message = progress.message ? ` ${progress.message.replace(/[\n\t]/g, ' ')}` : '';
  return `${progress.progress}${of}${message}`;
}
