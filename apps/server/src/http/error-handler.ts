import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  BodyTooLargeError,
  InvalidJsonError,
  UnsupportedMediaTypeError,
} from '../errors/http-errors.js';

/** The JSON body of every error answer. */
export interface HttpErrorBody {
  /** The HTTP status. */
  statusCode: number;
  /** Stable machine-readable code (`MCP_SSE_...`). */
  code: string;
  /** The status text. */
  error: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Requests whose errors are answered as JSON-RPC (Streamable HTTP served on another route). */
const jsonRpcRequests = new WeakSet<FastifyRequest>();

/** Answers this request's errors with a JSON-RPC error body (a Streamable HTTP POST on `/sse`). */
export function markJsonRpcErrors(request: FastifyRequest): void {
  jsonRpcRequests.add(request);
}

/**
 * The JSON-RPC code of an HTTP error: its own `rpcCode`, else parse error for bad JSON,
 * invalid request for other 400s, and the SDKs' generic -32000 for the rest.
 */
function rpcCodeOf(error: FastifyError, status: number): number {
  const own = (error as { rpcCode?: unknown }).rpcCode;
  if (typeof own === 'number') return own;
  if (error.code === 'MCP_SSE_INVALID_JSON') return -32700;
  if (status === 400) return -32600;
  return -32000;
}

/** Rewrites Fastify's own body errors into ours, whose messages say what to do. */
function translate(error: FastifyError, request: FastifyRequest, bodyLimit: number): FastifyError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaTypeError(JSON.stringify(request.headers['content-type'] ?? ''));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new BodyTooLargeError(bodyLimit);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new InvalidJsonError('it is empty; send one JSON-RPC message');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new InvalidJsonError('send one JSON-RPC message as a JSON object');
    default:
      return error;
  }
}

/**
 * The plugin's error handler: a JSON body saying what is wrong for every 4xx, a generic
 * message for anything unexpected (logged, never a stack in the answer).
 */
export function createErrorHandler(bodyLimit: number) {
  return function mcpSseErrorHandler(
    raw: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const error = translate(raw, request, bodyLimit);
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    const expected =
      status < 500 || (typeof error.code === 'string' && error.code.startsWith('MCP_SSE_'));
    if (!expected) request.log.error({ err: raw }, 'unexpected error');
    else if (status >= 500) request.log.warn({ code: error.code }, error.message);
    const body: HttpErrorBody = {
      statusCode: status,
      code: expected && typeof error.code === 'string' ? error.code : 'MCP_SSE_INTERNAL',
      error: STATUS_CODES[status] ?? 'Error',
      message: expected ? error.message : 'Internal server error: see the server log',
    };
    if (request.routeOptions.config.mcpJsonRpcErrors === true || jsonRpcRequests.has(request)) {
      // The Streamable HTTP transport answers errors as JSON-RPC error responses with no id
      // (the specification allows it on every 4xx); our own code and status go in `data`.
      const rpcId = (error as { rpcId?: unknown }).rpcId;
      reply.status(status).send({
        jsonrpc: '2.0',
        id: typeof rpcId === 'string' || typeof rpcId === 'number' ? rpcId : null,
        error: {
          code: rpcCodeOf(error, status),
          message: body.message,
          data: { statusCode: status, code: body.code, ...(error as { rpcData?: object }).rpcData },
        },
      });
      return;
    }
    reply.status(status).send(body);
  };
}
