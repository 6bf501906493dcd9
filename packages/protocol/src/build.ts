import type { ErrorCode } from './error-codes.js';
import {
  JSONRPC_VERSION,
  type JSONRPCErrorResponse,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type JSONRPCResultResponse,
  type RequestId,
} from './jsonrpc.js';

/** Builds a JSON-RPC request. */
export function jsonRpcRequest(
  id: RequestId,
  method: string,
  params?: Record<string, unknown>,
): JSONRPCRequest {
  return params === undefined
    ? { jsonrpc: JSONRPC_VERSION, id, method }
    : { jsonrpc: JSONRPC_VERSION, id, method, params };
}

/** Builds a JSON-RPC notification. */
export function jsonRpcNotification(
  method: string,
  params?: Record<string, unknown>,
): JSONRPCNotification {
  return params === undefined
    ? { jsonrpc: JSONRPC_VERSION, method }
    : { jsonrpc: JSONRPC_VERSION, method, params };
}

/** Builds a successful JSON-RPC response. */
export function jsonRpcResult(
  id: RequestId,
  result: Record<string, unknown>,
): JSONRPCResultResponse {
  return { jsonrpc: JSONRPC_VERSION, id, result };
}

/** Builds a JSON-RPC error response; `id` is null when the request's id could not be read. */
export function jsonRpcError(
  id: RequestId | null,
  code: ErrorCode | number,
  message: string,
  data?: unknown,
): JSONRPCErrorResponse {
  const error = data === undefined ? { code, message } : { code, message, data };
  return { jsonrpc: JSONRPC_VERSION, id, error };
}
