import {
  ErrorCode,
  type JSONRPCErrorResponse,
  jsonRpcError,
  type RequestId,
} from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';

/**
 * The JSON-RPC error the host gets for a failed request: the remote's own error exactly
 * (code, message, data) when it sent one; otherwise -32603 with our message (connection,
 * timeout, auth, ...), which says what to do, and our error code in `data`.
 */
export function hostError(id: RequestId, error: unknown): JSONRPCErrorResponse {
  if (McpSseClientError.isInstance(error)) {
    if (error.code === 'server_error' && error.rpcCode !== undefined) {
      // The client words the message for people; the remote's own message is in the cause.
      return jsonRpcError(id, error.rpcCode, remoteMessage(error), error.data);
    }
    return jsonRpcError(id, ErrorCode.InternalError, error.message, {
      proxyError: error.code,
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
  return jsonRpcError(
    id,
    ErrorCode.InternalError,
    error instanceof Error ? error.message : String(error),
  );
}

function remoteMessage(error: McpSseClientError): string {
  const original = (error.cause as { message?: unknown } | undefined)?.message;
  return typeof original === 'string' ? original : error.message;
}
