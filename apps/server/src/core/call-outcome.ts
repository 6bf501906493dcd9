import type { CallToolResult } from '@mcp-sse/protocol';

/**
 * How a tool call ended for its caller: a result (which may itself be `isError`), or a
 * protocol-level failure with a JSON-RPC error code.
 */
export type CallOutcome =
  | { ok: true; result: CallToolResult }
  | { ok: false; code: number; message: string; data?: Record<string, unknown> };
