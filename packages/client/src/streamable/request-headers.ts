import type { JSONRPCMessage } from '@mcp-sse/protocol';
import { encodeHeaderValue } from './header-value.js';
import { type HeaderParam, headerArgument } from './x-mcp-header.js';

const NAME_SOURCE: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

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
  const headers: Record<string, string> = { 'mcp-method': method };
  const params = (message.params ?? {}) as Record<string, unknown>;
  const source = NAME_SOURCE[method];
  const name = source ? params[source] : undefined;
  if (typeof name === 'string') headers['mcp-name'] = encodeHeaderValue(name);
  if (method === 'tools/call' && typeof name === 'string') {
    for (const param of toolParams(name) ?? []) {
      const value = headerArgument(params.arguments, param.path);
      if (value !== undefined)
        headers[`mcp-param-${param.name.toLowerCase()}`] = encodeHeaderValue(value);
    }
  }
  return headers;
}
