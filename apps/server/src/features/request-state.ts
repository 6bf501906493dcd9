import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The `requestState` of a multi round-trip request (2026-07-28): what the server needs to
 * resume a handler, carried by the client between rounds so that any instance can continue
 * it with no shared storage. It is base64url JSON plus an HMAC-SHA256 tag; every instance
 * behind a load balancer must use the same secret (`requestStateSecret`). A state that was
 * altered, expired or made for another request is refused with -32602.
 */

/** What a request state holds. */
export interface RequestStatePayload {
  /** Answers received in earlier rounds, by input key. */
  answers: Record<string, unknown>;
  /** The keys asked for in the latest round. */
  asked: string[];
  /** What the state was made for: method and target (tool, prompt or resource). */
  target: string;
  /** Epoch ms after which the state is refused. */
  exp: number;
}

/** Signs and checks request states with one secret. */
export class RequestStateSealer {
  readonly #key: Buffer;
  readonly #ttlMs: number;

  /**
   * @param secret shared by every instance that may resume a request; a random one (fine for
   * a single instance) when omitted.
   * @param ttlMs how long a state stays valid. Default 10 minutes.
   */
  constructor(secret?: string | Uint8Array, ttlMs = 10 * 60_000) {
    this.#key = secret === undefined || secret.length === 0 ? randomBytes(32) : Buffer.from(secret);
    this.#ttlMs = ttlMs;
  }

  /** Encodes and signs a state. */
  seal(
    answers: Record<string, unknown>,
    asked: string[],
    target: string,
    now = Date.now(),
  ): string {
    const payload: RequestStatePayload = { answers, asked, target, exp: now + this.#ttlMs };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.#tag(body)}`;
  }

  /**
   * Checks and decodes a state; undefined when it was altered, has expired or was made for
   * another target.
   */
  open(state: unknown, target: string, now = Date.now()): RequestStatePayload | undefined {
    if (typeof state !== 'string' || state.length > 1_000_000) return undefined;
    const dot = state.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = state.slice(0, dot);
    const given = Buffer.from(state.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.#tag(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: RequestStatePayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as RequestStatePayload;
    } catch {
      return undefined;
    }
    if (payload.target !== target || typeof payload.exp !== 'number' || payload.exp < now) {
      return undefined;
    }
    if (typeof payload.answers !== 'object' || payload.answers === null) return undefined;
    return payload;
  }

  #tag(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}
