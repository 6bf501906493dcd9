import type { McpSseClient } from '@mcp-sse/client';
import type { Narrator, StepResult } from '../narrator.js';
import type { ToolPlan } from '../tool-plan.js';

/** What the steps share: the narrator, the client once connected, the target's handles. */
export interface DemoContext {
  narrator: Narrator;
  /** The URL of the server's SSE stream. */
  url: string;
  /** The Streamable HTTP endpoint; unset for a remote server (its `url` is tried instead). */
  mcpUrl?: string;
  /** Set when the target ends long call streams early (SEP-1699 polling): the embedded server. */
  pollAfterMs?: number;
  /** Set by the connect step. */
  client?: McpSseClient;
  /** Which of the target's tools play which part; set once the tools are known. */
  plan?: ToolPlan;
  /** Cuts the client's SSE stream from the server side; only the embedded server can. */
  dropStreams?: () => number;
  /** Aborted when the step runs out of time: pass it to every call. */
  signal: AbortSignal;
  /** Whether wire traces are narrated right now (the runner sets it per step). */
  showWire: boolean;
}

/** One step of the narrated flow. */
export interface Step {
  id: string;
  title: string;
  /** Narrate what crosses the wire during this step. */
  wire?: boolean;
  /** Give up (fail the step) after this long: a bound on a hang, sized for a loaded machine. */
  timeoutMs: number;
  /** Runs even after an earlier step failed: for cleanup. */
  always?: boolean;
  run(ctx: DemoContext): Promise<StepResult>;
}

/** Returns the connected client or throws: steps after connect rely on it. */
export function clientOf(ctx: DemoContext): McpSseClient {
  if (!ctx.client) throw new Error('not connected (the connect step did not succeed)');
  return ctx.client;
}
