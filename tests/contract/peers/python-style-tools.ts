import type { CallToolResult } from '@mcp-sse/protocol';

/** What a tool run may do besides returning: report progress, notice a cancel. */
export interface ToolContext {
  signal: AbortSignal;
  progress(progress: number, total: number): void;
}

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

/** The tools the Python-style peer offers, as `tools/list` shows them. */
export const pythonStyleTools = [
  {
    name: 'echo',
    description: 'Echoes a message',
    inputSchema: {
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    },
  },
  {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'sleep',
    description: 'Waits, reporting progress every ~100 ms',
    inputSchema: { type: 'object', properties: { ms: { type: 'number' } }, required: ['ms'] },
  },
] as const;

/**
 * Runs one tool. Like FastMCP, a bad argument or an unknown tool becomes a result with
 * `isError: true` rather than a JSON-RPC error.
 */
export async function runPythonStyleTool(
  name: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
): Promise<CallToolResult> {
  const fail = (message: string): CallToolResult => ({ ...text(message), isError: true });
  if (name === 'echo') {
    return typeof args.message === 'string'
      ? text(args.message)
      : fail('message: expected a string');
  }
  if (name === 'add') {
    const { a, b } = args;
    if (typeof a !== 'number' || typeof b !== 'number') return fail('a, b: expected numbers');
    return text(String(a + b));
  }
  if (name === 'sleep') {
    const { ms } = args;
    if (typeof ms !== 'number' || ms < 0 || ms > 60_000) return fail('ms: expected 0..60000');
    const steps = Math.max(1, Math.ceil(ms / 100));
    for (let step = 1; step <= steps && !ctx.signal.aborted; step++) {
      await new Promise((resolve) => setTimeout(resolve, ms / steps));
      ctx.progress(step, steps);
    }
    return text(`slept ${ms} ms`);
  }
  return fail(`Unknown tool: ${name}`);
}
