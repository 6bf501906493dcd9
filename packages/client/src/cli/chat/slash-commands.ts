import type { McpSseClient } from '../../client.js';
import { parsePairs } from '../call-args.js';
import type { CliIO } from '../io.js';
import { forTerminal } from '../terminal-text.js';
import type { Conversation } from './conversation.js';

/** The chat's slash commands, for `/help`. */
export const CHAT_HELP = `Commands:
  /help               this list
  /tools              the server's tools
  /resources          the server's resources
  /resources URI      attach a resource to your next message, as context
  /prompt NAME [k=v]  run a server prompt as your next message
  /clear              forget the conversation so far
  /exit               leave (or Ctrl-D)
`;

/** What the REPL does after a line: nothing more, send a message, or leave. */
export type SlashOutcome = { kind: 'done' } | { kind: 'send'; text: string } | { kind: 'exit' };

/** The chat's state that slash commands change besides the conversation. */
export interface ChatState {
  /** Resources attached with `/resources URI`, sent with the next message. */
  attachments: { uri: string; text: string }[];
}

/**
 * Runs one `/command` line. Server text (names, descriptions, resource text) is cleaned on
 * a terminal like every other server text; a failing server request is reported and the
 * chat goes on.
 */
export async function runSlashCommand(
  line: string,
  context: { client: McpSseClient; conversation: Conversation; io: CliIO; state: ChatState },
): Promise<SlashOutcome> {
  const { client, conversation, io, state } = context;
  const say = (text: string) => io.err(forTerminal(text, io.stderrIsTTY));
  const [name, ...args] = line.trim().split(/\s+/);
  switch (name) {
    case '/exit':
    case '/quit':
      return { kind: 'exit' };
    case '/help':
      say(CHAT_HELP);
      return { kind: 'done' };
    case '/clear':
      conversation.messages.length = 0;
      state.attachments.length = 0;
      say('Conversation cleared.\n');
      return { kind: 'done' };
    case '/tools':
      say(
        client.tools.length === 0
          ? 'The server has no tools.\n'
          : `${client.tools.map((t) => `  ${t.name}${t.description ? `  ${t.description}` : ''}`).join('\n')}\n`,
      );
      return { kind: 'done' };
    case '/resources':
      return args[0] ? attach(args[0], context) : listResources(context);
    case '/prompt':
      return runPrompt(args, context);
    default:
      say(`Unknown command ${name}. ${CHAT_HELP}`);
      return { kind: 'done' };
  }
}

async function listResources(context: { client: McpSseClient; io: CliIO }): Promise<SlashOutcome> {
  const { client, io } = context;
  const resources = await client.listResources({ signal: io.interrupt });
  const lines = resources.map(
    (r) => `  ${r.uri}  ${r.name}${r.description ? `  ${r.description}` : ''}`,
  );
  io.err(
    forTerminal(
      resources.length === 0 ? 'The server has no resources.\n' : `${lines.join('\n')}\n`,
      io.stderrIsTTY,
    ),
  );
  return { kind: 'done' };
}

async function attach(
  uri: string,
  context: { client: McpSseClient; io: CliIO; state: ChatState },
): Promise<SlashOutcome> {
  const { client, io, state } = context;
  const result = await client.readResource(uri, { signal: io.interrupt });
  const text = (result.contents as { text?: unknown; mimeType?: string }[])
    .map((part) =>
      typeof part.text === 'string' ? part.text : `[binary ${part.mimeType ?? 'content'}]`,
    )
    .join('\n');
  state.attachments.push({ uri, text });
  io.err(
    forTerminal(
      `Attached ${uri} (${text.length} characters) to your next message.\n`,
      io.stderrIsTTY,
    ),
  );
  return { kind: 'done' };
}

async function runPrompt(
  args: string[],
  context: { client: McpSseClient; io: CliIO },
): Promise<SlashOutcome> {
  const { client, io } = context;
  const [name, ...pairs] = args;
  if (!name) {
    io.err('Usage: /prompt NAME [key=value ...]\n');
    return { kind: 'done' };
  }
  const values = Object.fromEntries(parsePairs(pairs, 'Usage: /prompt NAME [key=value ...]'));
  const result = await client.getPrompt(name, values, { signal: io.interrupt });
  const text = (result.messages as { content: { text?: unknown } }[])
    .map((message) => (typeof message.content.text === 'string' ? message.content.text : ''))
    .filter((part) => part !== '')
    .join('\n\n');
  io.err(forTerminal(`[prompt ${name}] ${text}\n`, io.stderrIsTTY));
  return { kind: 'send', text };
}

/** The next message with the attached resources before it, then forgets them. */
export function withAttachments(text: string, state: ChatState): string {
  if (state.attachments.length === 0) return text;
  const parts = state.attachments.map((a) => `<resource uri="${a.uri}">\n${a.text}\n</resource>`);
  state.attachments.length = 0;
  return `${parts.join('\n')}\n\n${text}`;
}
