import type { ServerResponse } from 'node:http';
import type { ClientHints } from '../sse/detached-sessions.js';
import type { Principal } from '../tools/tool-context.js';
import type { clientKey } from './client-key.js';
import type { MaybePromise } from './session-store.js';

/**
 * What the routes need from a stream transport: the in-memory `SseTransport`, or
 * `RedisSseSessions` when several instances share sessions through Redis.
 */
export interface SessionTransport {
  /** Sessions held by this process. */
  readonly size: number;
  /** Sessions held here whose stream dropped, waiting in their grace period. */
  readonly detached: number;
  /** Starts a session on a response whose SSE headers are written. */
  open(
    res: ServerResponse,
    id: string,
    principal: Principal | undefined,
    endpoint: string,
    init?: { protocolVersion?: string; client?: Omit<ClientHints, 'principalId'> },
  ): Promise<void>;
  /** Resumes the session a `Last-Event-ID` names; false (nothing written) when it cannot. */
  resume(
    res: ServerResponse,
    lastEventId: unknown,
    principal: Principal | undefined,
  ): MaybePromise<boolean>;
  /** Whether {@link resume} would pick the session up; may reject (503) when the store is down. */
  canResume(lastEventId: unknown, principal: Principal | undefined): MaybePromise<boolean>;
  /** Re-attaches a reconnect without `Last-Event-ID`; false (nothing written) when it cannot. */
  reattach(res: ServerResponse, client: ClientHints, protocolVersion: string): boolean;
  /** Whether {@link reattach} would pick a session up. */
  canReattach(client: ClientHints, protocolVersion: string): boolean;
  /**
   * Ends the session that has waited longest in its grace period, to make room under
   * `maxSessions`; false when none waits.
   */
  evictDetached?(): Promise<boolean>;
  /** Sessions held here for one client (a {@link clientKey}), to cap them per client. */
  sessionsOf?(client: string): number;
  /** Closes a session everywhere. */
  close(id: string, reason: string): Promise<void>;
  /** Sends a heartbeat on every local stream. */
  heartbeat(): void;
  /** Closes sessions idle for `ttlMs`. */
  sweep(ttlMs: number, now?: number): Promise<number>;
  /** Ends every local session (shutdown). */
  closeAll(reason: string): Promise<void>;
  /** Extra fields for the health check; `ok: false` turns it into a 503. */
  health?(): { ok: boolean } & Record<string, unknown>;
}
