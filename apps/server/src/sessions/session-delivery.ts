import type { JSONRPCMessage } from '@mcp-sse/protocol';
import type { MaybePromise } from './session-store.js';

/** Something a client POSTed for a session, on its way to the connection holding it. */
export type Inbound =
  /** A JSON-RPC message (`POST /messages`). */
  | { kind: 'message'; message: JSONRPCMessage }
  /** The simple form (`POST /sse`): run `tool` with `args`, answer with a result/error event. */
  | { kind: 'simple'; tool: string; args: Record<string, unknown> };

/**
 * Routes inbound messages to whichever connection holds a session. In one process that is
 * a Map lookup; with several instances (Redis pub/sub) the POST may land on an instance
 * that does not hold the stream, and this is where it crosses over.
 */
export interface SessionDelivery {
  /** Registers the local handler for a session's inbound messages; returns the detach function. */
  attach(sessionId: string, handler: (inbound: Inbound) => void): () => void;
  /** Delivers to the holder; false when no connection holds the session. */
  deliver(sessionId: string, inbound: Inbound): MaybePromise<boolean>;
}
