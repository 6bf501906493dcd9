import type { Tool } from '@mcp-sse/protocol';

/** A call the demo makes, translated to one server's tool and argument names. */
export interface PlannedCall {
  tool: string;
  args: Record<string, unknown>;
}

/**
 * Which of a server's tools play the demo's parts. Our server and the official SDK
 * examples call them echo/add/sleep; server-everything has echo, get-sum and
 * trigger-long-running-operation. A part the server cannot play is left out and its step
 * is skipped.
 */
export interface ToolPlan {
  echo?: (message: string) => PlannedCall;
  add?: (a: number, b: number) => PlannedCall;
  /** A call that takes about `ms` and reports progress on the way. */
  sleep?: (ms: number) => PlannedCall;
}

/** Builds the plan from the tools a server lists. */
export function planTools(tools: readonly Tool[]): ToolPlan {
  const has = (name: string) => tools.some((tool) => tool.name === name);
  const plan: ToolPlan = {};
  if (has('echo')) plan.echo = (message) => ({ tool: 'echo', args: { message } });
  if (has('add')) plan.add = (a, b) => ({ tool: 'add', args: { a, b } });
  else if (has('get-sum')) plan.add = (a, b) => ({ tool: 'get-sum', args: { a, b } });
  if (has('sleep')) plan.sleep = (ms) => ({ tool: 'sleep', args: { ms } });
  else if (has('trigger-long-running-operation')) {
    plan.sleep = (ms) => ({
      tool: 'trigger-long-running-operation',
      args: { duration: ms / 1000, steps: Math.max(1, Math.round(ms / 250)) },
    });
  }
  return plan;
}
