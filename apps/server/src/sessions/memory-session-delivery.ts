import type { Inbound, SessionDelivery } from './session-delivery.js';

/** The default {@link SessionDelivery}: sessions held by connections in this process. */
export class MemorySessionDelivery implements SessionDelivery {
  readonly #handlers = new Map<string, (inbound: Inbound) => void>();

  attach(sessionId: string, handler: (inbound: Inbound) => void): () => void {
    this.#handlers.set(sessionId, handler);
    return () => {
      if (this.#handlers.get(sessionId) === handler) this.#handlers.delete(sessionId);
    };
  }

  deliver(sessionId: string, inbound: Inbound): boolean {
    const handler = this.#handlers.get(sessionId);
    if (handler === undefined) return false;
    handler(inbound);
    return true;
  }
}
