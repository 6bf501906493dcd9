import { type JSONRPCMessage, parseJSONRPCMessage } from '@mcp-sse/protocol';
import type { Inbound } from '../sessions/session-delivery.js';

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
