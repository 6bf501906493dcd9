import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { Principal } from '../tools/tool-context.js';
import type { StreamMode } from './response-stream.js';

/** What every instance knows of a shared Streamable HTTP session. */
export interface SharedSessionInfo {
  principalId: string | null;
  /** The negotiated revision, once `initialize` was answered. */
  protocolVersion: string | undefined;
}

/** Where a POST's requests are answered: a new stream, or (a re-sent request) the one that answers it. */
export type StreamClaim =
  | { kind: 'new' | 'resent'; stream: string; orphan?: boolean }
  | { kind: 'gone' };

/** What a `GET` resumes: a stream from a sequence number, or nothing (complete and seen). */
export type ResumePlan =
  | { kind: 'stream'; stream: string; from: number }
  | { kind: 'complete' }
  | { kind: 'unknown' };

/** How a POST's stream is served. */
export interface ServeOptions {
  mode: StreamMode;
  batch: boolean;
  /** Prime the stream (2025-11-25). */
  prime: boolean;
  /** Stream at once (a tool call may run long: the priming id makes it resumable). */
  stream: boolean;
  /** SEP-1699: end the connection after this many ms of a streamed call (0: never). */
  pollAfterMs: number;
}

/**
 * Streamable HTTP 2025 sessions shared by several instances (Redis): any instance serves
 * any POST, GET or DELETE of any session, whichever instance runs the session's core. The
 * routes check headers and principals, then hand the HTTP response over to this.
 */
export interface SharedStreamableSessions {
  /** Sessions whose core runs here. */
  readonly size: number;
  /** Opens a session held here and returns its id. */
  create(principal: Principal | undefined): Promise<string>;
  /** The session, or undefined when there is none; `fresh` asks the shared store, not a cache. */
  info(id: string, fresh: boolean): Promise<SharedSessionInfo | undefined>;
  /** Marks the session active. */
  touch(id: string): void;
  /** Hands notifications and responses to the session's holder; false when the session is gone. */
  notify(id: string, messages: readonly JSONRPCMessage[]): Promise<boolean>;
  /**
   * Picks the stream that answers a POST's requests and, when it is a new one, hands the
   * requests to the session's holder in the same step; a re-sent request gets its stream.
   */
  claim(
    id: string,
    requests: ReadonlyArray<JSONRPCMessage & { id: RequestId }>,
    batch: boolean,
  ): Promise<StreamClaim>;
  /** Serves a claimed stream on a POST's response (and hands the POST's notifications over). */
  serve(
    id: string,
    claim: StreamClaim & { kind: 'new' | 'resent' },
    messages: readonly JSONRPCMessage[],
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
  ): Promise<void>;
  /** Where a `GET` (with or without `Last-Event-ID`) picks up. */
  planResume(
    id: string,
    lastEvent: { stream: string; seq: number } | undefined,
  ): Promise<ResumePlan>;
  /** Serves a planned resume on a GET's response. */
  attach(
    id: string,
    plan: ResumePlan & { kind: 'stream' },
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    prime: boolean,
  ): Promise<void>;
  /** Ends a session everywhere (DELETE). */
  end(id: string): Promise<void>;
  /** Heartbeats on the streams served here; checks their holders are alive. */
  heartbeat(): void;
  /** Hands every session back and ends the streams served here (shutdown). */
  closeAll(): Promise<void>;
}
