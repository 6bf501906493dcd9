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
    reply.status(status).send(body);
  };
}
