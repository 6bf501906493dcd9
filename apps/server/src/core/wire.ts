import {
  type ErrorCode,
  type JSONRPCErrorResponse,
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcResult,
  type RequestId,
} from '@mcp-sse/protocol';

/*
 * Serialisation happens here, once per outgoing message: the transport writes the string
 * as it is.
 */

/** A JSON-RPC result as JSON text. */
export function resultJson(id: RequestId, result: Record<string, unknown>): string {
  return JSON.stringify(jsonRpcResult(id, result));
}

/** A JSON-RPC error as JSON text. */
export function errorJson(
  id: RequestId | null,
  code: ErrorCode | number,
  message: string,
  data?: unknown,
): string {
  const error: JSONRPCErrorResponse = jsonRpcError(id, code, message, data);
  return JSON.stringify(error);
}

/** A JSON-RPC notification as JSON text. */
export function notificationJson(method: string, params?: Record<string, unknown>): string {
  return JSON.stringify(jsonRpcNotification(method, params));
}

/** A result whose body is already JSON text: spares re-serialising cached parts. */
export function rawResultJson(id: RequestId, resultJsonText: string): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${resultJsonText}}`;
}
