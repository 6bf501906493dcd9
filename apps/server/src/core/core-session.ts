import { createHash } from 'node:crypto';
import type { Implementation, LoggingLevel, RequestId } from '@mcp-sse/protocol';
import type { Principal, SessionInfo } from '../tools/tool-context.js';
import type { InFlightCall } from './in-flight-call.js';
import { resultJson } from './wire.js';

/** A session's sink: one serialised JSON-RPC message, what it is, and the request it belongs to. */
export type SessionSend = (json: string, kind?: SendKind, relatedRequestId?: RequestId) => void;

/**
 * What an outgoing message is, when it is not an answer (undefined): a 'notification', or
 * a server-to-client 'request' (elicitation, sampling, roots), which a transport must not
 * mistake for the final answer of the request it relates to.
 */
export type SendKind = 'notification' | 'request';

/** Serialises a JSON-RPC result answering request `id` (see {@link CoreSessionInit.encodeResult}). */
export type EncodeResult = (id: RequestId, result: Record<string, unknown>) => string;

/** How a transport opens a session on the core. */
export interface CoreSessionInit {
  /** The session id (the transport issues it). */
  id: string;
  /** Who opened it. */
  principal?: Principal | undefined;
  /**
   * Delivers one serialised JSON-RPC message to the client. Called synchronously; the
   * transport owns buffering, ids and backpressure. `kind` is 'notification' for
   * progress, log and list-change notifications, which a transport may drop before answers
   * when its replay buffer is full, and 'request' for a server-to-client request (see
   * {@link SendKind}); an answer has none. `relatedRequestId` names the request the message
   * answers or belongs to (its result, its progress and logs), so that a transport with a
   * stream per request (Streamable HTTP) routes it there; undefined for messages that belong
   * to no request (list changes), which go to the session's standalone stream. A transport
   * with one stream per session ignores it.
   */
  send: SessionSend;
  /**
   * Ends the connection of the stream that carries this request without ending the stream
   * (SEP-1699 polling: the client resumes it). Only Streamable HTTP has such streams; true
   * when a connection was ended.
   */
  closeStream?: ((relatedRequestId: RequestId) => boolean) | undefined;
  /**
   * Starts the session already initialised at this protocol version: for a client that
   * lost its session and will not send `initialize` again (it says its version in the
   * `MCP-Protocol-Version` header of its reconnect).
   */
  protocolVersion?: string | undefined;
  /**
   * Serialises the results the core answers with. A transport whose revision adds members
   * to every result (2026-07-28: `resultType`, `serverInfo` in `_meta`) adds them here, at
   * the one serialisation, instead of parsing and re-serialising every answer. Default:
   * the plain JSON-RPC result.
   */
  encodeResult?: EncodeResult | undefined;
}

/** How many answered call ids a session remembers to refuse copies of them. */
export const ANSWERED_IDS_KEPT = 1024;

/** String ids longer than this are remembered by their SHA-256 (digests are longer, so never equal to a kept id). */
const ID_KEPT_AS_IS = 64;

/** What is remembered of an id: at most ~71 characters, however long the id. */
function answeredKey(id: RequestId): RequestId {
  if (typeof id !== 'string' || id.length <= ID_KEPT_AS_IS) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** The core's per-session protocol state. Transports only read it. */
export class CoreSession implements SessionInfo {
  readonly id: string;
  readonly principal: Principal | undefined;
  readonly send: SessionSend;
  /** See {@link CoreSessionInit.closeStream}. */
  readonly closeStream: ((relatedRequestId: RequestId) => boolean) | undefined;
  /** See {@link CoreSessionInit.encodeResult}. */
  readonly encodeResult: EncodeResult;
  clientInfo: Implementation | undefined;
  /** The capabilities the client declared in `initialize` (elicitation, sampling, roots...). */
  clientCapabilities: Record<string, unknown> | undefined;
  protocolVersion: string | undefined;
  /** True once `notifications/initialized` arrived. */
  initialized = false;
  /** Threshold from `logging/setLevel`; undefined sends everything, as the SDKs do. */
  logLevel: LoggingLevel | undefined;
  /** True once closed: nothing is sent any more. */
  closed = false;
  /** Every call not yet settled, queued or running. */
  readonly calls = new Set<InFlightCall>();
  /** The cancellable calls by request id. */
  readonly byRequestId = new Map<RequestId, InFlightCall>();
  /** Handlers running now. */
  running = 0;
  /** Calls waiting for a slot, oldest first. */
  readonly queue: Array<() => void> = [];
  /**
   * Ids of the latest answered calls, oldest first. A client that lost a POST's 202 may
   * send the same request again after its answer went out; ids must not be reused within
   * a session, so a copy is refused instead of running the tool twice. Made on first use:
   * an idle session pays nothing.
   */
  #answered: Set<RequestId> | undefined;
  /** The answered ids in the order they came, a ring of {@link ANSWERED_IDS_KEPT}. */
  #answeredOrder: RequestId[] | undefined;
  #answeredHead = 0;
  // An id may be as long as a body: 1,024 of them kept whole held up to 4 GiB per session.

  /** Sends the answer (result or error) to request `id`, on that request's stream. */
  reply(id: RequestId, json: string): void {
    this.send(json, undefined, id);
  }

  /** Answers request `id` with a result, serialised by the transport's {@link encodeResult}. */
  replyResult(id: RequestId, result: Record<string, unknown>): void {
    this.send(this.encodeResult(id, result), undefined, id);
  }

  /** Remembers that the call with this id was answered (the last {@link ANSWERED_IDS_KEPT}). */
  markAnswered(id: RequestId): void {
    const key = answeredKey(id);
    this.#answered ??= new Set();
    if (this.#answered.has(key)) return;
    this.#answered.add(key);
    // A ring keeps the order: taking the oldest from the Set itself walks the holes its
    // deletes leave behind (V8 compacts them only on a rehash), up to ~1,024 per answer.
    this.#answeredOrder ??= [];
    const order = this.#answeredOrder;
    if (order.length < ANSWERED_IDS_KEPT) {
      order.push(key);
      return;
    }
    this.#answered.delete(order[this.#answeredHead]!);
    order[this.#answeredHead] = key;
    this.#answeredHead = (this.#answeredHead + 1) % ANSWERED_IDS_KEPT;
  }

  /** Whether a call with this id was answered recently. */
  wasAnswered(id: RequestId): boolean {
    return this.#answered?.has(answeredKey(id)) ?? false;
  }

  constructor(init: CoreSessionInit) {
    this.id = init.id;
    this.principal = init.principal;
    this.send = init.send;
    this.closeStream = init.closeStream;
    this.encodeResult = init.encodeResult ?? resultJson;
    if (init.protocolVersion !== undefined) {
      this.protocolVersion = init.protocolVersion;
      this.initialized = true;
    }
  }
}
