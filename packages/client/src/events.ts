import type {
  Implementation,
  JSONRPCNotification,
  LoggingMessageNotification,
  ServerCapabilities,
  Tool,
} from '@mcp-sse/protocol';
import type { McpSseClientError } from './errors.js';
import type { ReplayGapInfo } from './transport/replay-gap.js';

/**
 * One thing crossing the wire, for tracing and narration. `open`: the SSE stream opened
 * (with its HTTP status); `event`: an SSE event arrived (name and parsed data); `comment`:
 * a heartbeat comment arrived; `post`: a JSON-RPC message was POSTed (with the HTTP status
 * of the answer).
 */
export interface WireEvent {
  direction: 'in' | 'out';
  kind: 'open' | 'event' | 'post' | 'comment';
  name?: string;
  data?: unknown;
  status?: number;
}

/** Why the client closed. */
export type CloseReason =
  /** `close()` was called. */
  | 'closed'
  /** The `signal` given in the options was aborted. */
  | 'aborted'
  /** The server ended the SSE stream (or it broke). */
  | 'stream_ended'
  /** Connecting failed (the error says why). */
  | 'connect_failed';

/** Payload of the `close` event. */
export interface CloseInfo {
  reason: CloseReason;
  error?: McpSseClientError;
}

/** Payload of the `ready` event: what `initialize` told us, and the tools. */
export interface ReadyInfo {
  serverInfo: Implementation;
  serverCapabilities: ServerCapabilities;
  protocolVersion: string;
  instructions: string | undefined;
  endpoint: string | undefined;
  tools: readonly Tool[];
}

/** Payload of the `reconnecting` event. */
export interface ReconnectingEvent {
  /** 1-based attempt within this outage. */
  attempt: number;
  /** Ms until the attempt (backoff with full jitter, at least the server's `retry`). */
  delayMs: number;
  /** Why: the stream ended, broke, went silent, or the previous attempt failed. */
  error: McpSseClientError;
}

/** Payload of the `reconnected` event. */
export interface ReconnectedEvent {
  /** The attempt that succeeded. */
  attempt: number;
  /** The endpoint now in use. */
  endpoint: string;
  /** True: the server resumed our session; false: a new session was started. */
  resumed: boolean;
}

/** The events of {@link McpSseClient}, each with its payload. */
export interface McpSseClientEvents {
  /** Connected, initialized and the tools are known. */
  ready: ReadyInfo;
  /** The tool list changed (pushed `tools` event or `notifications/tools/list_changed`). */
  toolsChanged: readonly Tool[];
  /** A `notifications/message` log entry from the server. */
  log: LoggingMessageNotification['params'];
  /** Any notification from the server, progress included. */
  notification: JSONRPCNotification;
  /** Something went wrong that no pending promise reports (bad message, failed refresh). */
  error: McpSseClientError;
  /** The client closed; after this it is unusable. */
  close: CloseInfo;
  /** Everything that crosses the wire; costs nothing while nobody listens. */
  wire: WireEvent;
  /** The stream dropped; reconnect attempt `attempt` starts after `delayMs`. */
  reconnecting: ReconnectingEvent;
  /**
   * The stream is back and calls flow again: the same session (`resumed: true`), or a new
   * one that is initialized, with its tools known (`resumed: false`, after `sessionLost`).
   */
  reconnected: ReconnectedEvent;
  /** The server lost our session; a new one is being started (see `reconnected`). */
  sessionLost: { error: McpSseClientError };
  /** The server's resource list changed (`notifications/resources/list_changed`). */
  resourcesChanged: Record<string, never>;
  /** The server's prompt list changed (`notifications/prompts/list_changed`). */
  promptsChanged: Record<string, never>;
  /** A subscribed resource changed (`notifications/resources/updated`): read it again. */
  resourceUpdated: { uri: string };
  /**
   * A resumed stream came back without some of its events: the server's replay buffer had
   * dropped them (progress or log notifications, or an answer, are lost). Also reported as
   * an `error` event; raise the server's replay buffer if it happens.
   */
  replayGap: ReplayGapInfo;
}
