import { RequestIdInUseError } from '../errors/http-errors.js';
import type { Inbound, SessionDelivery } from '../sessions/session-delivery.js';
import { decodeInbound, encodeInbound, pendingField } from './inbound-payload.js';
import type { RedisConnections } from './redis-connections.js';
import { unavailable } from './redis-errors.js';

/** What the deliver script answers for a request that reuses a pending request's id. */
const ID_IN_USE = -2;

/**
 * {@link SessionDelivery} over Redis pub/sub: a POST that lands on any instance is
 * published on the session's inbound channel, which the holding instance listens on.
 * Requests stay in the session's pending hash until answered, and notifications sent
 * while no instance holds the session wait in its inbox, so the instance that resumes it
 * runs them: a POST answered 202 is never dropped because its holder died.
 */
export class RedisSessionDelivery implements SessionDelivery {
  readonly #conn: RedisConnections;
  readonly #ttlMs: number;
  /**
   * Called when a message was accepted for a session no instance holds (its holder died
   * or shut down): the transport takes it over here, so the message is run even before
   * the client's stream comes back.
   */
  onOrphan: ((sessionId: string) => void) | undefined;

  constructor(conn: RedisConnections, ttlMs: number) {
    this.#conn = conn;
    this.#ttlMs = ttlMs;
  }

  /**
   * Listens for the session's inbound messages here. Subscribing takes a round trip: use
   * the transport, which awaits it, rather than this synchronous form.
   */
  attach(sessionId: string, handler: (inbound: Inbound) => void): () => void {
    const channel = this.#conn.keys.inbound(sessionId);
    void this.#conn
      .listen(channel, (payload) => {
        const inbound = decodeInbound(payload);
        if (inbound !== undefined) handler(inbound);
      })
      .catch(() => {});
    return () => this.#conn.unlisten(channel);
  }

  /**
   * Publishes to the holder. True when the session exists (held, or waiting for an
   * instance to resume it); false when it does not (404). Rejects with a 400 when the
   * request reuses the id of one still pending (a word-for-word re-send is accepted and
   * left to the first copy's answer).
   */
  deliver(sessionId: string, inbound: Inbound): Promise<boolean> {
    const field = pendingField(inbound);
    return this.publish(sessionId, encodeInbound(inbound), field, true).then((listeners) => {
      if (listeners === ID_IN_USE) throw new RequestIdInUseError(field);
      if (listeners === 0) this.onOrphan?.(sessionId);
      return listeners >= 0;
    });
  }

  /**
   * Publishes a payload; the number of listeners, -1 when the session does not exist, -2
   * when `pending` names a pending request that this payload is not a copy of.
   * `keep` keeps an unheard notification for the next holder (control messages are not).
   */
  publish(sessionId: string, payload: string, pending = '', keep = false): Promise<number> {
    const { cmd, keys } = this.#conn;
    return cmd
      .mcpDeliver(
        keys.record(sessionId),
        keys.pending(sessionId),
        keys.inbox(sessionId),
        keys.notRun(sessionId),
        keys.inbound(sessionId),
        payload,
        pending,
        this.#ttlMs,
        keep ? '1' : '0',
      )
      .catch(unavailable);
  }
}
