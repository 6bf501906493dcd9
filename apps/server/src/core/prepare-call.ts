import { ErrorCode, firstIssuePath, formatIssues } from '@mcp-sse/protocol';
import type { DefinedTool } from '../tools/define-tool.js';
import type { ToolRegistry } from '../tools/tool-registry.js';

/** A call ready to run (tool found, arguments valid), or the JSON-RPC error to answer with. */
export type PreparedCall =
  | { ok: true; tool: DefinedTool; args: unknown }
  | { ok: false; code: number; message: string; data?: Record<string, unknown> };

/**
 * Looks the tool up and validates the arguments: the cheap checks, done before a call
 * takes a slot or a place in the queue. Errors name the field at fault.
 */
export function prepareCall(
  tools: ToolRegistry,
  name: unknown,
  args: unknown,
  shuttingDown: boolean,
): PreparedCall {
  if (typeof name !== 'string' || name === '') {
    return {
      ok: false,
      code: ErrorCode.InvalidParams,
      message: 'params.name: the tool name must be a non-empty string',
    };
  }
  const tool = tools.get(name);
  if (tool === undefined) {
    return { ok: false, code: ErrorCode.InvalidParams, message: `Unknown tool: ${name}` };
  }
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    return {
      ok: false,
      code: ErrorCode.InvalidParams,
      message: 'params.arguments: expected an object',
    };
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    const field = firstIssuePath(parsed.error);
    return {
      ok: false,
      code: ErrorCode.InvalidParams,
      message: `Invalid arguments for tool ${name}: ${formatIssues(parsed.error, 'arguments')}`,
      ...(field === undefined ? {} : { data: { field: `arguments.${field}` } }),
    };
  }
  if (shuttingDown) {
    return {
      ok: false,
      code: ErrorCode.ConnectionClosed,
      message: 'The server is shutting down: retry on another instance',
    };
  }
  return { ok: true, tool, args: parsed.data };
}
