import { ErrorCode, type RequestId } from '@mcp-sse/protocol';

/** A 2026-07-28 refusal: the HTTP status and the JSON-RPC error it carries. */
export interface StatelessRefusal {
  status: number;
  code: number;
  message: string;
  data?: Record<string, unknown>;
}

/** 400 / -32602: the request lacks the `_meta` every 2026-07-28 request carries. */
export function missingMeta(what: string): StatelessRefusal {
  return {
    status: 400,
    code: ErrorCode.InvalidParams,
    message: `Invalid params: ${what}; every 2026-07-28 request carries params._meta with io.modelcontextprotocol/protocolVersion and io.modelcontextprotocol/clientCapabilities`,
  };
}

/** 400 / -32022: a protocol version this server does not speak. */
export function unsupportedVersion(
  requested: unknown,
  supported: readonly string[],
): StatelessRefusal {
  return {
    status: 400,
    code: ErrorCode.UnsupportedProtocolVersion,
    message: 'Unsupported protocol version: pick one of data.supported and retry',
    data: { supported: [...supported], requested },
  };
}

/** 400 / -32020: a header missing or disagreeing with the body. */
export function headerMismatch(message: string): StatelessRefusal {
  return { status: 400, code: ErrorCode.HeaderMismatch, message: `Header mismatch: ${message}` };
}

/** 404 / -32601: a method this server does not implement (in this revision). */
export function methodNotFound(method: string): StatelessRefusal {
  return { status: 404, code: ErrorCode.MethodNotFound, message: `Method not found: ${method}` };
}

/** The JSON-RPC error response of a refusal. */
export function refusalJson(id: RequestId | null, refusal: StatelessRefusal): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: {
      code: refusal.code,
      message: refusal.message,
      ...(refusal.data === undefined ? {} : { data: refusal.data }),
    },
  });
}
