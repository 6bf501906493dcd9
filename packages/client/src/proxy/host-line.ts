import {
  ErrorCode,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  jsonRpcError,
  parseJson,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';

/** One line from the host: a message, or the error to answer it with. */
export type HostLine =
  | { ok: true; message: JSONRPCMessage }
  | { ok: false; reply: JSONRPCErrorResponse };

/**
 * Reads one line of the stdio transport (one JSON-RPC message per line). Blank lines are
 * nothing (`undefined`); text that is not JSON gets -32700, JSON that is not one JSON-RPC
 * message gets -32600 (with the request's id when one can be read), so a host that sent
 * something broken hears why instead of waiting.
 */
export function readHostLine(text: string): HostLine | undefined {
  const line = text.trim();
  if (line === '') return undefined;
  const json = parseJson(line);
  if (!json.ok) {
    return {
      ok: false,
      reply: jsonRpcError(null, ErrorCode.ParseError, `Parse error: ${json.error.message}`),
    };
  }
  if (Array.isArray(json.value)) {
    return {
      ok: false,
      reply: jsonRpcError(
        null,
        ErrorCode.InvalidRequest,
        'Invalid Request: JSON-RPC batches are not part of MCP (since 2025-06-18); send one message per line.',
      ),
    };
  }
  const message = toJSONRPCMessage(json.value);
  if (message.ok) return { ok: true, message: message.value };
  return {
    ok: false,
    reply: jsonRpcError(
      idOf(json.value),
      ErrorCode.InvalidRequest,
      `Invalid Request: not a JSON-RPC 2.0 message (${message.error.message.slice(0, 300)}).`,
    ),
  };
}

/** The id of a malformed request, when it has a usable one; null otherwise, as JSON-RPC says. */
function idOf(value: unknown): string | number | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}
