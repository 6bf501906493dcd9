import type { RequestId } from '@mcp-sse/protocol';
import type { CoreSession } from '../core/core-session.js';
import type { LinkEntry } from './link-entry.js';

/** A request of the child waiting for this client's answer. */
export interface HeldChildRequest {
  /** The child generation that asked (a restarted child must not get the answer). */
  generation: number;
  /** The child's own id for it. */
  childId: RequestId;
  method: string;
}

/**
 * The gateway's state for one client session: which child serves it and the id maps in
 * both directions, so that nothing crosses to another session.
 */
export class GatewaySession {
  readonly session: CoreSession;
  /** The child serving this session (undefined before `initialize` in per-session mode). */
  entry: LinkEntry | undefined;
  /** A 2026-07-28 stateless request: it cannot be asked anything back. */
  readonly stateless: boolean;
  /** The client's requests in flight: client id -> child id. */
  readonly toChild = new Map<RequestId, number>();
  /** The child's requests waiting for this client: our id to the client -> the child's. */
  readonly fromChild = new Map<number, HeldChildRequest>();
  #nextOutboundId = 1;
  /** The last `logging/setLevel` params, replayed on a restarted child. */
  logLevelParams: Record<string, unknown> | undefined;
  /** Resource URIs subscribed, replayed on a restarted child. */
  readonly subscriptions = new Set<string>();
  /** True once `initialize` was received (a second one is refused). */
  initializeSeen = false;

  constructor(session: CoreSession, stateless: boolean) {
    this.session = session;
    this.stateless = stateless;
  }

  /** A fresh id for a request to the client (ours, never the child's: two children may clash). */
  nextOutboundId(): number {
    return this.#nextOutboundId++;
  }

  /**
   * The client request a message from the child most likely belongs to, for Streamable
   * HTTP's per-request streams: the only request in flight, else the latest. stdio carries
   * no such link, so with none in flight it goes to the session's standalone stream.
   */
  relatedRequestId(): RequestId | undefined {
    let last: RequestId | undefined;
    for (const id of this.toChild.keys()) last = id;
    return last;
  }
}
