import {
  encodeHeaderValue,
  type JSONRPCMessage,
  MCP_NAME_SOURCE,
  McpHeader,
  mcpParamHeaderName,
} from '@mcp-sse/protocol';
import { type HeaderParam, headerArgument } from './x-mcp-header.js';

/**
 * The headers a 2026-07-28 POST mirrors from its body: `Mcp-Method`, `Mcp-Name` for
 * tools/call, prompts/get and resources/read, and `Mcp-Param-{name}` for each tool argument
 * marked `x-mcp-header` (given by `toolParams`) that has a value.
 */
export function modernRequestHeaders(
  message: JSONRPCMessage,
  toolParams: (tool: string) => readonly HeaderParam[] | undefined,
): Record<string, string> {
  if (!('method' in message)) return {};
  const method = String(message.method);
  const headers: Record<string, string> = { [McpHeader.Method]: method };
  const params = (message.params ?? {}) as Record<string, unknown>;
  const source = MCP_NAME_SOURCE[method];
  const name = source ? params[source] : undefined;
  if (typeof name === 'string') headers[McpHeader.Name] = encodeHeaderValue(name);
  if (method === 'tools/call' && typeof name === 'string') {
    for (const param of toolParams(name) ?? []) {
      const value = headerArgument(params.arguments, param.path);
      if (value !== undefined) headers[mcpParamHeaderName(param.name)] = encodeHeaderValue(value);
    }
  }
  return headers;
}
