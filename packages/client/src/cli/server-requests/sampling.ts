import { McpSseClientError } from '../../errors.js';
import { DEFAULT_MODEL } from '../chat/default-model.js';
import { loadAnthropic } from '../chat/load-anthropic.js';
import type { CliIO } from '../io.js';
import { forTerminal } from '../terminal-text.js';

/** MCP's "user rejected" error code for sampling. */
const USER_REJECTED = -1;

interface SamplingContent {
  type?: string;
  text?: string;
  data?: string;
  mimeType?: string;
}
interface SamplingMessage {
  role?: string;
  content?: SamplingContent | SamplingContent[];
}

/**
 * `sampling/createMessage` answered by Claude, when `ANTHROPIC_API_KEY` is set (otherwise
 * no handler is registered: the capability is not declared, and a server that asks anyway
 * gets -32601). The request is shown first and the user must approve it on a terminal;
 * without one it is declined, since nobody approved spending tokens.
 */
export function samplingHandler(
  io: CliIO,
): ((params: Record<string, unknown>) => Promise<Record<string, unknown>>) | undefined {
  const apiKey = io.env.ANTHROPIC_API_KEY;
  if (!apiKey) return undefined;
  return async (params) => {
    const messages = (Array.isArray(params.messages) ? params.messages : []) as SamplingMessage[];
    const maxTokens = Math.min(Math.max(1, Number(params.maxTokens) || 1024), 8192);
    io.err(forTerminal(describe(params, messages, maxTokens), io.stderrIsTTY));
    if (!(await approve(io))) {
      throw new McpSseClientError('server_error', 'The user declined the sampling request.', {
        rpcCode: USER_REJECTED,
      });
    }
    const Anthropic = await loadAnthropic('Sampling');
    const anthropic = new Anthropic({
      apiKey,
      ...(io.env.ANTHROPIC_BASE_URL ? { baseURL: io.env.ANTHROPIC_BASE_URL } : {}),
      maxRetries: 2,
    });
    const response = await anthropic.messages.create({
      model: io.env.ANTHROPIC_MODEL || DEFAULT_MODEL,
      max_tokens: maxTokens,
      ...(typeof params.systemPrompt === 'string' ? { system: params.systemPrompt } : {}),
      messages: messages.map((message) => ({
        role: message.role === 'assistant' ? ('assistant' as const) : ('user' as const),
        content: parts(message).map((part) => ({ type: 'text' as const, text: part })),
      })),
    });
    const text = response.content
      .map((block) => (block.type === 'text' ? block.text : ''))
      .join('');
    return {
      role: 'assistant',
      content: { type: 'text', text },
      model: response.model,
      stopReason: STOP_REASONS[response.stop_reason ?? ''] ?? response.stop_reason ?? 'endTurn',
    };
  };
}

const STOP_REASONS: Record<string, string> = {
  end_turn: 'endTurn',
  max_tokens: 'maxTokens',
  stop_sequence: 'stopSequence',
};

/** Text parts of a sampling message; other content is summarised for Claude. */
function parts(message: SamplingMessage): string[] {
  const content = Array.isArray(message.content) ? message.content : [message.content ?? {}];
  const texts = content.map((part) =>
    part.type === 'text' ? String(part.text ?? '') : `[${part.type ?? 'content'} omitted]`,
  );
  return texts.length > 0 ? texts : [''];
}

function describe(
  params: Record<string, unknown>,
  messages: SamplingMessage[],
  maxTokens: number,
): string {
  const lines = ['', 'The server asks Claude to answer (sampling):'];
  if (typeof params.systemPrompt === 'string') lines.push(`  system: ${params.systemPrompt}`);
  for (const message of messages) {
    lines.push(`  ${message.role ?? 'user'}: ${parts(message).join(' ')}`);
  }
  lines.push(`  (at most ${maxTokens} tokens)`, '');
  return lines.join('\n');
}

async function approve(io: CliIO): Promise<boolean> {
  if (!io.stdinIsTTY) {
    io.err('mcp-sse: sampling declined: stdin is not a terminal, so nobody can approve it.\n');
    return false;
  }
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm(
      { message: 'Send this to Claude?', default: false },
      { input: io.stdin, output: process.stderr },
    );
  } catch {
    return false;
  }
}
