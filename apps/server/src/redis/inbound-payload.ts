import { type JSONRPCMessage, parseJSONRPCMessage, type RequestId } from '@mcp-sse/protocol';
import type { Inbound } from '../sessions/session-delivery.js';
import { decodeStreamRequest } from './streamable-payload.js';

/*
 * What travels on a session's inbound channel, one leading letter for the kind:
 * `m<json-rpc>` a message, `s<json>` a simple-form call, `a<gen>` / `d<gen>` a stream
 * attached / detached somewhere, `x` the session ended, `p` a probe (is the holder there?).
 */

/** The payload of an inbound message or call. */
export function encodeInbound(inbound: Inbound): string {
  return inbound.kind === 'message'
    ? `m${JSON.stringify(inbound.message)}`
    : `s${JSON.stringify({ tool: inbound.tool, args: inbound.args })}`;
}

/** The pending-hash field of a request (its id as JSON, so 1 and "1" differ); '' otherwise. */
export function pendingField(inbound: Inbound): string {
  if (inbound.kind !== 'message') return '';
  const message = inbound.message as { id?: unknown; method?: unknown };
  return message.id !== undefined && typeof message.method === 'string'
    ? JSON.stringify(message.id)
    : '';
}

/** A payload read back: undefined for anything malformed (never from our own writers). */
export function decodeInbound(payload: string): Inbound | undefined {
  try {
    if (payload.startsWith('m')) {
      const parsed = parseJSONRPCMessage(payload.slice(1));
      return parsed.ok ? { kind: 'message', message: parsed.value as JSONRPCMessage } : undefined;
    }
    if (payload.startsWith('s')) {
      const { tool, args } = JSON.parse(payload.slice(1)) as {
        tool: string;
        args: Record<string, unknown>;
      };
      return { kind: 'simple', tool, args };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A request kept in a session's pending hash, as an instance taking the session over reads it. */
export interface PendingRequest {
  message: JSONRPCMessage & { id: RequestId };
  /** The stream answering it (Streamable HTTP); undefined for an HTTP+SSE request. */
  stream: string | undefined;
  /** Requests on that stream (a batch). */
  count: number;
}

/**
 * A pending-hash entry read back: a Streamable HTTP request (`q…`, see
 * `streamable-payload.ts`) or an HTTP+SSE one (`m…`); undefined for anything else.
 */
export function decodePendingRequest(payload: string): PendingRequest | undefined {
  const streamed = decodeStreamRequest(payload);
  if (streamed !== undefined) return streamed;
  const inbound = payload.startsWith('m') ? decodeInbound(payload) : undefined;
  if (inbound?.kind !== 'message') return undefined;
  const message = inbound.message as JSONRPCMessage & { id?: RequestId; method?: unknown };
  if (message.id === undefined || typeof message.method !== 'string') return undefined;
  return { message: message as JSONRPCMessage & { id: RequestId }, stream: undefined, count: 1 };
}

/** The id of a response as the core writes it (`{"jsonrpc":"2.0","id":…,"result"|"error"`). */
const RESPONSE_ID = /^\{"jsonrpc":"2\.0","id":("(?:[^"\\]|\\.)*"|-?[\d.eE+-]+),"(?:result|error)"/;

/**
 * The pending-hash field a serialised outgoing message answers ('' for notifications):
 * read from the text's head, since the core writes responses in one fixed key order and
 * parsing every outgoing message would cost more than the rest of the path.
 */
export function answeredField(json: string): string {
  return RESPONSE_ID.exec(json)?.[1] ?? '';
}
