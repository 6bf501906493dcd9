import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { MaybePromise } from '../sessions/session-store.js';
import type { Principal } from '../tools/tool-context.js';
import type { StreamMode } from './response-stream.js';

/** What the routes know of a Streamable HTTP session (on every instance, when shared). */
export interface SharedSessionInfo {
  principalId: string | null;
  /** The negotiated revision, once `initialize` was answered. */
  protocolVersion: string | undefined;
}

/** Where a POST's requests are answered: a new stream, or (a re-sent request) the one that answers it. */
export type StreamClaim =
  | { kind: 'new' | 'resent'; stream: string; orphan?: boolean }
  | { kind: 'gone' };

/**
 * What a `GET` resumes: a stream from a sequence number, nothing (complete and seen), no
 * stream the session knows, or (a plain `GET`) nothing because the session's standalone
 * stream is open already: one per session, and only a resume with `Last-Event-ID` takes it
 * over (the client's old connection may be half-dead).
 */
export type ResumePlan =
  | { kind: 'stream'; stream: string; from: number }
  | { kind: 'complete' }
  | { kind: 'unknown' }
  | { kind: 'conflict' };

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
 * The session layer of the Streamable HTTP 2025 routes, one interface for a single process
 * (`memory-streamable-sessions.ts`) and for several instances (Redis: any instance serves
 * any POST, GET or DELETE of any session, whichever instance runs the session's core). The
 * routes check headers and principals, then hand the HTTP response over to this. Methods
 * answer at once where they can (memory) and with a promise where they must (Redis): the
 * routes await only promises, so a POST in memory costs no extra turn of the event loop.
 */
export interface SharedStreamableSessions {
  /** Sessions whose core runs here. */
  readonly size: number;
  /** Opens a session held here and returns its id. */
  create(principal: Principal | undefined): MaybePromise<string>;
  /** The session, or undefined when there is none; `fresh` asks the shared store, not a cache. */
  info(id: string, fresh: boolean): MaybePromise<SharedSessionInfo | undefined>;
  /** Marks the session active. */
  touch(id: string): void;
  /** Hands notifications and responses to the session's holder; false when the session is gone. */
  notify(id: string, messages: readonly JSONRPCMessage[]): MaybePromise<boolean>;
  /**
   * Picks the stream that answers a POST's requests (a re-sent request gets its stream).
   * The requests of a new stream are handed to the session's holder here (Redis: in the
   * same step, so that a claimed stream always has its requests) or by {@link serve}
   * (memory: after the response is attached); a claim that is not 'gone' is always served.
   */
  claim(
    id: string,
    requests: ReadonlyArray<JSONRPCMessage & { id: RequestId }>,
    batch: boolean,
  ): MaybePromise<StreamClaim>;
  /** Serves a claimed stream on a POST's response (and hands the POST's notifications over). */
  serve(
    id: string,
    claim: StreamClaim & { kind: 'new' | 'resent' },
    messages: readonly JSONRPCMessage[],
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
  ): MaybePromise<void>;
  /** Where a `GET` (with or without `Last-Event-ID`) picks up. */
  planResume(
    id: string,
    lastEvent: { stream: string; seq: number } | undefined,
  ): MaybePromise<ResumePlan>;
  /** Serves a planned resume on a GET's response. */
  attach(
    id: string,
    plan: ResumePlan & { kind: 'stream' },
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    prime: boolean,
  ): MaybePromise<void>;
  /** Ends a session everywhere (DELETE). */
  end(id: string): MaybePromise<void>;
  /** Heartbeats on the streams served here; checks their holders are alive. */
  heartbeat(): void;
  /** Hands every session back and ends the streams served here (shutdown). */
  closeAll(): MaybePromise<void>;
}
