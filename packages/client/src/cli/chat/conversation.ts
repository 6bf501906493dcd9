import type Anthropic from '@anthropic-ai/sdk';
import type { Progress } from '@mcp-sse/protocol';
import type { McpSseClient } from '../../client.js';
import { McpSseClientError } from '../../errors.js';
import { toAnthropicTools, toToolResultContent } from './to-anthropic.js';
import { ToolNameMap } from './tool-names.js';

/** Settings of a {@link Conversation}. */
export interface ConversationOptions {
  model: string;
  maxTokens: number;
  /** Tool-use rounds per turn before giving up. */
  maxRounds: number;
  /** Per tool call timeout in ms. */
  toolTimeout: number;
  /** Streamed reply text. */
  onText: (text: string) => void;
  /** Narration of tool calls and their outcome. */
  onInfo: (text: string) => void;
  /** Progress of a running tool call (a live bar on a terminal). */
  onProgress?: (progress: Progress) => void;
  /** The tool call ended: the bar, if any, is cleared. */
  onProgressDone?: () => void;
}

/** How a turn ended. */
export interface TurnOutcome {
  /** Model calls made in this turn. */
  rounds: number;
  /** Tool calls run in this turn. */
  toolCalls: number;
  /** False when the round limit stopped the turn before Claude answered. */
  answered: boolean;
}

// These mean the MCP connection itself is gone: no point telling the model, stop the chat.
const FATAL = new Set([
  'closed',
  'session_lost',
  'aborted',
  'connect_failed',
  'auth_failed',
  'redirect_refused',
]);

/**
 * A conversation with Claude in which the MCP server's tools are offered: each `tool_use`
 * is run through the MCP client and answered with a `tool_result` in the same
 * conversation, round after round, until Claude answers. History carries across turns.
 */
export class Conversation {
  /** The whole conversation so far, as sent to the Messages API. */
  readonly messages: Anthropic.MessageParam[] = [];
  readonly #names: ToolNameMap;
  readonly #tools: Anthropic.Tool[];

  constructor(
    private readonly anthropic: Anthropic,
    private readonly client: McpSseClient,
    private readonly options: ConversationOptions,
  ) {
    this.#names = new ToolNameMap(client.tools.map((t) => t.name));
    this.#tools = toAnthropicTools(client.tools, this.#names);
  }

  /** Sends the user's text and streams Claude's reply, running tools as it asks. */
  async turn(text: string, signal?: AbortSignal): Promise<TurnOutcome> {
    this.#addUserContent([{ type: 'text', text }]);
    let toolCalls = 0;
    for (let round = 1; round <= this.options.maxRounds; round++) {
      const stream = this.anthropic.messages.stream(
        {
          model: this.options.model,
          max_tokens: this.options.maxTokens,
          messages: this.messages,
          ...(this.#tools.length > 0 ? { tools: this.#tools } : {}),
          ...(this.client.instructions ? { system: this.client.instructions } : {}),
        },
        signal ? { signal } : undefined,
      );
      stream.on('text', (delta) => this.options.onText(delta));
      const message = await stream.finalMessage();
      this.messages.push({
        role: 'assistant',
        content: message.content as Anthropic.ContentBlockParam[],
      });
      const uses = message.content.filter(
        (b): b is Anthropic.ToolUseBlock => b.type === 'tool_use',
      );
      if (message.stop_reason !== 'tool_use' || uses.length === 0) {
        this.options.onText('\n');
        return { rounds: round, toolCalls, answered: true };
      }
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const use of uses) {
        results.push(await this.#runTool(use, signal));
        toolCalls++;
      }
      this.#addUserContent(results);
    }
    this.options.onInfo(
      `Stopped after ${this.options.maxRounds} tool rounds without a final answer.\n`,
    );
    return { rounds: this.options.maxRounds, toolCalls, answered: false };
  }

  async #runTool(
    use: Anthropic.ToolUseBlock,
    signal?: AbortSignal,
  ): Promise<Anthropic.ToolResultBlockParam> {
    const name = this.#names.toMcp(use.name);
    if (name === undefined) {
      return {
        type: 'tool_result',
        tool_use_id: use.id,
        is_error: true,
        content: `No tool named ${use.name}`,
      };
    }
    const args = (use.input ?? {}) as Record<string, unknown>;
    this.options.onInfo(`\n[tool] ${name} ${JSON.stringify(args)}\n`);
    try {
      const result = await this.client.callTool(name, args, {
        timeout: this.options.toolTimeout,
        resetTimeoutOnProgress: true,
        ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      this.options.onProgressDone?.();
      this.options.onInfo(`[tool] ${name} ${result.isError ? 'failed' : 'done'}\n`);
      return {
        type: 'tool_result',
        tool_use_id: use.id,
        content: toToolResultContent(result),
        ...(result.isError ? { is_error: true } : {}),
      };
    } catch (error) {
      this.options.onProgressDone?.();
      if (McpSseClientError.isInstance(error) && FATAL.has(error.code)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.options.onInfo(`[tool] ${name} error: ${message}\n`);
      return {
        type: 'tool_result',
        tool_use_id: use.id,
        is_error: true,
        content: `The tool call failed: ${message}`,
      };
    }
  }

  // Messages must alternate; a turn that ended at the round limit leaves a user message last.
  #addUserContent(content: Anthropic.ContentBlockParam[]): void {
    const last = this.messages.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...content);
    else this.messages.push({ role: 'user', content });
  }
}
