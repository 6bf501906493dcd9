import { type JSONRPCMessage, parseJSONRPCMessage, type RequestId } from '@mcp-sse/protocol';

/*
 * A Streamable HTTP request on a session's inbound channel: `q<stream>:<count>\n<json-rpc>`,
 * naming the stream that answers it and how many requests that stream carries (a batch),
 * so that the holder routes every answer and notification of the request to its stream,
 * and knows when the stream is complete. Written by the claim script (`redis-scripts.ts`)
 * and kept whole in the pending hash: an instance that takes the session over learns the
 * same from it.
 */

/** A request payload read back; undefined when it is not one. */
export function decodeStreamRequest(
  payload: string,
): { stream: string; count: number; message: JSONRPCMessage & { id: RequestId } } | undefined {
  if (!payload.startsWith('q')) return undefined;
  const newline = payload.indexOf('\n');
  const head = /^q(\d{1,9}):(\d{1,6})$/.exec(payload.slice(0, newline));
  if (newline < 0 || head === null) return undefined;
  const parsed = parseJSONRPCMessage(payload.slice(newline + 1));
  if (!parsed.ok) return undefined;
  const message = parsed.value as JSONRPCMessage & { id?: RequestId };
  if (message.id === undefined) return undefined;
  return {
    stream: head[1]!,
    count: Number(head[2]),
    message: message as JSONRPCMessage & { id: RequestId },
  };
}
