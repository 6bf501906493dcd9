import type { JSONRPCMessage, Tool } from '@mcp-sse/protocol';
import type { McpSseClientError } from '../errors.js';
import type { CloseReason, WireEvent } from '../events.js';
import type { AbortWatch } from '../http/abort-handle.js';
import type { ReplayGapInfo } from './replay-gap.js';

/** Payload of {@link Transport.onreconnecting}. */
export interface ReconnectingInfo {
  /** 1-based attempt within this outage. */
  attempt: number;
  /** Ms waited before the attempt (backoff with jitter, at least the server's `retry`). */
  delayMs: number;
  /** Why the stream is being reopened. */
  cause: McpSseClientError;
}

/** Payload of {@link Transport.onreconnected}. */
export interface ReconnectedInfo {
  /** The attempt that succeeded. */
  attempt: number;
  /** The endpoint now in use. */
  endpoint: string;
  /** True when the server resumed the same session (`Last-Event-ID`); false: a new session. */
  resumed: boolean;
}

/** Options of {@link Transport.send}. */
export interface SendOptions {
  /**
   * Aborted when the message's call ends (timeout, abort): the transport stops the HTTP
   * request that carries it, body included, instead of keeping it open for nobody.
   */
  signal?: AbortSignal;
  /**
   * The same as `signal` without the cost of an `AbortSignal` (the session's own sends pass
   * both, `signal` made only when read): a transport that knows it reads this one instead.
   */
  abort?: AbortWatch;
}

/** How and why a transport closed. */
export interface TransportCloseInfo {
  reason: CloseReason;
  error?: McpSseClientError;
}

/**
 * Moves JSON-RPC messages between the client and one server, shaped like the official
 * SDK's transport so that the MCP session layer does not care how bytes travel: HTTP+SSE
 * today, Streamable HTTP beside it later.
 */
export interface Transport {
  /** Opens the connection; resolves once messages can be sent. */
  start(): Promise<void>;
  /** Sends one message; rejects with a McpSseClientError when it could not be delivered. */
  send(message: JSONRPCMessage, options?: SendOptions): Promise<void>;
  /** Closes the connection; fires `onclose` once. */
  close(): Promise<void>;
  /** A message arrived. */
  onmessage?: (message: JSONRPCMessage) => void;
  /** Something unreadable arrived, or a background failure; the transport goes on. */
  onerror?: (error: McpSseClientError) => void;
  /** The connection is gone, locally or remotely. */
  onclose?: (info: TransportCloseInfo) => void;
  /** The server pushed the original design's `tools` event. */
  ontools?: (tools: Tool[]) => void;
  /** Trace of the wire; leave unset when nobody listens. */
  onwire?: (event: WireEvent) => void;
  /** Tells the transport the negotiated protocol version (sent as a header where the transport has one). */
  setProtocolVersion?(version: string): void;
  /** The stream dropped and a reconnect attempt is about to start (reconnecting transports). */
  onreconnecting?: (info: ReconnectingInfo) => void;
  /** The stream is back: the same session resumed, or a new one (then initialize again). */
  onreconnected?: (info: ReconnectedInfo) => void;
  /**
   * Drops the stream and reconnects (e.g. after a POST got 404). Present only on
   * transports that reconnect; false when they cannot (closed, or recovery is off).
   */
  reconnect?(): boolean;
  /** A resumed stream came back without some events (the server's replay had dropped them). */
  onreplaygap?: (info: ReplayGapInfo) => void;
  /** The URL messages are POSTed to, once known. */
  readonly endpoint?: string | undefined;
}
