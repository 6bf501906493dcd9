import type { z } from 'zod';
import { ProtocolError } from './errors.js';
import { firstIssuePath, formatIssues } from './issues.js';
import {
  JSONRPCErrorResponseSchema,
  type JSONRPCMessage,
  JSONRPCNotificationSchema,
  JSONRPCRequestSchema,
  JSONRPCResultResponseSchema,
} from './jsonrpc.js';

/** The outcome of reading a value: the value, or a ProtocolError that says what is wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** Parses JSON text without throwing. */
export function parseJson(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (cause) {
    return {
      ok: false,
      error: new ProtocolError('invalid_json', `Not valid JSON: ${(cause as Error).message}`, {
        cause,
      }),
    };
  }
}

/**
 * Validates `value` against `schema`; on failure the error names the failing field(s).
 * `what` names the thing being read, for the message ("JSON-RPC message", "tools event").
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  code: 'invalid_message' | 'invalid_event' = 'invalid_message',
): ParseResult<z.infer<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const field = firstIssuePath(result.error);
  const message = `Invalid ${what}: ${formatIssues(result.error)}`;
  return {
    ok: false,
    error: new ProtocolError(code, message, field === undefined ? {} : { field }),
  };
}

/**
 * Validates a parsed value as one JSON-RPC message.
 *
 * The kind is picked from the members present before validating, so that a broken message
 * is reported against the one schema it was meant to match ("params: expected object")
 * rather than as a failed union.
 */
export function toJSONRPCMessage(value: unknown): ParseResult<JSONRPCMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = Array.isArray(value)
      ? 'an array (batches are not supported)'
      : value === null
        ? 'null'
        : typeof value;
    return {
      ok: false,
      error: new ProtocolError(
        'invalid_message',
        `Invalid JSON-RPC message: expected an object, got ${what}`,
      ),
    };
  }
  if ('method' in value) {
    return 'id' in value
      ? parseWith(JSONRPCRequestSchema, value, 'JSON-RPC request')
      : parseWith(JSONRPCNotificationSchema, value, 'JSON-RPC notification');
  }
  if ('result' in value && 'error' in value) {
    return {
      ok: false,
      error: new ProtocolError(
        'invalid_message',
        'Invalid JSON-RPC response: it has both "result" and "error"; a response carries exactly one',
        { field: 'error' },
      ),
    };
  }
  if ('result' in value) return parseWith(JSONRPCResultResponseSchema, value, 'JSON-RPC response');
  if ('error' in value)
    return parseWith(JSONRPCErrorResponseSchema, value, 'JSON-RPC error response');
  return {
    ok: false,
    error: new ProtocolError(
      'invalid_message',
      'Invalid JSON-RPC message: it has none of "method", "result" or "error"',
    ),
  };
}

/** Reads one JSON-RPC message from JSON text (a POST body, an SSE `message` event's data). */
export function parseJSONRPCMessage(text: string): ParseResult<JSONRPCMessage> {
  const json = parseJson(text);
  if (!json.ok) return json;
  return toJSONRPCMessage(json.value);
}
