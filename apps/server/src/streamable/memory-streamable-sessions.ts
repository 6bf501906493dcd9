import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { newSessionId } from '../sessions/session-id.js';
import type { Principal } from '../tools/tool-context.js';
import { writeJsonBody } from './json-body.js';
import type { StreamMode } from './response-stream.js';
import type {
  ResumePlan,
  ServeOptions,
  SharedSessionInfo,
  SharedStreamableSessions,
  StreamClaim,
} from './shared-sessions.js';
import { STANDALONE_STREAM } from './stream-event-id.js';
import { StreamableSession, type StreamSettings } from './streamable-session.js';

/** Options of {@link MemoryStreamableSessions}. */
export interface MemoryStreamableSessionsOptions extends StreamSettings {
  core: McpServerCore;
  logger: CoreLogger;
}

/** Streams kept elsewhere (the 2026-07-28 endpoint) that share the heartbeat and shutdown. */
export interface StreamCompanion {
  heartbeat(): void;
  closeAll(): void;
}

// Shared answers: the hot path allocates no claim or plan of its own for these.
const NEW: StreamClaim & { kind: 'new' } = Object.freeze({ kind: 'new', stream: '' });
const GONE: StreamClaim = Object.freeze({ kind: 'gone' });
const UNKNOWN: ResumePlan = Object.freeze({ kind: 'unknown' });
const COMPLETE: ResumePlan = Object.freeze({ kind: 'complete' });
const CONFLICT: ResumePlan = Object.freeze({ kind: 'conflict' });

const isRequest = (message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } =>
  'method' in message && 'id' in message && message.id !== undefined;

/**
 * {@link SharedStreamableSessions} in one process: each session is a
 * {@link StreamableSession} (a stream per POST and the standalone GET stream, each with its
 * own numbered, bounded event log) over the same {@link McpServerCore} as the HTTP+SSE
 * transport. Everything answers synchronously: the routes then await nothing on a POST.
 * Priming follows the session's negotiated revision (the rule behind the routes' `prime`),
 * so the `prime` the routes pass is not needed here. Also serves the one-POST sessions of
 * `streamableSessions: false` ({@link once}).
 */
export class MemoryStreamableSessions implements SharedStreamableSessions {
  readonly #o: MemoryStreamableSessionsOptions;
  readonly #sessions = new Map<string, StreamableSession>();
  readonly #companions: StreamCompanion[] = [];

  constructor(options: MemoryStreamableSessionsOptions) {
    this.#o = options;
  }

  /** Adds streams kept elsewhere to the heartbeat and the shutdown. */
  addCompanion(companion: StreamCompanion): void {
    this.#companions.push(companion);
  }

  get size(): number {
    return this.#sessions.size;
  }

  create(principal: Principal | undefined): string {
    return this.#open(principal, undefined).id;
  }

  info(id: string): SharedSessionInfo | undefined {
    // The session itself has both fields: no copy per request.
    return this.#sessions.get(id);
  }

  touch(id: string): void {
    const session = this.#sessions.get(id);
    if (session !== undefined) session.lastActiveAt = Date.now();
  }

  notify(id: string, messages: readonly JSONRPCMessage[]): boolean {
    if (!this.#sessions.has(id)) return false;
    for (const message of messages) this.#o.core.handle(id, message);
    return true;
  }

  claim(
    id: string,
    requests: ReadonlyArray<JSONRPCMessage & { id: RequestId }>,
    batch: boolean,
  ): StreamClaim {
    const session = this.#sessions.get(id);
    if (session === undefined) return GONE;
    // The same request again (same id) after its POST broke: re-attach, never run it twice.
    const resent = !batch && requests.length === 1 ? session.resent(requests[0]!.id) : undefined;
    if (resent === undefined) return NEW;
    // A kept JSON answer has no stream any more: serve finds it again by the request id.
    return { kind: 'resent', stream: typeof resent === 'string' ? '' : resent.key };
  }

  serve(
    id: string,
    claim: StreamClaim & { kind: 'new' | 'resent' },
    messages: readonly JSONRPCMessage[],
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
  ): void {
    const session = this.#sessions.get(id);
    if (claim.kind === 'resent') {
      // Claimed in the same turn: the session finds the same stream or answer again.
      const resentId = (messages.find(isRequest) as { id: RequestId }).id;
      if (session === undefined || !session.resend(resentId, res, headers)) {
        alreadyAnswered(res, headers, resentId);
      }
      return;
    }
    if (session === undefined) {
      sessionGone(res, headers);
      return;
    }
    const ids: RequestId[] = [];
    for (const message of messages) if (isRequest(message)) ids.push(message.id);
    const stream = session.openPost(res, headers, ids, options.mode, options.batch);
    for (const message of messages) this.#o.core.handle(id, message);
    if (session.protocolVersion === undefined) this.#negotiated(session);
    // A call may run long: stream at once, so that the priming event makes it resumable.
    if (options.stream && !stream.finished) {
      stream.stream();
      if (options.pollAfterMs > 0) {
        const timer = setTimeout(() => stream.poll(), options.pollAfterMs);
        timer.unref();
      }
    }
  }

  planResume(id: string, lastEvent: { stream: string; seq: number } | undefined): ResumePlan {
    const session = this.#sessions.get(id);
    if (session === undefined) return UNKNOWN;
    if (lastEvent === undefined) {
      const standalone = session.standalone();
      // One standalone stream per session; a resume with Last-Event-ID takes it over.
      if (standalone.attached) return CONFLICT;
      return { kind: 'stream', stream: STANDALONE_STREAM, from: standalone.sentSeq };
    }
    const stream = session.stream(lastEvent.stream);
    if (stream === undefined) return UNKNOWN;
    if (!stream.resumesAfter(lastEvent.seq)) return COMPLETE;
    return { kind: 'stream', stream: lastEvent.stream, from: lastEvent.seq };
  }

  attach(
    id: string,
    plan: ResumePlan & { kind: 'stream' },
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
  ): void {
    const session = this.#sessions.get(id);
    const stream = session?.stream(plan.stream);
    if (stream !== undefined && session!.attach(stream, res, headers, plan.from)) return;
    // Nothing left to give (planned in the same turn, so hardly ever): as for a complete stream.
    res.writeHead(204, headers);
    res.end();
  }

  end(id: string): void {
    this.close(id);
  }

  /**
   * `streamableSessions: false`: a 2025 client's POST runs on a session of its own that
   * starts at `protocolVersion` (undefined: the POST is its `initialize`) and ends with the
   * last answer, or when the client goes (nothing could resume it).
   */
  once(
    principal: Principal | undefined,
    protocolVersion: string | undefined,
    messages: readonly JSONRPCMessage[],
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    mode: StreamMode,
    batch: boolean,
  ): void {
    const session = this.#open(principal, protocolVersion);
    const close = () => this.close(session.id);
    session.onAllAnswered = close;
    const ids: RequestId[] = [];
    for (const message of messages) if (isRequest(message)) ids.push(message.id);
    session.openPost(res, headers, ids, mode, batch);
    res.once('close', close);
    for (const message of messages) this.#o.core.handle(session.id, message);
  }

  /** Ends a session: its calls are aborted, its streams ended. */
  close(id: string): boolean {
    const session = this.#sessions.get(id);
    if (session === undefined) return false;
    this.#sessions.delete(id);
    this.#o.core.closeSession(id);
    session.close();
    return true;
  }

  heartbeat(): void {
    for (const session of this.#sessions.values()) session.heartbeat();
    for (const companion of this.#companions) companion.heartbeat();
  }

  /** Ends sessions with no request for `ttlMs`. */
  sweep(ttlMs: number, now = Date.now()): number {
    let closed = 0;
    for (const session of [...this.#sessions.values()]) {
      if (now - session.lastActiveAt >= ttlMs && this.close(session.id)) closed++;
    }
    return closed;
  }

  closeAll(): void {
    for (const id of [...this.#sessions.keys()]) this.close(id);
    for (const companion of this.#companions) companion.closeAll();
  }

  #open(principal: Principal | undefined, protocolVersion: string | undefined): StreamableSession {
    const id = newSessionId();
    const session = new StreamableSession(id, principal?.id ?? null, this.#o, (reason) => {
      this.#o.logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
      this.close(id);
    });
    this.#sessions.set(id, session);
    this.#o.core.openSession({
      id,
      principal,
      send: (json, kind, related) => session.send(json, kind, related),
      closeStream: (related) => session.closeStream(related),
      ...(protocolVersion === undefined ? {} : { protocolVersion }),
    });
    return session;
  }

  /**
   * After `initialize` (answered synchronously by the core): the revision it fixed decides
   * priming; a refused one leaves no session behind, since the client has no id to use it with.
   */
  #negotiated(session: StreamableSession): void {
    const negotiated = this.#o.core.session(session.id)?.protocolVersion;
    if (negotiated === undefined) this.close(session.id);
    else session.protocolVersion = negotiated;
  }
}

function jsonError(
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  status: number,
  body: object,
): void {
  writeJsonBody(res, status, headers, JSON.stringify(body));
}

/** A re-sent request whose answer was already written as JSON (nothing kept to give again). */
function alreadyAnswered(res: ServerResponse, headers: OutgoingHttpHeaders, id: RequestId): void {
  jsonError(res, headers, 409, {
    jsonrpc: '2.0',
    id,
    error: {
      code: -32600,
      message: 'Request id already answered: ids must not be reused within a session',
    },
  });
}

/** The session ended between its claim and its POST being served. */
function sessionGone(res: ServerResponse, headers: OutgoingHttpHeaders): void {
  jsonError(res, headers, 404, {
    jsonrpc: '2.0',
    id: null,
    error: { code: -32001, message: 'Session not found: initialize again' },
  });
}
