import type { Prompt } from '@mcp-sse/protocol';
import { clientOf, type Step } from './types.js';

/** The demo server's prompt and the argument it fills in. */
const PREFERRED = { name: 'explain', args: { topic: 'Server-Sent Events' } };

/** Arguments for another server's prompt: a placeholder for each required one. */
function argsFor(prompt: Prompt): Record<string, string> {
  if (prompt.name === PREFERRED.name) return PREFERRED.args;
  const args: Record<string, string> = {};
  for (const argument of prompt.arguments ?? []) {
    if (argument.required) args[argument.name] = 'demo';
  }
  return args;
}

function textOf(content: unknown): string {
  const block = content as { type?: string; text?: string };
  return block.type === 'text' && typeof block.text === 'string' ? block.text : `[${block.type}]`;
}

/** `prompts/list`, then `prompts/get` with an argument: the messages the server fills in. */
export const promptStep: Step = {
  id: 'prompt',
  title: 'A prompt with an argument (prompts/get)',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const client = clientOf(ctx);
    if (!client.serverCapabilities?.prompts) {
      return { status: 'skip', summary: 'the server declares no prompts capability' };
    }
    const prompts = await client.listPrompts({ signal: ctx.signal });
    const chosen = prompts.find((p) => p.name === PREFERRED.name) ?? prompts[0];
    if (!chosen) return { status: 'skip', summary: 'the server lists no prompts' };
    const args = argsFor(chosen);
    ctx.narrator.detail(`prompts/get ${chosen.name} ${JSON.stringify(args)}`);
    const { messages } = await client.getPrompt(chosen.name, args, { signal: ctx.signal });
    for (const message of messages) {
      ctx.narrator.detail(`${message.role}: ${textOf(message.content)}`);
    }
    return {
      status: 'ok',
      summary: `${prompts.length} prompt(s); ${chosen.name} gave ${messages.length} message(s)`,
      data: {
        prompts: prompts.map((p) => p.name),
        got: chosen.name,
        args,
        messages: messages.length,
      },
    };
  },
};
